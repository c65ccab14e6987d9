/**
 * How plugins run a program on the worker (`shell-local`): never `child_process` directly. The
 * host (the worker, a test) decides where it runs: in a sandbox of the build run's own, or, only in an
 * operator's explicit single-tenant mode, as a plain process group. Plugins see only this interface.
 */
export interface LocalCommand {
  /** The program, then its arguments; the program is looked up in the sandbox's PATH. */
  command: string;
  args: string[];
  /** Working folder: the run's work folder or a folder inside it. */
  cwd: string;
  /**
   * The command's whole environment besides what the sandbox itself sets (PATH, HOME, TMPDIR):
   * nothing of the worker's environment reaches it.
   */
  env: Record<string, string>;
  /** Aborting stops every process the command started. */
  signal: AbortSignal;
  /** Each complete line of output as it arrives, in order per stream, without the line break. */
  onLine(stream: 'stdout' | 'stderr', line: string): void;
  /** Called about once a second while the command runs. */
  onHeartbeat?(): void;
}

export interface LocalCommandResult {
  /** The exit status; a process ended by a signal reports 128 + the signal number, like a shell. */
  exitCode: number;
  /** True when the run ended because `signal` was aborted. */
  aborted: boolean;
}

export interface LocalExecutor {
  /** How commands are isolated, for the build output: `bubblewrap sandbox`, `single-tenant (no sandbox)`. */
  readonly isolation: string;
  run(command: LocalCommand): Promise<LocalCommandResult>;
}
