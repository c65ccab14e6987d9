import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BuilderStep, type BuildState, emptyBuildState, PROVISION_HOOK } from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import type { FileBuilderConfig } from './config.ts';
import { fileBuilder } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-file-builder-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function prepared(settings: Record<string, string>): FileBuilderConfig {
  const { config, diagnostics } = fileBuilder.prepare(settings);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return config!;
}

function builderSteps(config: FileBuilderConfig): BuilderStep<FileBuilderConfig>[] {
  return fileBuilder.steps(config).filter((s): s is BuilderStep<FileBuilderConfig> => s !== PROVISION_HOOK);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

describe('file builder prepare', () => {
  it('requires a target', () => {
    const { config, diagnostics } = fileBuilder.prepare({ content: 'x' });
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => d.summary)).toEqual(['source "file": target required']);
  });

  it('refuses source and content together', () => {
    const { diagnostics } = fileBuilder.prepare({ content: 'x', source: 'a', target: 'b' });
    expect(diagnostics.map((d) => d.summary)).toEqual([
      'source "file": Cannot specify source file AND content',
    ]);
  });

  it('warns when both are blank, like Packer', () => {
    const { config, diagnostics } = fileBuilder.prepare({ target: 'b' });
    expect(config).toEqual({ target: 'b' });
    expect(diagnostics).toMatchObject([{ severity: 'warning' }]);
  });

  it('reports a wrongly typed setting', () => {
    const { diagnostics } = fileBuilder.prepare({ target: ['a'] });
    expect(diagnostics[0]?.detail).toBe('"target" must be a string; got a list.');
  });

  it('runs the provisioners between writing and reporting the artifact', () => {
    const steps = fileBuilder.steps(prepared({ content: 'x', target: 't' }));
    expect(steps.map((s) => (s === PROVISION_HOOK ? s : s.name))).toEqual([
      'write-target',
      'provision',
      'report-artifact',
    ]);
  });
});

