import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactData, PostProcessorPlugin, RunContext } from '@kiln/engine';
import { confinedPath } from '../../common/confine-path.ts';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { removeAllFiles } from '../../common/local-artifact.ts';
import { renderOutputTemplate } from '../../common/output-template.ts';
import { buildIdentity } from '../../common/shell-local/env-vars.ts';
import {
  CHECKSUM_ALGORITHMS,
  CHECKSUM_BUILDER_ID,
  type ChecksumConfig,
  checksumSchema,
  prepareChecksum,
} from './config.ts';

const WHERE = 'post-processor "checksum"';

export { CHECKSUM_BUILDER_ID, type ChecksumConfig, checksumSchema } from './config.ts';

/**
 * Packer's `checksum` post-processor: for each checksum type, appends `<hex>\t<file name>` for every
 * file of the artifact to the `output` file. The new artifact holds the input's files and the
 * checksum files it created, and the same images. Checksum files it created are removed again when
 * it fails or the build is cancelled. Like Packer it forces the keep of its input, which its artifact
 * lists; destroying its artifact removes every file it lists, the input's included, as Packer does.
 */
export const checksumPostProcessor: PostProcessorPlugin<ChecksumConfig> = {
  kind: 'post-processor',
  schema: checksumSchema,
  prepare: prepareChecksum,
  async postProcess(config, artifact, ctx, state) {
    const identity = buildIdentity(ctx.buildName);
    const data = { ...state.generated, BuildName: identity.buildName, BuilderType: identity.builderType };
    const created: string[] = [];
    try {
      for (const type of config.checksumTypes) {
        const output = renderOutputTemplate(config.output, { ...data, ChecksumType: type });
        for (const file of artifact.files) {
          if (await appendChecksum(type, file, output, ctx)) created.push(output);
        }
      }
    } catch (error) {
      await Promise.all(created.map((file) => rm(path.resolve(ctx.workDir, file), { force: true })));
      if (ctx.signal.aborted) throw new PluginFailure('cancelled', 'post-processor "checksum": cancelled');
      throw error;
    }
    const result: ArtifactData = {
      ...artifact,
      builderId: CHECKSUM_BUILDER_ID,
      id: '',
      files: [...artifact.files, ...created],
    };
    return { artifact: result, keepInputDefault: true, forceKeepInput: true };
  },
  destroyArtifact: removeAllFiles,
};

/** Appends the checksum of `file` to `output`; true when this created `output`. */
async function appendChecksum(type: string, file: string, output: string, ctx: RunContext): Promise<boolean> {
  const target = await confinedPath(ctx.workDir, output, { where: WHERE, name: 'output' });
  const existed = await stat(target).then(
    () => true,
    () => false,
  );
  try {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new PluginFailure('internal', `unable to create dir: ${errorMessage(error)}`);
  }
  const hash = createHash(CHECKSUM_ALGORITHMS[type] ?? type);
  try {
    const source = await confinedPath(ctx.workDir, file, { where: WHERE, name: 'artifact file' });
    for await (const chunk of createReadStream(source, { signal: ctx.signal })) {
      hash.update(chunk as Buffer);
    }
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new PluginFailure('provisioner-failed', `unable to open file ${file}: ${errorMessage(error)}`);
  }
  try {
    await appendFile(target, `${hash.digest('hex')}\t${path.basename(file)}\n`, { mode: 0o644 });
  } catch (error) {
    throw new PluginFailure('internal', `unable to create file ${output}: ${errorMessage(error)}`);
  }
  return !existed;
}
