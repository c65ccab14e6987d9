import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ArtifactData, type PluginConfig, emptyBuildState } from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import type { ChecksumConfig } from './config.ts';
import { checksumPostProcessor } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-checksum-'));
  await mkdir(path.join(workDir, 'out'));
  await writeFile(path.join(workDir, 'out/hello.txt'), 'hello\n');
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const ARTIFACT: ArtifactData = {
  builderId: 'packer.file',
  id: 'out/hello.txt',
  platform: 'local',
  images: [{ region: 'local', externalId: '/somewhere/out/hello.txt' }],
  files: ['out/hello.txt'],
  labels: { team: 'web' },
};

function prepared(settings: PluginConfig): ChecksumConfig {
  const { config, diagnostics } = checksumPostProcessor.prepare(settings);
  expect(diagnostics).toEqual([]);
  return config!;
}

const read = (file: string) => readFile(path.join(workDir, file), 'utf8');

describe('checksum prepare', () => {
  it("applies Packer's defaults", () => {
    expect(prepared({})).toEqual({
      checksumTypes: ['md5'],
      output: 'packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum',
    });
  });

  it("refuses unknown checksum types and outputs it cannot render, with Packer's words", () => {
    const { diagnostics } = checksumPostProcessor.prepare({
      checksum_types: ['sha256', 'crc32', 'whirlpool'],
      output: '{{timestamp}}.sum',
    });
    expect(diagnostics.map((d) => d.summary)).toEqual([
      'post-processor "checksum": Unrecognized checksum type: crc32',
      'post-processor "checksum": Unrecognized checksum type: whirlpool',
      expect.stringMatching(
        /^post-processor "checksum": Error parsing target template: "\{\{timestamp\}\}.sum"/,
      ),
    ]);
  });
});

describe('checksum post-processor', () => {
  it('writes the files stock Packer writes and reports them with the input files', async () => {
    const { ctx } = recordingContext(workDir, { buildName: 'demo.file.hello' });
    const result = await checksumPostProcessor.postProcess(
      prepared({ checksum_types: ['md5', 'sha256'] }),
      ARTIFACT,
      ctx,
      emptyBuildState(),
    );
    // Recorded from stock Packer 1.16.0 for the same file.
    expect(await read('packer_hello_file_md5.checksum')).toBe(
      'b1946ac92492d2347c6235b4d2611184\thello.txt\n',
    );
    expect(await read('packer_hello_file_sha256.checksum')).toBe(
      '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\thello.txt\n',
    );
    expect(result).toEqual({
      artifact: {
        ...ARTIFACT,
        builderId: 'packer.post-processor.checksum',
        id: '',
        files: ['out/hello.txt', 'packer_hello_file_md5.checksum', 'packer_hello_file_sha256.checksum'],
      },
      keepInputDefault: true,
      forceKeepInput: true,
    });
  });

  it('renders the output template, creating its folder', async () => {
    const { ctx } = recordingContext(workDir, { buildName: 'demo.file.hello' });
    const config = prepared({
      checksum_types: ['sha1'],
      output: 'sums/{{.BuildName}}-{{ .BuilderType }}-{{.ChecksumType}}.txt',
    });
    const result = await checksumPostProcessor.postProcess(config, ARTIFACT, ctx, emptyBuildState());
    expect(await read('sums/hello-file-sha1.txt')).toBe(
      'f572d396fae9206628714fb2ce00f72e94f2258f\thello.txt\n',
    );
    expect(result.artifact.files).toEqual(['out/hello.txt', 'sums/hello-file-sha1.txt']);
  });

  it('hashes every type Packer knows', async () => {
    const { ctx } = recordingContext(workDir, { buildName: 'b.file.x' });
    const types = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
    await checksumPostProcessor.postProcess(
      prepared({ checksum_types: types, output: '{{.ChecksumType}}' }),
      ARTIFACT,
      ctx,
      emptyBuildState(),
    );
    const lengths = await Promise.all(types.map(async (type) => (await read(type)).split('\t')[0]?.length));
    expect(lengths).toEqual([32, 40, 56, 64, 96, 128]);
  });

  it('appends to an existing file without reporting it as created, one line per artifact file', async () => {
    await writeFile(path.join(workDir, 'out/second.bin'), '');
    await writeFile(path.join(workDir, 'all.sum'), 'earlier\n');
    const { ctx } = recordingContext(workDir);
    const result = await checksumPostProcessor.postProcess(
      prepared({ output: 'all.sum' }),
      { ...ARTIFACT, files: ['out/hello.txt', 'out/second.bin'] },
      ctx,
      emptyBuildState(),
    );
    expect(await read('all.sum')).toBe(
      'earlier\nb1946ac92492d2347c6235b4d2611184\thello.txt\nd41d8cd98f00b204e9800998ecf8427e\tsecond.bin\n',
    );
    expect(result.artifact.files).toEqual(['out/hello.txt', 'out/second.bin']);
  });

  it('fails on a missing file and removes the checksum files it created', async () => {
    const { ctx } = recordingContext(workDir);
    const run = checksumPostProcessor.postProcess(
      prepared({ checksum_types: ['md5', 'sha1'] }),
      { ...ARTIFACT, files: ['out/hello.txt', 'missing.txt'] },
      ctx,
      emptyBuildState(),
    );
    await expect(run).rejects.toThrow(/^unable to open file missing.txt: ENOENT/);
    expect((await readdir(workDir)).sort()).toEqual(['out']);
  });

  it('stops as cancelled when the build is cancelled, leaving nothing behind', async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx } = recordingContext(workDir, { signal: controller.signal });
    await expect(
      checksumPostProcessor.postProcess(prepared({}), ARTIFACT, ctx, emptyBuildState()),
    ).rejects.toMatchObject({
      failureClass: 'cancelled',
    });
    expect(await readdir(workDir)).toEqual(['out']);
  });
});

describe('checksum artifact', () => {
  it("is destroyed as Packer's: every file it lists goes, the checksummed ones included", async () => {
    const { ctx } = recordingContext(workDir);
    const { artifact } = await checksumPostProcessor.postProcess(
      prepared({ output: 'sums/hello.{{.ChecksumType}}' }),
      ARTIFACT,
      ctx,
      emptyBuildState(),
    );
    expect(artifact.files).toEqual(['out/hello.txt', 'sums/hello.md5']);
    await checksumPostProcessor.destroyArtifact!(artifact, ctx);
    expect(await readdir(path.join(workDir, 'out'))).toEqual([]);
    expect(await readdir(path.join(workDir, 'sums'))).toEqual([]);
    await expect(checksumPostProcessor.destroyArtifact!(artifact, ctx)).resolves.toBeUndefined();
  });
});
