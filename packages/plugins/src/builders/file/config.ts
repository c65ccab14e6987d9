import type { PluginConfig, PluginSchema, PrepareResult } from '@kiln/engine';
import { checkConfinedPaths } from '../../common/confine-path.ts';
import { SettingsReader } from '../../common/settings.ts';

export const FILE_BUILDER_ID = 'packer.file';

export interface FileBuilderConfig {
  /** Text written to the target; exclusive with `source`. */
  content?: string;
  /** A file copied to the target, relative to the run's work directory; exclusive with `content`. */
  source?: string;
  /** The file to write, relative to the run's work directory. */
  target: string;
}

export const fileBuilderSchema: PluginSchema = {
  kind: 'builder',
  type: 'file',
  settings: [
    { name: 'content', type: 'string', description: 'The text to write to the target file.' },
    { name: 'source', type: 'string', description: 'A file to copy to the target.' },
    { name: 'target', type: 'string', required: true, description: 'The file to create.' },
  ],
};

/** Packer's file builder rules: a target is required; source and content exclude each other. */
export function prepareFileBuilder(config: PluginConfig): PrepareResult<FileBuilderConfig> {
  const settings = new SettingsReader(config, 'source "file"');
  const target = settings.string('target');
  const content = settings.string('content');
  const source = settings.string('source');

  if (!target) settings.error('target required', 'Set "target" to the path of the file to create.');
  checkConfinedPaths(settings, 'target', [target]);
  checkConfinedPaths(settings, 'source', [source]);
  if (content && source) {
    settings.error('Cannot specify source file AND content', 'Set either "source" or "content", not both.');
  } else if (!content && !source) {
    settings.warning('Both source file and contents are blank; target will have no content');
  }
  if (settings.diagnostics.some((d) => d.severity === 'error') || !target) {
    return { diagnostics: settings.diagnostics };
  }
  return {
    config: { target, ...(content ? { content } : {}), ...(source ? { source } : {}) },
    diagnostics: settings.diagnostics,
  };
}
