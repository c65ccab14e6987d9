import type { PluginConfig, PluginSchema, PostProcessorPlugin, PrepareResult } from '@kiln/engine';
import { checkConfinedPaths, confinedPaths } from '../../common/confine-path.ts';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { goGlob } from '../../common/go-glob.ts';
import { localFilesArtifact, removeAllFiles } from '../../common/local-artifact.ts';
import { SettingsReader } from '../../common/settings.ts';

export const ARTIFICE_BUILDER_ID = 'packer.post-processor.artifice';

export interface ArtificeConfig {
  /** Paths or glob patterns, relative to the run's work directory. */
  files: string[];
}

export const artificeSchema: PluginSchema = {
  kind: 'post-processor',
  type: 'artifice',
  settings: [
    { name: 'files', type: 'list(string)', description: 'The files (or glob patterns) of the new artifact.' },
    { name: 'keep_input_artifact', type: 'bool', description: 'Keep the artifact this one replaces.' },
  ],
};

export function prepareArtifice(config: PluginConfig): PrepareResult<ArtificeConfig> {
  const settings = new SettingsReader(config, 'post-processor "artifice"');
  const files = settings.stringList('files') ?? [];
  settings.bool('keep_input_artifact');
  if (settings.diagnostics.length === 0 && files.length === 0) {
    settings.error('No files specified in artifice configuration');
  }
  checkConfinedPaths(settings, 'files', files);
  if (settings.diagnostics.length > 0) return { diagnostics: settings.diagnostics };
  return { config: { files }, diagnostics: [] };
}

/**
 * Packer's `artifice` post-processor: replaces the artifact with the files the template names, so
 * that later post-processors and the registry see them. Like Packer it keeps the input artifact
 * unless the template's `keep_input_artifact = false` says otherwise; destroying its artifact removes
 * the files it names, as Packer does.
 */
export const artificePostProcessor: PostProcessorPlugin<ArtificeConfig> = {
  kind: 'post-processor',
  schema: artificeSchema,
  prepare: prepareArtifice,
  async postProcess(config, artifact, ctx) {
    if (artifact.files.length > 0) {
      ctx.ui.say(`Discarding files from artifact: ${artifact.files.join(', ')}`);
    }
    const files: string[] = [];
    for (const pattern of config.files) {
      try {
        files.push(...(await goGlob(pattern, ctx.workDir)));
      } catch (error) {
        throw new PluginFailure(
          'bad-config',
          `post-processor "artifice": ${pattern}: ${errorMessage(error)}`,
        );
      }
    }
    await confinedPaths(ctx.workDir, files, { where: 'post-processor "artifice"', name: 'files' });
    ctx.ui.say(`Using these artifact files: ${files.join(', ')}`);
    return {
      artifact: localFilesArtifact(ARTIFICE_BUILDER_ID, files, ctx.workDir),
      keepInputDefault: true,
      forceKeepInput: false,
    };
  },
  destroyArtifact: removeAllFiles,
};
