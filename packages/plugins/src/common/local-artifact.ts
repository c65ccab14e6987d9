import path from 'node:path';
import type { ArtifactData } from '@kiln/engine';

/**
 * An artifact made of files on the worker, as the post-processors that create files report it:
 * Packer's id is empty; each file is an image in the `local` region, named by its absolute path.
 */
export function localFilesArtifact(builderId: string, files: string[], workDir: string): ArtifactData {
  return {
    builderId,
    id: '',
    platform: 'local',
    images: files.map((file) => ({ region: 'local', externalId: path.resolve(workDir, file) })),
    files,
    labels: {},
  };
}
