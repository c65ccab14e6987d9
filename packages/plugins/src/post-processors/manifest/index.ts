import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactData, PostProcessorPlugin, RunContext } from '@kiln/engine';
import { confinedPath } from '../../common/confine-path.ts';
import { PluginFailure, errorMessage, isErrno } from '../../common/errors.ts';
import { withFileLock } from '../../common/file-lock.ts';
import { buildIdentity } from '../../common/shell-local/env-vars.ts';
import { type ManifestConfig, manifestSchema, prepareManifest } from './config.ts';
import { type ManifestBuild, type ManifestFile, formatManifest, parseManifest } from './manifest-file.ts';

export { type ManifestConfig, manifestSchema } from './config.ts';
export { type ManifestBuild, type ManifestFile, formatManifest, parseManifest } from './manifest-file.ts';

/**
 * Packer's `manifest` post-processor: appends one entry per build to a JSON file in the run's work
 * directory, under a lock file so that builds running side by side do not lose each other's entries.
 * It passes the artifact on unchanged and, like Packer, forces its keep.
 */
export const manifestPostProcessor: PostProcessorPlugin<ManifestConfig> = {
  kind: 'post-processor',
  schema: manifestSchema,
  prepare: prepareManifest,
  async postProcess(config, artifact, ctx, state) {
    const build = await manifestBuild(config, artifact, ctx, state.generated.PackerRunUUID ?? '');
    const output = await confinedPath(ctx.workDir, config.output, {
      where: 'post-processor "manifest"',
      name: 'output',
    });
    await withFileLock(output, ctx.signal, () => appendBuild(output, config.output, build));
    return { artifact, keepInputDefault: true, forceKeepInput: true };
  },
};

async function manifestBuild(
  config: ManifestConfig,
  artifact: ArtifactData,
  ctx: RunContext,
  runUuid: string,
): Promise<ManifestBuild> {
  const identity = buildIdentity(ctx.buildName);
  const files = await Promise.all(
    artifact.files.map(async (name) => ({
      name: config.stripPath ? path.basename(name) : name,
      size: await stat(path.resolve(ctx.workDir, name)).then(
        (info) => info.size,
        () => 0,
      ),
    })),
  );
  return {
    name: identity.buildName,
    builderType: identity.builderType,
    buildTime: config.stripTime ? 0 : Math.floor(Date.now() / 1000),
    files: files.length > 0 ? files : null,
    artifactId: artifact.id,
    packerRunUuid: runUuid,
    customData: config.customData ?? null,
  };
}

/** Reads the manifest, adds the build and writes it back, with Packer's messages on failure. */
async function appendBuild(output: string, named: string, build: ManifestBuild): Promise<void> {
  let contents = '';
  try {
    contents = await readFile(output, 'utf8');
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) {
      throw new PluginFailure('internal', `Unable to open ${named} for reading: ${errorMessage(error)}`);
    }
  }
  let manifest: ManifestFile = { builds: null, lastRunUuid: '' };
  if (contents.length > 0) {
    try {
      manifest = parseManifest(contents);
    } catch (error) {
      throw new PluginFailure('internal', `Unable to parse content from ${named}: ${errorMessage(error)}`);
    }
  }
  const updated: ManifestFile = {
    builds: [...(manifest.builds ?? []), build],
    lastRunUuid: build.packerRunUuid,
  };
  try {
    await writeFile(output, formatManifest(updated), { mode: 0o664 });
  } catch (error) {
    throw new PluginFailure('internal', `Unable to write ${named}: ${errorMessage(error)}`);
  }
}
