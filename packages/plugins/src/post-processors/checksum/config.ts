import type { PluginConfig, PluginSchema, PrepareResult } from '@kiln/engine';
import { checkConfinedPaths } from '../../common/confine-path.ts';
import { outputTemplateError } from '../../common/output-template.ts';
import { SettingsReader } from '../../common/settings.ts';

export const CHECKSUM_BUILDER_ID = 'packer.post-processor.checksum';
export const DEFAULT_CHECKSUM_OUTPUT = 'packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum';

/** Packer's checksum types and the names Node's `crypto` knows them by. */
export const CHECKSUM_ALGORITHMS: Readonly<Record<string, string>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

export interface ChecksumConfig {
  checksumTypes: string[];
  /** A template with `{{.BuildName}}`, `{{.BuilderType}}` and `{{.ChecksumType}}`. */
  output: string;
}

export const checksumSchema: PluginSchema = {
  kind: 'post-processor',
  type: 'checksum',
  settings: [
    {
      name: 'checksum_types',
      type: 'list(string)',
      description: 'md5, sha1, sha224, sha256, sha384, sha512.',
    },
    {
      name: 'output',
      type: 'string',
      description: 'The checksum file, with {{.BuildName}}, {{.BuilderType}} and {{.ChecksumType}}.',
      renderedBy: 'plugin',
    },
  ],
};

export function prepareChecksum(config: PluginConfig): PrepareResult<ChecksumConfig> {
  const settings = new SettingsReader(config, 'post-processor "checksum"');
  const checksumTypes = settings.stringList('checksum_types') ?? ['md5'];
  const output = settings.string('output') || DEFAULT_CHECKSUM_OUTPUT;
  for (const type of checksumTypes) {
    if (!(type in CHECKSUM_ALGORITHMS)) settings.error(`Unrecognized checksum type: ${type}`);
  }
  const templateError = outputTemplateError(output);
  if (templateError) settings.error(templateError);
  checkConfinedPaths(settings, 'output', [output]);
  if (settings.diagnostics.length > 0) return { diagnostics: settings.diagnostics };
  return { config: { checksumTypes, output }, diagnostics: [] };
}
