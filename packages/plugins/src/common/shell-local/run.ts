import { rm } from 'node:fs/promises';
import type { LocalCommandResult, RunContext } from '@kiln/engine';
import { confinedPath } from '../confine-path.ts';
import { PluginFailure, errorMessage } from '../errors.ts';
import type { ShellLocalConfig } from './config.ts';
import { buildIdentity, flattenEnvVars, interpolateExecuteCommand } from './env-vars.ts';
import { writeInlineScript } from './inline-script.ts';

const NODE_TO_GO_OS: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  openbsd: 'openbsd',
  sunos: 'solaris',
  win32: 'windows',
};

/**
 * packer-plugin-sdk's shell-local `Run`: runs the inline commands or the scripts on the machine the
 * worker runs on, one after the other, with Packer's variables. `generated` holds what the builder
 * made known (`PackerRunUUID`, `PackerHTTPAddr`, ...); `where` names the plugin in failures.
 */
export async function runShellLocal(
  config: ShellLocalConfig,
  generated: Record<string, string>,
  ctx: RunContext,
  where: string,
): Promise<void> {
  if (
    config.onlyOn.length > 0 &&
    !config.onlyOn.includes(NODE_TO_GO_OS[process.platform] ?? process.platform)
  ) {
    ctx.ui.say('Skipping shell-local due to runtime OS');
    return;
  }
  const inlineScript = config.inline
    ? await writeInlineScript(config, config.inline, ctx.workDir)
    : undefined;
  try {
    const scripts = inlineScript ? [inlineScript] : config.scripts;
    const vars = flattenEnvVars(config, buildIdentity(ctx.buildName), generated);
    for (const script of scripts) {
      const absolute = inlineScript ?? (await confinedPath(ctx.workDir, script, { where, name: 'scripts' }));
      await runScript(config, { absolute, named: script }, vars, generated, {
        ctx,
        where,
      });
    }
  } finally {
    if (inlineScript) await rm(inlineScript, { force: true });
  }
}

async function runScript(
  config: ShellLocalConfig,
  script: { absolute: string; named: string },
  vars: string,
  generated: Record<string, string>,
  { ctx, where }: { ctx: RunContext; where: string },
): Promise<void> {
  const [command, ...args] = interpolateExecuteCommand(config.executeCommand, vars, script.absolute);
  if (command === undefined) throw new PluginFailure('bad-config', `${where}: execute_command is empty`);
  ctx.ui.say(`Running local shell script: ${script.named}`);

  const runUuid = generated.PackerRunUUID;
  let result: LocalCommandResult;
  try {
    // Only what the template declares reaches the script: its variables come through
    // execute_command's {{.Vars}}; the worker's own environment never does.
    result = await ctx.local.run({
      command,
      args,
      cwd: ctx.workDir,
      env: runUuid ? { PACKER_RUN_UUID: runUuid } : {},
      signal: ctx.signal,
      onLine: (stream, line) => (stream === 'stdout' ? ctx.ui.say(line) : ctx.ui.error(line)),
      onHeartbeat: () => ctx.heartbeat(),
    });
  } catch (error) {
    // A worker that refuses local steps says why, as it said it.
    if (error instanceof PluginFailure) throw error;
    throw new PluginFailure(
      'provisioner-failed',
      `Error executing script: ${script.absolute}\n\n${errorMessage(error)}`,
      { cause: error },
    );
  }
  if (result.aborted) {
    throw new PluginFailure('cancelled', `${where}: cancelled while running ${script.named}`);
  }
  if (!config.validExitCodes.includes(result.exitCode)) {
    throw new PluginFailure(
      'provisioner-failed',
      `Script exited with non-zero exit status: ${result.exitCode}. Allowed exit codes are: [${config.validExitCodes.join(' ')}]`,
    );
  }
}