describe('file builder steps', () => {
  it('writes the content, reports the artifact and keeps the file after success', async () => {
    const config = prepared({ content: 'hello\n', target: 'out/nested/hello.txt' });
    const [write, report] = builderSteps(config);
    const { ctx } = recordingContext(workDir);
    const absolute = path.join(workDir, 'out/nested/hello.txt');

    const written = await write!.run(config, emptyBuildState(), ctx);
    expect(written.action).toBe('continue');
    expect(await readFile(absolute, 'utf8')).toBe('hello\n');
    expect(written.state.resources['write-target']).toEqual({
      path: absolute,
      createdDirs: [path.join(workDir, 'out/nested'), path.join(workDir, 'out')],
    });

    const reported = await report!.run(config, written.state, ctx);
    expect(reported.state.artifact).toEqual({
      builderId: 'packer.file',
      id: 'File',
      platform: 'local',
      images: [{ region: 'local', externalId: absolute }],
      files: ['out/nested/hello.txt'],
      labels: {},
    });

    await report!.cleanup(config, reported.state, { ...ctx, outcome: 'succeeded' });
    await write!.cleanup(config, reported.state, { ...ctx, outcome: 'succeeded' });
    expect(await readFile(absolute, 'utf8')).toBe('hello\n');
  });

  it('keeps the file when a post-processor replaced the artifact afterwards', async () => {
    const config = prepared({ content: 'kept', target: 'kept.txt' });
    const [write, report] = builderSteps(config);
    const { ctx } = recordingContext(workDir);
    const written = await write!.run(config, emptyBuildState(), ctx);
    const reported = await report!.run(config, written.state, ctx);
    const replaced = {
      ...reported.state,
      artifact: {
        builderId: 'packer.post-processor.checksum',
        id: 'x',
        platform: '',
        images: [],
        files: [],
        labels: {},
      },
    };
    await write!.cleanup(config, replaced, { ...ctx, outcome: 'succeeded' });
    expect(await readFile(path.join(workDir, 'kept.txt'), 'utf8')).toBe('kept');
  });

  it('removes the file and the directories it created when the build failed', async () => {
    const config = prepared({ content: 'x', target: 'out/nested/hello.txt' });
    const [write] = builderSteps(config);
    const { ctx, lines } = recordingContext(workDir);
    const written = await write!.run(config, emptyBuildState(), ctx);

    await write!.cleanup(config, written.state, { ...ctx, outcome: 'failed' });
    expect(await exists(path.join(workDir, 'out'))).toBe(false);
    expect(await exists(workDir)).toBe(true);
    expect(lines).toContainEqual({
      level: 'say',
      text: `Removing ${path.join(workDir, 'out/nested/hello.txt')}`,
    });
  });

  it('keeps directories that other files live in', async () => {
    const config = prepared({ content: 'x', target: 'out/hello.txt' });
    const [write] = builderSteps(config);
    const { ctx } = recordingContext(workDir);
    const written = await write!.run(config, emptyBuildState(), ctx);
    await writeFile(path.join(workDir, 'out/other.txt'), 'y');

    await write!.cleanup(config, written.state, { ...ctx, outcome: 'failed' });
    expect(await exists(path.join(workDir, 'out/hello.txt'))).toBe(false);
    expect(await exists(path.join(workDir, 'out/other.txt'))).toBe(true);
  });

  it('removes the file on cancel even after the artifact was reported', async () => {
    const config = prepared({ content: 'x', target: 'hello.txt' });
    const [write, report] = builderSteps(config);
    const controller = new AbortController();
    const { ctx } = recordingContext(workDir, { signal: controller.signal });
    const written = await write!.run(config, emptyBuildState(), ctx);
    const reported = await report!.run(config, written.state, ctx);

    controller.abort();
    await write!.cleanup(config, reported.state, { ...ctx, outcome: 'cancelled' });
    expect(await exists(path.join(workDir, 'hello.txt'))).toBe(false);
  });

  it('copies a source file', async () => {
    await writeFile(path.join(workDir, 'src.txt'), 'from source');
    const config = prepared({ source: 'src.txt', target: 'copy.txt' });
    const [write] = builderSteps(config);
    const { ctx, lines } = recordingContext(workDir);
    const written = await write!.run(config, emptyBuildState(), ctx);
    expect(written.action).toBe('continue');
    expect(await readFile(path.join(workDir, 'copy.txt'), 'utf8')).toBe('from source');
    expect(lines[0]?.text).toBe(
      `Copying ${path.join(workDir, 'src.txt')} to ${path.join(workDir, 'copy.txt')}`,
    );
  });

  it('reports a copied source as the image the artifact was built from', async () => {
    await writeFile(path.join(workDir, 'src.txt'), 'from source');
    const config = prepared({ source: 'src.txt', target: 'copy.txt' });
    const [write, report] = builderSteps(config);
    const { ctx } = recordingContext(workDir);
    const written = await write!.run(config, emptyBuildState(), ctx);
    const reported = await report!.run(config, written.state, ctx);
    expect(reported.state.artifact).toMatchObject({
      images: [{ region: 'local', externalId: path.join(workDir, 'copy.txt') }],
      sourceImageId: path.join(workDir, 'src.txt'),
    });
    const fromContent = prepared({ content: 'x', target: 'other.txt' });
    const [writeContent, reportContent] = builderSteps(fromContent);
    const contentState = await writeContent!.run(fromContent, emptyBuildState(), ctx);
    const contentReport = await reportContent!.run(fromContent, contentState.state, ctx);
    expect(contentReport.state.artifact).not.toHaveProperty('sourceImageId');
  });

  it('halts with bad-config when the source does not exist, having written nothing', async () => {
    const config = prepared({ source: 'missing.txt', target: 'copy.txt' });
    const [write] = builderSteps(config);
    const { ctx } = recordingContext(workDir);
    const state: BuildState = emptyBuildState();
    const result = await write!.run(config, state, ctx);
    expect(result).toEqual({
      action: 'halt',
      state,
      error: {
        class: 'bad-config',
        message: `source "file": source file ${path.join(workDir, 'missing.txt')} does not exist`,
      },
    });
    expect(await exists(path.join(workDir, 'copy.txt'))).toBe(false);
  });
});

describe('file builder artifact', () => {
  it("is destroyed by removing the target, as Packer's FileArtifact is, and again without failing", async () => {
    const config = prepared({ content: 'x', target: 'out/hello.txt' });
    const [write, report] = builderSteps(config);
    const { ctx } = recordingContext(workDir);
    const written = await write!.run(config, emptyBuildState(), ctx);
    const reported = await report!.run(config, written.state, ctx);

    await fileBuilder.destroyArtifact!(reported.state.artifact!, ctx);
    expect(await exists(path.join(workDir, 'out/hello.txt'))).toBe(false);
    expect(await exists(path.join(workDir, 'out'))).toBe(true);
    await fileBuilder.destroyArtifact!(reported.state.artifact!, ctx);
    expect(await exists(path.join(workDir, 'out'))).toBe(true);
  });

  it('leaves cleanup nothing to fight over once the target was destroyed', async () => {
    const config = prepared({ content: 'x', target: 'out/hello.txt' });
    const [write, report] = builderSteps(config);
    const controller = new AbortController();
    const { ctx } = recordingContext(workDir, { signal: controller.signal });
    const written = await write!.run(config, emptyBuildState(), ctx);
    const reported = await report!.run(config, written.state, ctx);
    await fileBuilder.destroyArtifact!(reported.state.artifact!, ctx);

    await write!.cleanup(config, reported.state, { ...ctx, outcome: 'succeeded' });
    controller.abort();
    await write!.cleanup(config, reported.state, { ...ctx, outcome: 'cancelled' });
    expect(await exists(path.join(workDir, 'out'))).toBe(false);
  });
});
