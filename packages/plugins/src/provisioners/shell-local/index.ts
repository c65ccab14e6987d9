import type { PluginSchema, ProvisionerPlugin } from '@kiln/engine';
import {
  SHELL_LOCAL_SETTINGS,
  type ShellLocalConfig,
  prepareShellLocal,
  shellLocalWhere,
} from '../../common/shell-local/config.ts';
import { runShellLocal } from '../../common/shell-local/run.ts';

export type { ShellLocalConfig } from '../../common/shell-local/config.ts';

const WHERE = shellLocalWhere('provisioner');

export const shellLocalSchema: PluginSchema = {
  kind: 'provisioner',
  type: 'shell-local',
  settings: SHELL_LOCAL_SETTINGS,
};

/** Packer's `shell-local` provisioner: runs scripts on the machine the worker runs on. */
export const shellLocalProvisioner: ProvisionerPlugin<ShellLocalConfig> = {
  kind: 'provisioner',
  schema: shellLocalSchema,
  prepare: (config) => prepareShellLocal(config, WHERE),
  provision: (config, state, ctx) => runShellLocal(config, state.generated, ctx, WHERE),
};
