import { appendBuildLogLines } from '@kiln/api';
import type { KilnDb } from '@kiln/db';
import type { Logger } from 'pino';

export type LogStream = 'stdout' | 'stderr' | 'system';

/** Lines per INSERT: 5 parameters a line stays far below PostgreSQL's 65,535. */
export const MAX_LINES_PER_INSERT = 1000;
/** A longer line is cut: one line of output is not a place for megabytes. */
export const MAX_LINE_LENGTH = 64 * 1024;

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
  /** Applied to every line before it is stored (and so before it is streamed): hides secrets. */
  redact?: (text: string) => string;
}): BuildLogWriter {
  const { db, buildRunId, buildName, logger } = options;
  const redact = options.redact ?? ((text: string) => text);
  let buffer: { buildName: string | null; stream: LogStream; text: string }[] = [];
  let chain: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (buffer.length > 0) {
      const lines = buffer;
      buffer = [];
      chain = chain.then(async () => {
        // Bounded inserts: a chatty step must not pass PostgreSQL's bind-parameter limit.
        for (let i = 0; i < lines.length; i += MAX_LINES_PER_INSERT) {
          const batch = lines.slice(i, i + MAX_LINES_PER_INSERT);
          try {
            await appendBuildLogLines(db, { buildRunId, lines: batch });
          } catch (error) {
            logger.error({ err: error, lines: batch.length }, 'could not store build output lines');
          }
        }
      });
    }
    return chain;
  };
  const timer = setInterval(() => void flush(), options.intervalMs ?? 250);

  return {
    write(stream, text) {
      const line =
        text.length > MAX_LINE_LENGTH
          ? `${text.slice(0, MAX_LINE_LENGTH)}… (line cut at ${MAX_LINE_LENGTH} characters)`
          : text;
      buffer.push({ buildName, stream, text: redact(line) });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
