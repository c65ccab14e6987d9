import type { PluginConfig, PluginSchema, PrepareResult } from '@kiln/engine';
import { checkConfinedPaths } from '../../common/confine-path.ts';
import { SettingsReader } from '../../common/settings.ts';

export const MANIFEST_BUILDER_ID = 'packer.post-processor.manifest';
export const DEFAULT_MANIFEST_OUTPUT = 'packer-manifest.json';

export interface ManifestConfig {
  /** The manifest file, relative to the run's work directory. */
  output: string;
  stripPath: boolean;
  stripTime: boolean;
  /** Absent when the template sets none: the manifest then says `null`, as Packer's does. */
  customData?: Record<string, string>;
}

export const manifestSchema: PluginSchema = {
  kind: 'post-processor',
  type: 'manifest',
  settings: [
    { name: 'output', type: 'string', description: 'The manifest file; `packer-manifest.json` by default.' },
    { name: 'strip_path', type: 'bool', description: 'Record only the file names, without their folders.' },
    { name: 'strip_time', type: 'bool', description: 'Leave `build_time` out.' },
    { name: 'custom_data', type: 'map(string)', description: 'Extra data recorded with the build.' },
  ],
};

export function prepareManifest(config: PluginConfig): PrepareResult<ManifestConfig> {
  const settings = new SettingsReader(config, 'post-processor "manifest"');
  const output = settings.string('output') || DEFAULT_MANIFEST_OUTPUT;
  const stripPath = settings.bool('strip_path') ?? false;
  const stripTime = settings.bool('strip_time') ?? false;
  const customData = settings.stringMap('custom_data');
  checkConfinedPaths(settings, 'output', [output]);
  if (settings.diagnostics.length > 0) return { diagnostics: settings.diagnostics };
  return {
    config: { output, stripPath, stripTime, ...(customData ? { customData } : {}) },
    diagnostics: [],
  };
}
