import type { PluginConfig, PluginSchema, PrepareResult, ProvisionerPlugin } from '@kiln/engine';
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
 * enabled one pauses the build, as Packer waits for enter on its terminal: the build waits until
 * someone resumes it (Resume on the build page, or the API), then goes on with the next step.
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
    ctx.ui.say(`Pausing at breakpoint provisioner${note}. Resume the build to continue.`);
    return { pause: { note: config.note } };
  },
};
