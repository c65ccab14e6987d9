import type { PluginConfig, PluginSchema, PrepareResult, ProvisionerPlugin } from '@kiln/engine';
import { PluginFailure } from '../../common/errors.ts';
import { SettingsReader } from '../../common/settings.ts';

export interface BreakpointConfig {
  note: string;
  disable: boolean;
}

export const breakpointSchema: PluginSchema = {
  kind: 'provisioner',
  type: 'breakpoint',
  settings: [
    { name: 'note', type: 'string', description: 'Shown when the build reaches the breakpoint.' },
    { name: 'disable', type: 'bool', description: 'Pass the breakpoint without stopping.' },
  ],
};

export function prepareBreakpoint(config: PluginConfig): PrepareResult<BreakpointConfig> {
  const settings = new SettingsReader(config, 'provisioner "breakpoint"');
  const note = settings.string('note') ?? '';
  const disable = settings.bool('disable') ?? false;
  if (settings.diagnostics.length > 0) return { diagnostics: settings.diagnostics };
  return { config: { note, disable }, diagnostics: [] };
}

/**
 * Packer's `breakpoint` provisioner. A disabled breakpoint says so and the build goes on. An
 * enabled one waits for someone to press enter on the terminal `packer build` runs in; a Kiln build
 * runs in a worker with no terminal, so it fails as `packer build` fails without one.
 */
export const breakpointProvisioner: ProvisionerPlugin<BreakpointConfig> = {
  kind: 'provisioner',
  schema: breakpointSchema,
  prepare: prepareBreakpoint,
  async provision(config, _state, ctx) {
    const note = config.note ? ` with note "${config.note}"` : '';
    if (config.disable) {
      ctx.ui.say(`Breakpoint provisioner${note} disabled; continuing...`);
      return;
    }
    ctx.ui.say(
      config.note ? `Pausing at breakpoint provisioner${note}.` : 'Pausing at breakpoint provisioner.',
    );
    throw new PluginFailure(
      'bad-config',
      'Error asking for input: no available tty. A Kiln build runs without a terminal to press enter in: set `disable = true` on the breakpoint or remove it.',
    );
  },
};
