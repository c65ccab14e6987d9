import { createMemoryLedger, createMemorySecrets, type RunContext } from '@kiln/engine';
import { createProcessGroupExecutor } from '../src/common/process-executor.ts';

export interface RecordedLine {
  level: 'say' | 'message' | 'error';
  text: string;
}

/** A RunContext over a real directory that records what the plugin tells the user. */
export function recordingContext(
  workDir: string,
  options: { buildName?: string; signal?: AbortSignal } = {},
) {
  const lines: RecordedLine[] = [];
  let heartbeats = 0;
  const ctx: RunContext = {
    buildName: options.buildName ?? 'demo.file.hello',
    workDir,
    ledger: createMemoryLedger('test-run', options.buildName ?? 'demo.file.hello'),
    secrets: createMemorySecrets(),
    local: createProcessGroupExecutor(),
    signal: options.signal ?? new AbortController().signal,
    heartbeat: () => {
      heartbeats++;
    },
    ui: {
      say: (text) => lines.push({ level: 'say', text }),
      message: (text) => lines.push({ level: 'message', text }),
      error: (text) => lines.push({ level: 'error', text }),
    },
  };
  return { ctx, lines, heartbeats: () => heartbeats };
}
