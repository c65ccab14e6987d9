import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ArtifactData, emptyBuildState } from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import { artificePostProcessor } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-artifice-'));
  await mkdir(path.join(workDir, 'dist/sub'), { recursive: true });
  for (const file of ['dist/b.box', 'dist/a.box', 'dist/notes.txt', 'dist/sub/c.box', 'vm.ovf']) {
    await writeFile(path.join(workDir, file), file);
  }
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const INPUT: ArtifactData = {
  builderId: 'packer.file',
  id: 'out.txt',
  platform: 'local',
  images: [],
  files: ['out.txt'],
  labels: {},
};

describe('artifice prepare', () => {
  it("needs files, with Packer's message", () => {
    expect(artificePostProcessor.prepare({}).diagnostics.map((d) => d.summary)).toEqual([
      'post-processor "artifice": No files specified in artifice configuration',
    ]);
    expect(artificePostProcessor.prepare({ files: ['a'], keep_input_artifact: true })).toEqual({
      config: { files: ['a'] },
      diagnostics: [],
    });
  });
});

describe('artifice post-processor', () => {
  it('replaces the artifact with the files the globs find, in order, and lets the input go', async () => {
    const { ctx, lines } = recordingContext(workDir);
    const result = await artificePostProcessor.postProcess(
      { files: ['vm.ovf', 'dist/*.box', 'missing.img', 'dist/[^n]*/?.box'] },
      INPUT,
      ctx,
      { generated: {}, resources: {} },
    );
    const files = ['vm.ovf', 'dist/a.box', 'dist/b.box', 'dist/sub/c.box'];
    expect(result).toEqual({
      artifact: {
        builderId: 'packer.post-processor.artifice',
        id: '',
        platform: 'local',
        images: files.map((file) => ({ region: 'local', externalId: path.join(workDir, file) })),
        files,
        labels: {},
      },
      keepInputDefault: true,
      forceKeepInput: false,
    });
    expect(lines.map((l) => l.text)).toEqual([
      'Discarding files from artifact: out.txt',
      `Using these artifact files: ${files.join(', ')}`,
    ]);
  });

  it('refuses a malformed pattern', async () => {
    const { ctx } = recordingContext(workDir);
    await expect(
      artificePostProcessor.postProcess({ files: ['dist/[a'] }, INPUT, ctx, { generated: {}, resources: {} }),
    ).rejects.toThrow('post-processor "artifice": dist/[a: syntax error in pattern');
  });
});

describe('artifice artifact', () => {
  it("is destroyed as Packer's: its files and directories go, missing ones are no failure", async () => {
    const { ctx } = recordingContext(workDir);
    const { artifact } = await artificePostProcessor.postProcess(
      { files: ['dist/sub', 'vm.ovf', 'gone.txt'] },
      INPUT,
      ctx,
      emptyBuildState(),
    );
    await artificePostProcessor.destroyArtifact!(
      { ...artifact, files: [...artifact.files, 'gone.txt'] },
      ctx,
    );
    expect((await readdir(workDir)).sort()).toEqual(['dist']);
    expect((await readdir(path.join(workDir, 'dist'))).sort()).toEqual(['a.box', 'b.box', 'notes.txt']);
  });
});
