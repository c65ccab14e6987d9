/**
 * How provisioners reach the machine a builder made or was pointed at: Packer's `packer.Communicator`.
 * A builder opens one from its own settings and the build state (see `BuilderPlugin.connect`); the
 * engine hands it to each provisioner step in `RunContext.communicator` and closes it after the step.
 * Implementations live in `@kiln/plugins` (SSH); the engine only knows this interface.
 */
export interface RemoteCommandOptions {
  /** Output as it arrives, in order per stream; chunks are UTF-8 text and may split lines. */
  onStdout?(chunk: string): void;
  onStderr?(chunk: string): void;
  /** Aborting ends the remote command (with a pty, the remote process group gets SIGHUP). */
  signal?: AbortSignal;
  /** Ask the remote side for a pseudo-terminal (stdout and stderr then arrive merged). */
  pty?: boolean;
  /** Sent to the command's standard input, which is then closed. */
  stdin?: string;
}

export interface RemoteCommandResult {
  /** The remote exit status; `null` when the command ended without one (a signal, a lost link). */
  exitStatus: number | null;
  /** The signal that ended the command, when the server reports one (`TERM`, `KILL`, ...). */
  exitSignal?: string;
  /** True when the connection dropped before the command reported how it ended. */
  disconnected: boolean;
}

export interface TransferOptions {
  signal?: AbortSignal;
  /** File mode of an uploaded file (default 0644). */
  mode?: number;
}

export interface Communicator {
  /** `ssh`, ...: named in messages. */
  readonly type: string;
  /** `user@host:port`, for messages; never credentials. */
  readonly address: string;
  /** Runs one command through the remote user's shell. */
  exec(command: string, options?: RemoteCommandOptions): Promise<RemoteCommandResult>;
  /** Writes `content` to the remote file `remotePath` (its folder must exist). */
  upload(remotePath: string, content: Uint8Array | string, options?: TransferOptions): Promise<void>;
  /** Copies a local file to `remotePath`. */
  uploadFile(localPath: string, remotePath: string, options?: TransferOptions): Promise<void>;
  /** Copies a local folder's contents into `remoteDir` (created when missing), recursively. */
  uploadDir(localDir: string, remoteDir: string, options?: TransferOptions): Promise<void>;
  /** Copies the remote file `remotePath` to `localPath`. */
  downloadFile(remotePath: string, localPath: string, options?: TransferOptions): Promise<void>;
  /** Copies a remote folder's contents into `localDir` (created when missing), recursively. */
  downloadDir(remoteDir: string, localDir: string, options?: TransferOptions): Promise<void>;
  /** Ends the connection; the communicator cannot be used after. */
  close(): Promise<void>;
}
