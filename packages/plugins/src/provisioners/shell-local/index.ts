import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { BuildState, ProvisionerPlugin, RunContext } from '@kiln/engine';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { runProcessGroup } from '../../common/process-group.ts';
import { type ShellLocalConfig, prepareShellLocal, shellLocalSchema } from './config.ts';
import { buildIdentity, flattenEnvVars, interpolateExecuteCommand } from './env-vars.ts';
import { writeInlineScript } from './inline-script.ts';

export { type ShellLocalConfig, shellLocalSchema } from './config.ts';

const NODE_TO_GO_OS: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  openbsd: 'openbsd',
  sunos: 'solaris',
  win32: 'windows',
};

/** Packer's `shell-local` provisioner: runs scripts on the machine the worker runs on. */
export const shellLocalProvisioner: ProvisionerPlugin<ShellLocalConfig> = {
  kind: 'provisioner',
  schema: shellLocalSchema,
  prepare: prepareShellLocal,
  provision: runShellLocal,
};

async function runShellLocal(config: ShellLocalConfig, state: BuildState, ctx: RunContext): Promise<void> {
  if (
    config.onlyOn.length > 0 &&
    !config.onlyOn.includes(NODE_TO_GO_OS[process.platform] ?? process.platform)
  ) {
    ctx.ui.say('Skipping shell-local due to runtime OS');
    return;
  }
  const inlineScript = config.inline ? await writeInlineScript(config, config.inline) : undefined;
  try {
    const scripts = inlineScript ? [inlineScript] : config.scripts;
    const vars = flattenEnvVars(config, buildIdentity(ctx.buildName), state.generated);
    for (const script of scripts) {
      await runScript(config, path.resolve(ctx.workDir, script), script, vars, state, ctx);
    }
  } finally {
    if (inlineScript) await rm(inlineScript, { force: true });
  }
}

async function runScript(
  config: ShellLocalConfig,
  absScript: string,
  script: string,
  vars: string,
  state: BuildState,
  ctx: RunContext,
): Promise<void> {
  const [command, ...args] = interpolateExecuteCommand(config.executeCommand, vars, absScript);
  if (command === undefined)
    throw new PluginFailure('bad-config', 'provisioner "shell-local": execute_command is empty');
  ctx.ui.say(`Running local shell script: ${script}`);

  const runUuid = state.generated.PackerRunUUID;
  let result: Awaited<ReturnType<typeof runProcessGroup>>;
  try {
    result = await runProcessGroup({
      command,
      args,
      cwd: ctx.workDir,
      env: { ...process.env, ...(runUuid ? { PACKER_RUN_UUID: runUuid } : {}) },
      signal: ctx.signal,
      onLine: (stream, line) => (stream === 'stdout' ? ctx.ui.say(line) : ctx.ui.error(line)),
      onHeartbeat: () => ctx.heartbeat(),
    });
  } catch (error) {
    throw new PluginFailure(
      'provisioner-failed',
      `Error executing script: ${absScript}\n\n${errorMessage(error)}`,
      { cause: error },
    );
  }
  if (result.aborted) {
    throw new PluginFailure('cancelled', `provisioner "shell-local": cancelled while running ${script}`);
  }
  if (!config.validExitCodes.includes(result.exitCode)) {
    throw new PluginFailure(
      'provisioner-failed',
      `Script exited with non-zero exit status: ${result.exitCode}. Allowed exit codes are: [${config.validExitCodes.join(' ')}]`,
    );
  }
}
