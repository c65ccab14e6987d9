import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  instantiateBuild,
  parseTemplate,
  planBuilds,
  runBuildInProcess,
  validateTemplate,
} from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../test/run-context.ts';
import { createPluginRegistry } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-post-processors-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const TEMPLATE = `source "file" "hello" {
  content = "hello\\n"
  target  = "out/hello.txt"
}
build {
  name    = "demo"
  sources = ["source.file.hello"]
  provisioner "breakpoint" {
    note    = "look here"
    disable = true
  }
  provisioner "sleep" {
    duration = "10ms"
  }
  post-processor "shell-local" {
    inline = ["echo \\"pp for $PACKER_BUILD_NAME/$PACKER_BUILDER_TYPE\\""]
  }
  post-processor "manifest" {
    custom_data = { source = "\${source.name}" }
  }
  post-processors {
    post-processor "checksum" {
      checksum_types = ["sha1"]
      output         = "sums/{{.BuildName}}-{{.BuilderType}}-{{.ChecksumType}}.txt"
    }
    post-processor "manifest" {
      output     = "chain.json"
      strip_time = true
    }
  }
}
`;

describe("Packer's built-in post-processors and provisioners in a build", () => {
  it('validates, runs the provisioners and both post-processor chains', async () => {
    const plugins = createPluginRegistry();
    const { template, diagnostics } = parseTemplate([{ filename: 'pp.pkr.hcl', content: TEMPLATE }]);
    expect(diagnostics).toEqual([]);
    expect(validateTemplate(template!, plugins).filter((d) => d.severity === 'error')).toEqual([]);
    const [build] = planBuilds(template!).builds;
    const { steps, diagnostics: stepDiagnostics } = instantiateBuild(build!, plugins);
    expect(stepDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const { ctx, lines } = recordingContext(workDir, { buildName: build!.name });
    const outcome = await runBuildInProcess(steps, ctx);
    expect(outcome.error).toBeUndefined();
    const said = lines.map((l) => l.text);
    expect(said).toContain('Breakpoint provisioner with note "look here" disabled; continuing...');
    expect(said).toContain('pp for hello/file');

    const manifest = JSON.parse(await readFile(path.join(workDir, 'packer-manifest.json'), 'utf8'));
    expect(manifest.builds).toEqual([
      {
        name: 'hello',
        builder_type: 'file',
        build_time: expect.any(Number),
        files: [{ name: 'out/hello.txt', size: 6 }],
        artifact_id: 'File',
        packer_run_uuid: '',
        custom_data: { source: 'hello' },
      },
    ]);
    // What stock Packer 1.16.0 writes for the same chain.
    expect(await readFile(path.join(workDir, 'sums/hello-file-sha1.txt'), 'utf8')).toBe(
      'f572d396fae9206628714fb2ce00f72e94f2258f\thello.txt\n',
    );
    expect(JSON.parse(await readFile(path.join(workDir, 'chain.json'), 'utf8')).builds).toEqual([
      {
        name: 'hello',
        builder_type: 'file',
        files: [
          { name: 'out/hello.txt', size: 6 },
          { name: 'sums/hello-file-sha1.txt', size: 51 },
        ],
        artifact_id: '',
        packer_run_uuid: '',
        custom_data: null,
      },
    ]);
    expect(outcome.state.artifact).toMatchObject({
      builderId: 'packer.post-processor.checksum',
      files: ['out/hello.txt', 'sums/hello-file-sha1.txt'],
    });
  });
});
