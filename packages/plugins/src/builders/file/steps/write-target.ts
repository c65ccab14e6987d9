import { access, copyFile, mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuilderStep, BuildState, JsonObject, RunContext } from '@kiln/engine';
import { confinedPath } from '../../../common/confine-path.ts';
import { errorMessage, isErrno, PluginFailure } from '../../../common/errors.ts';
import type { FileBuilderConfig } from '../config.ts';
import { REPORT_ARTIFACT_STEP } from './report-artifact.ts';

export const WRITE_TARGET_STEP = 'write-target';
const WHERE = 'source "file"';

interface WrittenTarget extends JsonObject {
  /** Absolute path of the file this step wrote. */
  path: string;
  /** Directories this step created for it, deepest first, so cleanup removes only those. */
  createdDirs: string[];
}

/**
 * Writes the target file from `content` or `source` and records it in `state.resources`.
 * Cleanup removes it again unless the build's builder part succeeded with its artifact. Once the
 * artifact exists, post-processing may destroy the target (see the builder's `destroyArtifact`):
 * a target that is gone is simply not removed again.
 */
export const writeTargetStep: BuilderStep<FileBuilderConfig> = {
  name: WRITE_TARGET_STEP,

  async run(config, state, ctx) {
    let target: string;
    let source: string | undefined;
    try {
      target = await confinedPath(ctx.workDir, config.target, { where: WHERE, name: 'target' });
      source =
        config.source === undefined
          ? undefined
          : await confinedPath(ctx.workDir, config.source, { where: WHERE, name: 'source' });
    } catch (error) {
      return { action: 'halt', state, error: { class: failureClassOf(error), message: errorMessage(error) } };
    }
    if (source !== undefined && !(await exists(source))) {
      return {
        action: 'halt',
        state,
        error: { class: 'bad-config', message: `source "file": source file ${source} does not exist` },
      };
    }

    let written: WrittenTarget = { path: target, createdDirs: [] };
    const record = (): BuildState => ({
      ...state,
      resources: { ...state.resources, [WRITE_TARGET_STEP]: written },
    });
    try {
      written = { ...written, createdDirs: await createParents(path.dirname(target)) };
      if (source !== undefined) {
        ctx.ui.say(`Copying ${source} to ${target}`);
        await copyFile(source, target);
      } else {
        await writeFile(target, config.content ?? '', { mode: 0o600 });
      }
      return { action: 'continue', state: record() };
    } catch (error) {
      return {
        action: 'halt',
        state: record(),
        error: {
          class: 'internal',
          message: `source "file": could not write ${target}: ${errorMessage(error)}`,
        },
      };
    }
  },

  async cleanup(_config, state, ctx) {
    const written = state.resources[WRITE_TARGET_STEP] as WrittenTarget | undefined;
    if (!written) return;
    // The file is what the build was for: it goes only when the build failed or was cancelled.
    if (ctx.outcome === 'succeeded' && state.resources[REPORT_ARTIFACT_STEP] !== undefined) return;
    await removeTarget(written, ctx);
  },
};

async function removeTarget(written: WrittenTarget, ctx: RunContext): Promise<void> {
  ctx.ui.say(`Removing ${written.path}`);
  await rm(written.path, { force: true });
  for (const dir of written.createdDirs) {
    try {
      await rmdir(dir);
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTEMPTY') || isErrno(error, 'EEXIST')) continue;
      throw error;
    }
  }
}

/** Creates `dir` and its missing parents; returns the ones it created, deepest first. */
async function createParents(dir: string): Promise<string[]> {
  const first = await mkdir(dir, { recursive: true });
  if (!first) return [];
  const created: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    created.push(current);
    if (current === first || current === path.dirname(current)) break;
  }
  return created;
}

function failureClassOf(error: unknown) {
  return error instanceof PluginFailure ? error.failureClass : 'internal';
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
