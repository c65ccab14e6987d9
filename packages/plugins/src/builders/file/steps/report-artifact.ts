import path from 'node:path';
import type { BuilderStep } from '@kiln/engine';
import { FILE_BUILDER_ID, type FileBuilderConfig } from '../config.ts';

export const REPORT_ARTIFACT_STEP = 'report-artifact';

/**
 * Sets the build's artifact once the provisioners are done, Packer's `FileArtifact`: id `File`,
 * the file is the target as the template names it; the image's external id is its absolute path,
 * and a copied `source` is the image it was built from. It also records that the builder
 * succeeded, which post-processors replacing the artifact do not undo.
 */
export const reportArtifactStep: BuilderStep<FileBuilderConfig> = {
  name: REPORT_ARTIFACT_STEP,

  async run(config, state, ctx) {
    const absolute = path.resolve(ctx.workDir, config.target);
    ctx.ui.say(`Artifact: ${config.target}`);
    return {
      action: 'continue',
      state: {
        ...state,
        resources: { ...state.resources, [REPORT_ARTIFACT_STEP]: { target: absolute } },
        artifact: {
          builderId: FILE_BUILDER_ID,
          id: 'File',
          platform: 'local',
          images: [{ region: 'local', externalId: absolute }],
          files: [config.target],
          labels: {},
          ...(config.source ? { sourceImageId: path.resolve(ctx.workDir, config.source) } : {}),
        },
      },
    };
  },

  async cleanup() {},
};
