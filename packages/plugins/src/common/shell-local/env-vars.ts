import type { ShellLocalConfig } from './config.ts';

export interface BuildIdentity {
  /** The source's name, Packer's `packer_build_name`. */
  buildName: string;
  /** The builder type, Packer's `packer_builder_type`. */
  builderType: string;
}

/** Splits `<build>.<type>.<source>` (or `<type>.<source>`) into Packer's build name and builder type. */
export function buildIdentity(qualifiedName: string): BuildIdentity {
  const parts = qualifiedName.split('.');
  const buildName = parts.at(-1) ?? qualifiedName;
  const builderType = parts.length >= 2 ? (parts.at(-2) ?? '') : '';
  return { buildName, builderType };
}

const HTTP_VARIABLES: [generated: string, env: string][] = [
  ['PackerHTTPAddr', 'PACKER_HTTP_ADDR'],
  ['PackerHTTPIP', 'PACKER_HTTP_IP'],
  ['PackerHTTPPort', 'PACKER_HTTP_PORT'],
];

/**
 * The `{{.Vars}}` string: Packer's variables, `environment_vars`, then `env`, sorted by name and
 * written with `env_var_format`, single quotes in values escaped for the shell.
 */
export function flattenEnvVars(
  config: ShellLocalConfig,
  identity: BuildIdentity,
  generated: Record<string, string>,
): string {
  const vars = new Map<string, string>([
    ['PACKER_BUILD_NAME', identity.buildName],
    ['PACKER_BUILDER_TYPE', identity.builderType],
  ]);
  for (const [key, name] of HTTP_VARIABLES) {
    const value = generated[key];
    if (value !== undefined) vars.set(name, value);
  }
  for (const pair of config.environmentVars) {
    const at = pair.indexOf('=');
    vars.set(pair.slice(0, at), escapeQuotes(pair.slice(at + 1)));
  }
  for (const [name, value] of Object.entries(config.env)) vars.set(name, escapeQuotes(value));

  return [...vars.keys()]
    .sort()
    .map((name) => formatVar(config.envVarFormat, name, vars.get(name) ?? ''))
    .join('');
}

function escapeQuotes(value: string): string {
  return value.replaceAll("'", `'"'"'`);
}

function formatVar(format: string, name: string, value: string): string {
  let index = 0;
  return format.replace(/%s/g, () => (index++ === 0 ? name : value));
}

/** Fills `{{.Vars}}`, `{{.Script}}` and `{{.Command}}` into each part of `execute_command`. */
export function interpolateExecuteCommand(executeCommand: string[], vars: string, script: string): string[] {
  const values: Record<string, string> = { Vars: vars, Script: script, Command: script };
  return executeCommand.map((part) =>
    part.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole),
  );
}
