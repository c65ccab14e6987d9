import { createMemoryLedger, createMemorySecrets } from '../run/memory-host.ts';
import type { LocalExecutor } from '../spi/local-exec.ts';
import type { RunContext } from '../spi/plugin.ts';

/** The engine's tests run no programs: a plugin that tries fails, saying so. */
const noLocalPrograms: LocalExecutor = {
  isolation: 'none (engine tests run no programs)',
  run: (command) =>
    Promise.reject(new Error(`engine tests run no programs (asked to run ${command.command})`)),
};

/** A RunContext for engine tests: output to `lines`, an in-memory ledger and secrets. */
export function testRunContext(
  buildName: string,
  lines: string[] = [],
  options: { signal?: AbortSignal; errorPrefix?: string } = {},
): RunContext {
  const prefix = options.errorPrefix ?? 'error: ';
  return {
    buildName,
    ui: {
      say: (m) => lines.push(m),
      message: (m) => lines.push(m),
      error: (m) => lines.push(`${prefix}${m}`),
    },
    signal: options.signal ?? new AbortController().signal,
    heartbeat() {},
    workDir: '/nonexistent',
    ledger: createMemoryLedger('test-run', buildName),
    secrets: createMemorySecrets(),
    local: noLocalPrograms,
  };
}
