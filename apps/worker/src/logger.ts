import pino, { type Logger } from 'pino';
import type { LogLevel } from './env.ts';

/** Operational logs: pino JSON on stdout. Build output goes to the database, never here. */
export function createLogger(level: LogLevel): Logger {
  return pino({ name: 'kiln-worker', level });
}
