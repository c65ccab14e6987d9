import type { PluginSchema, PostProcessorPlugin } from '@kiln/engine';
import {
  SHELL_LOCAL_SETTINGS,
  type ShellLocalConfig,
  prepareShellLocal,
  shellLocalWhere,
} from '../../common/shell-local/config.ts';
import { runShellLocal } from '../../common/shell-local/run.ts';

const WHERE = shellLocalWhere('post-processor');

export const shellLocalPostProcessorSchema: PluginSchema = {
  kind: 'post-processor',
  type: 'shell-local',
  settings: SHELL_LOCAL_SETTINGS,
};

/**
 * Before the provisioner and the post-processor shared their code, the post-processor took
 * `execute_command` as one string run by `sh -c`; Packer still reads a one-item list that way.
 */
function singleStringExecuteCommand(executeCommand: string[] | undefined): string[] | undefined {
  return executeCommand?.length === 1 ? ['sh', '-c', ...executeCommand] : executeCommand;
}

/**
 * Packer's `shell-local` post-processor: the provisioner's scripts, run once the artifact exists.
 * Like Packer it passes the artifact on unchanged and forces its keep (a template's
 * `keep_input_artifact = false` would lose the artifact it passes on): the scripts only see
 * `PACKER_BUILD_NAME`, `PACKER_BUILDER_TYPE`, `PACKER_RUN_UUID` and the builder's HTTP variables.
 */
export const shellLocalPostProcessor: PostProcessorPlugin<ShellLocalConfig> = {
  kind: 'post-processor',
  schema: shellLocalPostProcessorSchema,
  prepare: (config) => prepareShellLocal(config, WHERE, singleStringExecuteCommand),
  async postProcess(config, artifact, ctx, state) {
    await runShellLocal(config, state.generated, ctx, WHERE);
    return { artifact, keepInputDefault: true, forceKeepInput: true };
  },
};
