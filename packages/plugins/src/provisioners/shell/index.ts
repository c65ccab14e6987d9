import { readFile } from 'node:fs/promises';
import type { BuildState, Communicator, ProvisionerPlugin, RunContext } from '@kiln/engine';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { lineSplitter } from '../../common/line-splitter.ts';
import type { ShellLocalConfig } from '../../common/shell-local/config.ts';
import { buildIdentity, flattenEnvVars } from '../../common/shell-local/env-vars.ts';
import { waitUnlessAborted } from '../../common/wait.ts';
import { resolveInWorkDir } from '../../common/work-path.ts';
import { type RemoteTempFile, remoteTempFile } from '../../communicators/remote-temp-file.ts';
import { CMD_DISCONNECT, type ShellConfig, WHERE, prepareShell, shellSchema } from './config.ts';

export { type ShellConfig, prepareShell, shellSchema } from './config.ts';

const HEARTBEAT_MS = 5000;
const RETRY_DELAY_MS = 2000;

interface Script {
  /** How the build output names it. */
  name: string;
  content: string;
}

async function loadScripts(config: ShellConfig, ctx: RunContext): Promise<Script[]> {
  if (config.inline) {
    return [
      {
        name: 'inline script',
        content: `#!${config.inlineShebang}\n${config.inline.map((line) => `${line}\n`).join('')}`,
      },
    ];
  }
  const scripts: Script[] = [];
  for (const named of config.scripts) {
    const file = resolveInWorkDir(ctx.workDir, named, 'script', WHERE);
    try {
      scripts.push({ name: named, content: await readFile(file, 'utf8') });
    } catch (error) {
      throw new PluginFailure('bad-config', `${WHERE}: Bad script '${named}': ${errorMessage(error)}`);
    }
  }
  return scripts;
}

/** The `{{.Vars}}` string, Packer's way (shared with shell-local): sorted, quoted, `env_var_format`. */
function flatVars(config: ShellConfig, ctx: RunContext, state: BuildState): string {
  const vars = {
    environmentVars: config.environmentVars,
    env: config.env,
    envVarFormat: config.envVarFormat,
  } satisfies Partial<ShellLocalConfig>;
  return flattenEnvVars(vars as ShellLocalConfig, buildIdentity(ctx.buildName), state.generated);
}

function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Retries `work` on failures other than a cancel until `start_retry_timeout` is spent (Packer's retry.Config). */
async function withStartRetry<T>(config: ShellConfig, ctx: RunContext, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + config.startRetryTimeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      const cancelled = error instanceof PluginFailure && error.failureClass === 'cancelled';
      if (cancelled || ctx.signal.aborted || Date.now() + RETRY_DELAY_MS > deadline) throw error;
      ctx.ui.error(`${errorMessage(error)}; retrying`);
      if (!(await waitUnlessAborted(RETRY_DELAY_MS, ctx.signal))) throw error;
    }
  }
}

async function runScript(
  config: ShellConfig,
  communicator: Communicator,
  script: Script,
  command: string,
  ctx: RunContext,
): Promise<void> {
  ctx.ui.say(`Provisioning with shell script: ${script.name}`);
  const file = remoteTempFile(
    communicator,
    ctx,
    config.remotePath,
    `the shell provisioner's script ${script.name}`,
  );
  const content = config.binary ? script.content : script.content.replaceAll('\r\n', '\n');
  try {
    const result = await withStartRetry(config, ctx, async () => {
      await file.upload(content, 0o755);
      const stdout = lineSplitter((line) => ctx.ui.message(line));
      const stderr = lineSplitter((line) => ctx.ui.error(line));
      const beat = setInterval(() => ctx.heartbeat(), HEARTBEAT_MS);
      try {
        return await communicator.exec(command, {
          signal: ctx.signal,
          onStdout: (text) => stdout.push(text),
          onStderr: (text) => stderr.push(text),
        });
      } finally {
        clearInterval(beat);
        stdout.flush();
        stderr.flush();
      }
    });
    if (ctx.signal.aborted)
      throw new PluginFailure('cancelled', `${WHERE}: cancelled while running ${script.name}`);
    const status = result.disconnected ? CMD_DISCONNECT : result.exitStatus;
    if (status === CMD_DISCONNECT && !config.validExitCodes.includes(CMD_DISCONNECT)) {
      if (!config.expectDisconnect) {
        throw new PluginFailure(
          'provisioner-failed',
          'Script disconnected unexpectedly. If you expected your script to disconnect, i.e. from a restart, you can try adding `expect_disconnect = true` or `valid_exit_codes = [0, 2300218]` to the shell provisioner parameters.',
        );
      }
      ctx.ui.say(`${script.name} disconnected, as expected`);
      return;
    }
    if (status === null) {
      throw new PluginFailure(
        'provisioner-failed',
        `Script ended without an exit status${result.exitSignal ? ` (signal ${result.exitSignal})` : ''}`,
      );
    }
    if (!config.validExitCodes.includes(status)) {
      throw new PluginFailure(
        'provisioner-failed',
        `Script exited with non-zero exit status: ${status}. Allowed exit codes are: [${config.validExitCodes.join(' ')}]`,
      );
    }
  } finally {
    if (!config.skipClean) await removeQuietly(file, ctx);
  }
}

/** Cleanup never hides the provisioner's own error: a file that stays is an orphan in the ledger. */
async function removeQuietly(file: RemoteTempFile, ctx: RunContext): Promise<void> {
  try {
    await file.remove();
  } catch (error) {
    ctx.ui.error(errorMessage(error));
  }
}

/**
 * Packer's `shell` provisioner: uploads each script (or the inline commands as one script) to
 * `remote_path` on the machine and runs it with `execute_command`, streaming its output. The uploaded
 * script is a ledger resource, removed after it ran unless `skip_clean`, also after a cancel.
 */
async function provisionShell(config: ShellConfig, state: BuildState, ctx: RunContext): Promise<void> {
  const communicator = ctx.communicator;
  if (!communicator) {
    throw new PluginFailure(
      'bad-config',
      `${WHERE}: the builder has no communicator (communicator = "none"): use shell-local, or connect over SSH`,
    );
  }
  const scripts = await loadScripts(config, ctx);
  const vars = flatVars(config, ctx, state);
  let envFile: RemoteTempFile | undefined;
  try {
    if (config.envVarFile) {
      envFile = remoteTempFile(communicator, ctx, config.envVarFile, "the shell provisioner's variables");
      await envFile.upload(vars, 0o600);
    }
    const command = render(config.executeCommand, {
      Vars: config.useEnvVarFile ? '' : vars,
      Path: config.remotePath,
      EnvVarFile: config.envVarFile ?? '',
    });
    for (const script of scripts) await runScript(config, communicator, script, command, ctx);
  } finally {
    if (envFile && !config.skipClean) await removeQuietly(envFile, ctx);
  }
  if (config.pauseAfterMs > 0) {
    ctx.ui.say(`Pausing ${config.pauseAfterMs / 1000}s after this provisioner...`);
    if (!(await waitUnlessAborted(config.pauseAfterMs, ctx.signal))) {
      throw new PluginFailure('cancelled', `${WHERE}: cancelled during pause_after`);
    }
  }
}

export const shellProvisioner: ProvisionerPlugin<ShellConfig> = {
  kind: 'provisioner',
  schema: shellSchema,
  prepare: prepareShell,
  provision: provisionShell,
};
