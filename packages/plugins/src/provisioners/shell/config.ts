import { randomInt } from 'node:crypto';
import { type PluginConfig, type PluginSchema, type PrepareResult, UNKNOWN_PLACEHOLDER } from '@kiln/engine';
import { SettingsReader } from '../../common/settings.ts';

export const WHERE = 'provisioner "shell"';

/** Packer's `shell` provisioner settings, defaults applied. */
export interface ShellConfig {
  /** Commands written, one per line after the shebang, to one remote script. */
  inline?: string[];
  /** Local scripts (relative to the run folder), uploaded and run in order. */
  scripts: string[];
  environmentVars: string[];
  env: Record<string, string>;
  envVarFormat: string;
  executeCommand: string;
  inlineShebang: string;
  remoteFolder: string;
  remotePath: string;
  expectDisconnect: boolean;
  validExitCodes: number[];
  skipClean: boolean;
  startRetryTimeoutMs: number;
  pauseAfterMs: number;
  useEnvVarFile: boolean;
  /** The remote file for the variables, with use_env_var_file. */
  envVarFile?: string;
  binary: boolean;
}

/** Packer's `packersdk.CmdDisconnect`: the exit status of a command whose connection dropped. */
export const CMD_DISCONNECT = 2300218;

const PLACEHOLDERS = ['Vars', 'Path', 'EnvVarFile'];

export const shellSchema: PluginSchema = {
  kind: 'provisioner',
  type: 'shell',
  settings: [
    { name: 'inline', type: 'list(string)', description: 'Commands written to one script and run remotely.' },
    { name: 'script', type: 'string', description: 'A local script uploaded and run remotely.' },
    { name: 'scripts', type: 'list(string)', description: 'Local scripts uploaded and run in order.' },
    { name: 'environment_vars', type: 'list(string)', description: '`KEY=value` pairs set for the scripts.' },
    { name: 'env', type: 'map(string)', description: 'Environment variables set for the scripts.' },
    { name: 'env_var_format', type: 'string', description: 'How each variable is written into {{.Vars}}.' },
    {
      name: 'execute_command',
      type: 'string',
      description: 'The command that runs each script: {{.Vars}}, {{.Path}}, {{.EnvVarFile}}.',
      renderedBy: 'plugin',
    },
    {
      name: 'inline_shebang',
      type: 'string',
      description: 'The shebang line of the inline script (/bin/sh -e).',
    },
    { name: 'remote_folder', type: 'string', description: 'Where scripts are uploaded (/tmp).' },
    { name: 'remote_file', type: 'string', description: 'The uploaded script file name (script_NNNN.sh).' },
    { name: 'remote_path', type: 'string', description: 'The full remote path of the script.' },
    {
      name: 'expect_disconnect',
      type: 'bool',
      description: 'A dropped connection (a reboot) is not a failure.',
    },
    { name: 'valid_exit_codes', type: 'any', description: 'Exit codes that count as success ([0]).' },
    { name: 'skip_clean', type: 'bool', description: 'Leave the uploaded script on the machine.' },
    {
      name: 'start_retry_timeout',
      type: 'duration',
      description: 'How long to keep retrying to upload and start a script (5m).',
    },
    { name: 'pause_after', type: 'duration', description: 'Wait this long after the last script.' },
    {
      name: 'use_env_var_file',
      type: 'bool',
      description:
        'Write the variables to a remote file, sourced by execute_command, instead of the command line.',
    },
    { name: 'binary', type: 'bool', description: 'Upload scripts as they are (no CRLF to LF conversion).' },
  ],
};

/** packer/provisioner/shell `Prepare`: Packer's defaults and messages. */
export function prepareShell(raw: PluginConfig): PrepareResult<ShellConfig> {
  const settings = new SettingsReader(raw, WHERE);
  const inlineRaw = settings.stringList('inline');
  const inline = inlineRaw && inlineRaw.length > 0 ? inlineRaw : undefined;
  const script = settings.string('script') || undefined;
  const scriptList = settings.stringList('scripts') ?? [];
  const useEnvVarFile = settings.bool('use_env_var_file') ?? false;
  const remoteFolder = settings.string('remote_folder') || '/tmp';
  const remoteFile = settings.string('remote_file') || `script_${randomInt(9999)}.sh`;
  const remotePath = settings.string('remote_path') || `${remoteFolder}/${remoteFile}`;
  const environmentVars = settings.stringList('environment_vars') ?? [];
  const executeCommand =
    settings.string('execute_command') ||
    (useEnvVarFile
      ? 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}'
      : 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}');
  const envVarFormat = settings.string('env_var_format') || (useEnvVarFile ? "export %s='%s'\n" : "%s='%s' ");
  const startRetry = settings.has('start_retry_timeout')
    ? settings.duration('start_retry_timeout')
    : 5 * 60_000;
  const validExitCodes = settings.integerList('valid_exit_codes') ?? [0];
  const env = settings.stringMap('env') ?? {};
  const pauseAfterMs = settings.duration('pause_after') ?? 0;
  const flags = {
    expectDisconnect: settings.bool('expect_disconnect') ?? false,
    skipClean: settings.bool('skip_clean') ?? false,
    binary: settings.bool('binary') ?? false,
  };
  const inlineShebang = settings.string('inline_shebang') || '/bin/sh -e';

  if (script && scriptList.length > 0) settings.error('Only one of script or scripts can be specified.');
  const scripts = script ? [script] : scriptList;
  if (scripts.length === 0 && !inline) {
    settings.error('Either a script file or inline script must be specified.');
  } else if (scripts.length > 0 && inline) {
    settings.error('Only a script file or an inline script can be specified, not both.');
  }
  for (const kv of environmentVars) {
    if (kv === UNKNOWN_PLACEHOLDER) continue;
    if (kv.indexOf('=') <= 0) settings.error(`Environment variable not in format 'key=value': ${kv}`);
  }
  for (const match of executeCommand.matchAll(/\{\{\s*\.?(\w*)\s*\}\}/g)) {
    if (!PLACEHOLDERS.includes(match[1] ?? '')) {
      settings.error(
        `Unknown placeholder ${match[0]} in execute_command`,
        `execute_command may use ${PLACEHOLDERS.map((name) => `{{.${name}}}`).join(', ')}.`,
      );
    }
  }
  if ((envVarFormat.match(/%s/g) ?? []).length !== 2) {
    settings.error(
      'env_var_format must contain %s twice',
      `It got "${envVarFormat}": the name, then the value.`,
    );
  }
  if (settings.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: settings.diagnostics };
  return {
    config: {
      ...(inline ? { inline } : {}),
      scripts,
      environmentVars,
      env,
      envVarFormat,
      executeCommand,
      inlineShebang,
      remoteFolder,
      remotePath,
      validExitCodes,
      startRetryTimeoutMs: startRetry ?? 0,
      pauseAfterMs,
      useEnvVarFile,
      ...(useEnvVarFile ? { envVarFile: `${remoteFolder}/varfile_${randomInt(9999)}.sh` } : {}),
      ...flags,
    },
    diagnostics: settings.diagnostics,
  };
}
