import { appendBuildLogLines } from '@kiln/api';
import type { KilnDb } from '@kiln/db';
import type { Logger } from 'pino';

export type LogStream = 'stdout' | 'stderr' | 'system';

export interface BuildLogWriter {
  write(stream: LogStream, text: string): void;
  /** Writes everything buffered so far. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

/**
 * Buffers one build's output lines and appends them to `build_log_lines` at least every
 * `intervalMs`, so the UI shows them while the step runs. A failed append is reported in the
 * operational log and does not fail the step.
 */
export function createBuildLogWriter(options: {
  db: KilnDb;
  buildRunId: string;
  buildName: string | null;
  logger: Logger;
  intervalMs?: number;
}): BuildLogWriter {
  const { db, buildRunId, buildName, logger } = options;
  let buffer: { buildName: string | null; stream: LogStream; text: string }[] = [];
  let chain: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (buffer.length > 0) {
      const lines = buffer;
      buffer = [];
      chain = chain.then(async () => {
        try {
          await appendBuildLogLines(db, { buildRunId, lines });
        } catch (error) {
          logger.error({ err: error, lines: lines.length }, 'could not store build output lines');
        }
      });
    }
    return chain;
  };
  const timer = setInterval(() => void flush(), options.intervalMs ?? 250);

  return {
    write(stream, text) {
      buffer.push({ buildName, stream, text });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
