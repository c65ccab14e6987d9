import { rm, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactData, RunContext } from '@kiln/engine';
import { confinedPath } from './confine-path.ts';
import { isErrno } from './errors.ts';

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

/**
 * Go's `os.Remove` on a file of the run's work directory: removes a file or an empty directory.
 * Unlike Go's, a file that is already gone is not a failure: a build step may run again after a
 * worker died, and destroying what an earlier attempt destroyed must succeed. Other errors read as
 * Go's: `remove <file>: <reason>`.
 */
export async function removeFile(file: string, ctx: RunContext): Promise<void> {
  const absolute = await removable(file, ctx);
  try {
    await unlink(absolute);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    if (!isErrno(error, 'EISDIR') && !isErrno(error, 'EPERM')) throw removeError(file, error);
    try {
      await rmdir(absolute);
    } catch (dirError) {
      throw removeError(file, dirError);
    }
  }
}

/**
 * Go's `os.RemoveAll` on each file of an artifact, in order: removes what is there, directories with
 * what they hold, and stops at the first failure. Files already gone are not a failure.
 */
export async function removeAllFiles(artifact: ArtifactData, ctx: RunContext): Promise<void> {
  for (const file of artifact.files) {
    try {
      await rm(await removable(file, ctx), { recursive: true, force: true });
    } catch (error) {
      throw removeError(file, error);
    }
  }
}

/**
 * Where `file` of an artifact is, for removing it: inside the run's work folder, through no symlink
 * that points out of it. The file itself may be a link: removing it removes the link only.
 */
async function removable(file: string, ctx: RunContext): Promise<string> {
  const parent = await confinedPath(ctx.workDir, path.dirname(file), { where: 'artifact', name: 'file' });
  return path.join(parent, path.basename(file));
}

/** `remove <file>: <reason>`, the reason without Node's code prefix and path suffix. */
function removeError(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/^[A-Z]+: /, '').replace(/, \w+ '[^']*'$/, '');
  return new Error(`remove ${file}: ${reason}`, { cause: error });
}
