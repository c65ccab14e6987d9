import {
  type Diagnostic,
  errorDiagnostic,
  type JsonValue,
  type PluginConfig,
  parseGoDuration,
} from '@kiln/engine';

/**
 * Reads typed settings out of an evaluated plugin config, collecting one diagnostic per bad
 * setting instead of stopping at the first. `where` names the plugin, e.g. `provisioner "shell-local"`.
 */
export class SettingsReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly config: PluginConfig,
    private readonly where: string,
  ) {}

  has(name: string): boolean {
    const value = this.config[name];
    return value !== undefined && value !== null;
  }

  error(summary: string, detail?: string): void {
    this.diagnostics.push(errorDiagnostic(`${this.where}: ${summary}`, detail));
  }

  warning(summary: string, detail?: string): void {
    this.diagnostics.push({
      severity: 'warning',
      summary: `${this.where}: ${summary}`,
      ...(detail ? { detail } : {}),
    });
  }

  string(name: string): string | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    this.typeError(name, 'a string', value);
    return undefined;
  }

  number(name: string): number | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value === 'number') return value;
    this.typeError(name, 'a number', value);
    return undefined;
  }

  bool(name: string): boolean | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (typeof value === 'boolean') return value;
    this.typeError(name, 'a bool', value);
    return undefined;
  }

  /** A Go duration string (`5m`, `1m30s`), in milliseconds; Packer's message for one Go refuses. */
  duration(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined || text === '') return undefined;
    try {
      return parseGoDuration(text);
    } catch (error) {
      this.error(`error decoding '${name}': ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  stringList(name: string): string[] | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
    this.typeError(name, 'a list of strings', value);
    return undefined;
  }

  integerList(name: string): number[] | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isInteger(item))) {
      return value as number[];
    }
    this.typeError(name, 'a list of whole numbers', value);
    return undefined;
  }

  stringMap(name: string): Record<string, string> | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every((item) => typeof item === 'string')
    ) {
      return value as Record<string, string>;
    }
    this.typeError(name, 'a map of strings', value);
    return undefined;
  }

  private value(name: string): JsonValue | undefined {
    const value = this.config[name];
    return value === null ? undefined : value;
  }

  private typeError(name: string, expected: string, actual: JsonValue): void {
    this.error(`Incorrect type for "${name}"`, `"${name}" must be ${expected}; got ${describe(actual)}.`);
  }
}

function describe(value: JsonValue): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
