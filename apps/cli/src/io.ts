/** Where a command reads and writes; tests and the benchmark pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The whole standard input. */
  readStdin(): Promise<string>;
  /** The directory relative paths are resolved from. */
  cwd: string;
  env: Record<string, string | undefined>;
}

/** An io that collects the output in memory, for tests and the benchmark. */
export function memoryIo(options: {
  cwd: string;
  stdin?: string;
  env?: Record<string, string | undefined>;
}): CliIo & {
  out: string;
  err: string;
} {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: async () => options.stdin ?? '',
    cwd: options.cwd,
    env: options.env ?? {},
  };
  return io;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
    env: process.env,
  };
}
