import 'server-only';
import { pino, type Logger } from 'pino';

const globalForLogger = globalThis as unknown as { kilnWebLogger?: Logger };

/** Operational logs of the web app (JSON lines on stdout). Never log secrets or session tokens. */
export function logger(): Logger {
  globalForLogger.kilnWebLogger ??= pino({ name: 'kiln-web', level: 'info' });
  return globalForLogger.kilnWebLogger;
}
