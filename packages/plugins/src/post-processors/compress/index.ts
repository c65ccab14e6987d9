import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ArtifactData, PostProcessorPlugin, RunContext } from '@kiln/engine';
import { confinedPath, confinedPaths } from '../../common/confine-path.ts';
import { PluginFailure, errorMessage } from '../../common/errors.ts';
import { localFilesArtifact, removeFile } from '../../common/local-artifact.ts';
import { renderOutputTemplate } from '../../common/output-template.ts';
import { buildIdentity } from '../../common/shell-local/env-vars.ts';
import { COMPRESS_BUILDER_ID, type CompressConfig, compressSchema, prepareCompress } from './config.ts';
import { tarArchive } from './tar-writer.ts';
import { zipArchive } from './zip-writer.ts';

const WHERE = 'post-processor "compress"';

export { COMPRESS_BUILDER_ID, type CompressConfig, compressSchema, detectFormat } from './config.ts';

/**
 * Packer's `compress` post-processor: writes the artifact's files into one tar (optionally gzipped)
 * or zip archive, or gzips its single file, and makes the archive the artifact. Like Packer it does
 * not keep its input unless the template says so. A half-written archive is removed when it fails or
 * is cancelled; destroying its artifact removes the archive.
 */
export const compressPostProcessor: PostProcessorPlugin<CompressConfig> = {
  kind: 'post-processor',
  schema: compressSchema,
  prepare: prepareCompress,
  async postProcess(config, artifact, ctx, state) {
    const identity = buildIdentity(ctx.buildName);
    const output = renderOutputTemplate(config.output, {
      ...state.generated,
      BuildName: identity.buildName,
      BuilderType: identity.builderType,
    });
    const target = await confinedPath(ctx.workDir, output, { where: WHERE, name: 'output' });
    await confinedPaths(ctx.workDir, artifact.files, { where: WHERE, name: 'artifact file' });
    try {
      await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    } catch (error) {
      throw new PluginFailure(
        'internal',
        `Unable to create dir for archive ${output}: ${errorMessage(error)}`,
      );
    }
    try {
      await writeArchive(config, artifact, output, target, ctx);
    } catch (error) {
      await rm(target, { force: true });
      if (ctx.signal.aborted)
        throw new PluginFailure('cancelled', `post-processor "compress": cancelled writing ${output}`);
      throw error instanceof PluginFailure
        ? error
        : new PluginFailure('provisioner-failed', errorMessage(error));
    }
    ctx.ui.say(`Archive ${output} completed`);
    return {
      artifact: localFilesArtifact(COMPRESS_BUILDER_ID, [output], ctx.workDir),
      keepInputDefault: false,
      forceKeepInput: false,
    };
  },
  async destroyArtifact(artifact, ctx) {
    for (const file of artifact.files) await removeFile(file, ctx);
  },
};

async function writeArchive(
  config: CompressConfig,
  artifact: ArtifactData,
  output: string,
  target: string,
  ctx: RunContext,
): Promise<void> {
  const compression = config.algorithm === '' ? 'no compression' : config.algorithm;
  let content: AsyncIterable<Buffer>;
  if (config.archive === 'tar') {
    ctx.ui.say(`Tarring ${output} with ${compression}`);
    content = tarArchive(artifact.files, ctx.workDir, ctx.signal);
  } else if (config.archive === 'zip') {
    ctx.ui.say(`Zipping ${output}`);
    const files = artifact.files.map((name) => ({ name, absolute: path.resolve(ctx.workDir, name) }));
    content = zipArchive(files, config.level, ctx.signal);
  } else {
    const [only, ...others] = artifact.files;
    if (only === undefined || others.length > 0) {
      throw new PluginFailure(
        'bad-config',
        `Can only have 1 input file when not using tar/zip. Found ${artifact.files.length} files: [${artifact.files.join(' ')}]`,
      );
    }
    ctx.ui.say(`Archiving ${only} with ${compression}`);
    content = oneFile(only, ctx);
  }
  const stages = config.algorithm === 'pgzip' ? [createGzip({ level: config.level })] : [];
  await pipeline([Readable.from(content), ...stages, createWriteStream(target)], { signal: ctx.signal });
}

async function* oneFile(file: string, ctx: RunContext): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(path.resolve(ctx.workDir, file), { signal: ctx.signal })) {
      yield chunk as Buffer;
    }
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new PluginFailure(
      'provisioner-failed',
      `Failed to open source file ${file} for reading: ${errorMessage(error)}`,
    );
  }
}
