import { type BuilderPlugin, PROVISION_HOOK } from '@kiln/engine';
import { removeFile } from '../../common/local-artifact.ts';
import { type FileBuilderConfig, fileBuilderSchema, prepareFileBuilder } from './config.ts';
import { reportArtifactStep } from './steps/report-artifact.ts';
import { writeTargetStep } from './steps/write-target.ts';

export { FILE_BUILDER_ID, type FileBuilderConfig, fileBuilderSchema } from './config.ts';

/**
 * Packer's `file` builder: writes one local file, runs the provisioners, reports the file as the
 * artifact. Destroying the artifact removes the file, as Packer's `FileArtifact.Destroy()` does.
 */
export const fileBuilder: BuilderPlugin<FileBuilderConfig> = {
  kind: 'builder',
  schema: fileBuilderSchema,
  prepare: prepareFileBuilder,
  steps: () => [writeTargetStep, PROVISION_HOOK, reportArtifactStep],
  async destroyArtifact(artifact, ctx) {
    for (const file of artifact.files) await removeFile(file, ctx);
  },
};
