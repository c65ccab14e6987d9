import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildArtifacts, instantiateBuild, parseTemplate, planBuilds, runBuildInProcess } from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../test/run-context.ts';
import { createPluginRegistry } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-artifact-destruction-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function template(postProcessors: string): string {
  return `source "file" "hello" {
  content = "hello"
  target  = "hello.txt"
}
build {
  sources = ["source.file.hello"]
${postProcessors}
}
`;
}

async function build(content: string) {
  const plugins = createPluginRegistry();
  const { template: parsed, diagnostics } = parseTemplate([{ filename: 't.pkr.hcl', content }]);
  expect(diagnostics).toEqual([]);
  const [plan] = planBuilds(parsed!).builds;
  const { steps, diagnostics: stepDiagnostics } = instantiateBuild(plan!, plugins);
  expect(stepDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { ctx, lines } = recordingContext(workDir, { buildName: plan!.name });
  const outcome = await runBuildInProcess(steps, ctx);
  return { outcome, lines, files: (await readdir(workDir)).sort() };
}

/** Each case's files are what stock Packer 1.16.0 leaves after `packer build` of the same template. */
describe("artifacts that post-processing does not keep are destroyed, as stock Packer's are", () => {
  it("deletes the file builder's target once compress replaced it", async () => {
    const { outcome, files, lines } = await build(
      template(`  post-processor "compress" {
    output = "hello.tar.gz"
  }`),
    );
    expect(outcome.status).toBe('succeeded');
    expect(files).toEqual(['hello.tar.gz']);
    expect(lines).toContainEqual({ level: 'message', text: "Deleting original artifact for build 'file'" });
    expect(buildArtifacts(outcome.state).map((a) => [a.builderId, a.files])).toEqual([
      ['packer.post-processor.compress', ['hello.tar.gz']],
    ]);
  });

  it('keeps the target when the template sets keep_input_artifact = true', async () => {
    const { outcome, files } = await build(
      template(`  post-processor "compress" {
    output              = "hello.tar.gz"
    keep_input_artifact = true
  }`),
    );
    expect(outcome.status).toBe('succeeded');
    expect(files).toEqual(['hello.tar.gz', 'hello.txt']);
    expect(buildArtifacts(outcome.state).map((a) => [a.builderId, a.files])).toEqual([
      ['packer.file', ['hello.txt']],
      ['packer.post-processor.compress', ['hello.tar.gz']],
    ]);
  });

  it('destroys a checksum artifact that compress does not keep, with the files it lists', async () => {
    const { outcome, files } = await build(
      template(`  post-processors {
    post-processor "checksum" {
      checksum_types = ["md5"]
      output         = "hello.md5"
    }
    post-processor "compress" {
      output = "hello.tar.gz"
    }
  }`),
    );
    expect(outcome.status).toBe('succeeded');
    expect(files).toEqual(['hello.tar.gz']);
    expect(buildArtifacts(outcome.state).map((a) => a.builderId)).toEqual([
      'packer.file',
      'packer.post-processor.compress',
    ]);
  });

  it('takes a builder target that is already gone as destroyed, so that a retried step succeeds', async () => {
    // Packer fails here (os.Remove of a missing file); a durable step must be safe to run twice.
    const { outcome, files, lines } = await build(
      template(`  post-processor "compress" {
    output = "hello.tar.gz"
  }
  post-processors {
    post-processor "artifice" {
      files               = ["hello.txt"]
      keep_input_artifact = false
    }
    post-processor "compress" {
      output = "again.tar.gz"
    }
  }`),
    );
    expect(files).toEqual(['again.tar.gz', 'hello.tar.gz']);
    expect(outcome.status).toBe('succeeded');
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
