import {
  type PluginConfig,
  type PluginKind,
  type PrepareResult,
  type SettingSchema,
  UNKNOWN_PLACEHOLDER,
} from '@kiln/engine';
import { checkConfinedPaths } from '../confine-path.ts';
import { SettingsReader } from '../settings.ts';

export interface ShellLocalConfig {
  /** Commands written, one per line, to a temporary script (from `inline` or `command`). */
  inline?: string[];
  /** Script files run in order (from `script` or `scripts`), relative to the run's work directory. */
  scripts: string[];
  executeCommand: string[];
  inlineShebang: string;
  environmentVars: string[];
  env: Record<string, string>;
  envVarFormat: string;
  validExitCodes: number[];
  onlyOn: string[];
  tempfileExtension: string;
}

export const DEFAULT_EXECUTE_COMMAND = ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'];
export const DEFAULT_INLINE_SHEBANG = '/bin/sh -e';
export const DEFAULT_ENV_VAR_FORMAT = "%s='%s' ";
export const SUPPORTED_OS = ['darwin', 'freebsd', 'linux', 'openbsd', 'solaris', 'windows'];
/** The placeholders `execute_command` may use, as in Packer. */
export const EXECUTE_COMMAND_PLACEHOLDERS = ['Vars', 'Script', 'Command'];

/** The settings of packer-plugin-sdk's shell-local `Config`, shared by the provisioner and the post-processor. */
export const SHELL_LOCAL_SETTINGS: SettingSchema[] = [
  { name: 'command', type: 'string', description: 'A single command, run like a one-line `inline`.' },
  { name: 'inline', type: 'list(string)', description: 'Commands written to one script and run together.' },
  { name: 'script', type: 'string', description: 'A local script to run.' },
  { name: 'scripts', type: 'list(string)', description: 'Local scripts run in order.' },
  { name: 'environment_vars', type: 'list(string)', description: '`KEY=value` pairs set for the scripts.' },
  { name: 'env', type: 'map(string)', description: 'Environment variables set for the scripts.' },
  { name: 'env_var_format', type: 'string', description: 'How each variable is written into {{.Vars}}.' },
  {
    name: 'execute_command',
    type: 'list(string)',
    description: 'The command line that runs each script.',
    renderedBy: 'plugin',
  },
  { name: 'inline_shebang', type: 'string', description: 'The shebang line of the inline script.' },
  { name: 'valid_exit_codes', type: 'any', description: 'Exit codes that count as success.' },
  { name: 'only_on', type: 'list(string)', description: 'Run only on these operating systems.' },
  { name: 'tempfile_extension', type: 'string', description: 'The extension of the inline script file.' },
  {
    name: 'use_linux_pathing',
    type: 'bool',
    description: 'Windows Subsystem for Linux path conversion; Kiln runs on Linux, so it must stay false.',
  },
];

const TOO_MANY =
  'You may only specify one of the following options: Command, Inline, Script or Scripts. Please consolidate these options in your config.';

/** How diagnostics and failures name the plugin: `provisioner "shell-local"`, `post-processor "shell-local"`. */
export function shellLocalWhere(kind: Extract<PluginKind, 'provisioner' | 'post-processor'>): string {
  return `${kind} "shell-local"`;
}

/**
 * packer-plugin-sdk's shell-local `Validate`, for a Linux host. `normalize` adjusts the raw
 * `execute_command` first, as the post-processor does for its older single-string form.
 */
export function prepareShellLocal(
  config: PluginConfig,
  where: string,
  normalize: (executeCommand: string[] | undefined) => string[] | undefined = (command) => command,
): PrepareResult<ShellLocalConfig> {
  const settings = new SettingsReader(config, where);
  const command = settings.string('command');
  const inline = settings.stringList('inline');
  const script = settings.string('script');
  const scriptList = settings.stringList('scripts') ?? [];
  const environmentVars = settings.stringList('environment_vars') ?? [];
  const env = settings.stringMap('env') ?? {};
  const envVarFormat = settings.string('env_var_format') || DEFAULT_ENV_VAR_FORMAT;
  const executeCommand = normalize(settings.stringList('execute_command'));
  const inlineShebang = settings.string('inline_shebang') || DEFAULT_INLINE_SHEBANG;
  const validExitCodes = settings.integerList('valid_exit_codes') ?? [0];
  const onlyOn = settings.stringList('only_on') ?? [];
  const tempfileExtension = (settings.string('tempfile_extension') ?? '').replace(/^\./, '');
  const useLinuxPathing = settings.bool('use_linux_pathing') ?? false;

  if (!command && (inline ?? []).length === 0 && scriptList.length === 0 && !script) {
    settings.error('Command, Inline, Script and Scripts options cannot all be empty.');
  }
  let lines = inline;
  let scripts = scriptList;
  if (command) {
    if ((inline ?? []).length > 0 || scriptList.length > 0 || script) settings.error(TOO_MANY);
    else lines = [command];
  }
  if (script) {
    if (scriptList.length > 0 || (inline ?? []).length > 0) settings.error(TOO_MANY);
    else scripts = [script];
  }
  if (scripts.length > 0 && lines !== undefined && !command) settings.error(TOO_MANY);
  checkConfinedPaths(settings, script ? 'script' : 'scripts', scripts);

  for (const os of onlyOn) {
    if (!SUPPORTED_OS.includes(os)) {
      settings.error(
        `Invalid OS specified in only_on: '${os}'`,
        `Supported OS names: ${SUPPORTED_OS.join(', ')}`,
      );
    }
  }
  if (useLinuxPathing) {
    settings.error(
      'use_linux_pathing is not supported',
      'It converts Windows paths for the Windows Subsystem for Linux; Kiln runs shell-local on Linux hosts only.',
    );
  }
  for (const pair of environmentVars) {
    // Known only when the build runs: checked then, when the step prepares its settings again.
    if (pair === UNKNOWN_PLACEHOLDER) continue;
    const at = pair.indexOf('=');
    if (at <= 0) settings.error(`Environment variable not in format 'key=value': ${pair}`);
  }
  if (executeCommand !== undefined) {
    if (executeCommand.length === 0) settings.error('execute_command must not be empty');
    for (const part of executeCommand) {
      for (const match of part.matchAll(/\{\{\s*\.?(\w*)\s*\}\}/g)) {
        if (!EXECUTE_COMMAND_PLACEHOLDERS.includes(match[1] ?? '')) {
          settings.error(
            `Unknown placeholder ${match[0]} in execute_command`,
            `execute_command may use ${EXECUTE_COMMAND_PLACEHOLDERS.map((name) => `{{.${name}}}`).join(', ')}.`,
          );
        }
      }
    }
  }
  if ((envVarFormat.match(/%s/g) ?? []).length !== 2) {
    settings.error(
      'env_var_format must contain %s twice',
      `It got "${envVarFormat}"; the first %s is the name, the second the value.`,
    );
  }

  if (settings.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: settings.diagnostics };
  return {
    config: {
      ...(lines !== undefined && scripts.length === 0 ? { inline: lines } : {}),
      scripts,
      executeCommand: executeCommand ?? DEFAULT_EXECUTE_COMMAND,
      inlineShebang,
      environmentVars,
      env,
      envVarFormat,
      validExitCodes,
      onlyOn,
      tempfileExtension,
    },
    diagnostics: settings.diagnostics,
  };
}
