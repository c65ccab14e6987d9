import type { PluginConfig, PluginSchema, PrepareResult } from '@kiln/engine';
import { checkConfinedPaths } from '../../common/confine-path.ts';
import { outputTemplateError } from '../../common/output-template.ts';
import { SettingsReader } from '../../common/settings.ts';

export const COMPRESS_BUILDER_ID = 'packer.post-processor.compress';
export const DEFAULT_COMPRESS_OUTPUT = 'packer_{{.BuildName}}_{{.BuilderType}}';
const DEFAULT_LEVEL = 6;

/** The archives and algorithms Packer picks from the output's extensions; Kiln writes the first ones. */
export type Archive = 'tar' | 'zip' | '';
export type Algorithm = 'pgzip' | 'lz4' | 'bgzf' | 'xz' | 'bzip2' | '';
const SUPPORTED_ALGORITHMS: readonly Algorithm[] = ['pgzip', ''];

export interface CompressConfig {
  /** A template with `{{.BuildName}}` and `{{.BuilderType}}`. */
  output: string;
  archive: Archive;
  algorithm: Algorithm;
  /** 1 (fastest) to 9 (smallest). */
  level: number;
}

export const compressSchema: PluginSchema = {
  kind: 'post-processor',
  type: 'compress',
  settings: [
    {
      name: 'output',
      type: 'string',
      description: 'The archive, with {{.BuildName}} and {{.BuilderType}}; its extensions choose the format.',
      renderedBy: 'plugin',
    },
    {
      name: 'format',
      type: 'string',
      description: 'Extensions to use instead of the output name’s: `tar.gz`.',
    },
    { name: 'compression_level', type: 'number', description: '1 (fastest) to 9 (smallest); 6 by default.' },
    { name: 'archive', type: 'string', description: 'Derived from the output name by Packer; rarely set.' },
    { name: 'algorithm', type: 'string', description: 'Derived from the output name by Packer; rarely set.' },
  ],
};

const EXTENSIONS: Record<string, Algorithm> = {
  gz: 'pgzip',
  lz4: 'lz4',
  bgzf: 'bgzf',
  xz: 'xz',
  bzip2: 'bzip2',
};

/** Packer's `detectFromFilename`: the last two lower-case extensions decide archive and algorithm. */
export function detectFormat(
  output: string,
  format: string,
  initial: { archive: Archive; algorithm: Algorithm },
): { archive: Archive; algorithm: Algorithm } {
  const name = format === '' ? output : `${output}.${format}`;
  const extensions = [...name.matchAll(/\.([a-z0-9]+)/g)].map((m) => m[1] ?? '');
  if (extensions.length === 0) return { archive: 'tar', algorithm: 'pgzip' };
  const last = extensions.at(-1) ?? '';
  const result = { ...initial };
  if (extensions.at(-2) === 'tar') result.archive = 'tar';
  if (last === 'zip' || last === 'tar') return { ...result, archive: last };
  const algorithm = EXTENSIONS[last];
  if (algorithm !== undefined) return { ...result, algorithm };
  return { archive: 'tar', algorithm: 'pgzip' };
}

export function prepareCompress(config: PluginConfig): PrepareResult<CompressConfig> {
  const settings = new SettingsReader(config, 'post-processor "compress"');
  const output = settings.string('output') || DEFAULT_COMPRESS_OUTPUT;
  const format = settings.string('format') ?? '';
  const archive = settings.string('archive') ?? '';
  const algorithm = settings.string('algorithm') ?? '';
  const rawLevel = settings.number('compression_level') ?? 0;
  if (!Number.isInteger(rawLevel) || rawLevel < -1) {
    settings.error('Invalid compression level. Expected an integer from -1 to 9.');
  }
  const templateError = outputTemplateError(output);
  if (templateError) settings.error(templateError);
  checkConfinedPaths(settings, 'output', [output]);
  const detected = detectFormat(output, format, {
    archive: archive as Archive,
    algorithm: algorithm as Algorithm,
  });
  if (detected.archive !== 'tar' && detected.archive !== 'zip' && detected.archive !== '') {
    settings.error(`Unknown archive "${detected.archive}"`, 'Kiln writes tar and zip archives.');
  }
  if (!SUPPORTED_ALGORITHMS.includes(detected.algorithm)) {
    settings.error(
      `${detected.algorithm} compression is not supported`,
      'Kiln compresses with gzip (`.gz`, `.tar.gz`) or archives without compression (`.tar`, `.zip`).',
    );
  }
  if (settings.diagnostics.length > 0) return { diagnostics: settings.diagnostics };
  const level = rawLevel === 0 || rawLevel === -1 ? DEFAULT_LEVEL : Math.min(rawLevel, 9);
  return { config: { output, ...detected, level }, diagnostics: [] };
}
