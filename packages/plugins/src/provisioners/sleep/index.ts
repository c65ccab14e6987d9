import {
  type PluginConfig,
  type PluginSchema,
  type PrepareResult,
  type ProvisionerPlugin,
  parseGoDuration,
} from '@kiln/engine';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { SettingsReader } from '../../common/settings.ts';

export interface SleepConfig {
  /** How long to wait, in milliseconds. */
  durationMs: number;
}

export const sleepSchema: PluginSchema = {
  kind: 'provisioner',
  type: 'sleep',
  settings: [
    { name: 'duration', type: 'string', description: 'How long to wait, as a Go duration: `30s`, `1m30s`.' },
  ],
};

const WHERE = 'provisioner "sleep"';

/** Packer decodes `duration` with Go's `time.ParseDuration`; unset, it does not wait at all. */
export function prepareSleep(config: PluginConfig): PrepareResult<SleepConfig> {
  const settings = new SettingsReader(config, WHERE);
  const duration = settings.string('duration');
  if (duration === undefined) {
    return settings.diagnostics.length > 0
      ? { diagnostics: settings.diagnostics }
      : { config: { durationMs: 0 }, diagnostics: [] };
  }
  try {
    return { config: { durationMs: Math.max(0, parseGoDuration(duration)) }, diagnostics: [] };
  } catch (error) {
    settings.error(`error decoding 'duration': ${errorMessage(error)}`);
    return { diagnostics: settings.diagnostics };
  }
}

/** Resolves after `ms`, or rejects as cancelled the moment `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new PluginFailure('cancelled', `${WHERE}: cancelled while sleeping`);
    if (signal.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Packer's `sleep` provisioner: waits `duration`, and stops at once when the build is cancelled. */
export const sleepProvisioner: ProvisionerPlugin<SleepConfig> = {
  kind: 'provisioner',
  schema: sleepSchema,
  prepare: prepareSleep,
  provision: (config, _state, ctx) => wait(config.durationMs, ctx.signal),
};
