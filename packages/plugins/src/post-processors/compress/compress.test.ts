import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { type ArtifactData, type PluginConfig, emptyBuildState } from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import type { CompressConfig } from './config.ts';
import { compressPostProcessor, detectFormat } from './index.ts';
import { crc32 } from './zip-writer.ts';

const run = promisify(execFile);

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-compress-'));
  await mkdir(path.join(workDir, 'out'));
  await writeFile(path.join(workDir, 'out/hello.txt'), 'hello\n', { mode: 0o600 });
  await writeFile(path.join(workDir, 'out/big.bin'), Buffer.alloc(700_000, 'abc'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const ARTIFACT: ArtifactData = {
  builderId: 'packer.file',
  id: 'out/hello.txt',
  platform: 'local',
  images: [],
  files: ['out/hello.txt'],
  labels: {},
};

/** The first header of `hello.tar` as stock Packer 1.16.0 wrote it for out/hello.txt (0600, root), zeros trimmed. */
const PACKER_TAR_HEADER = Buffer.from(
  '68656c6c6f2e74787400000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000303030303630300030303030303030003030303030303000303030303030303030303600303030303030303030303000303132363035002030000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007573746172202000726f6f7400000000000000000000000000000000000000000000000000000000726f6f740000000000000000000000000000000000000000000000000000000030303030303030003030303030303'.padEnd(
    1024,
    '0',
  ),
  'hex',
);
/** uid, gid, checksum, uname and gname: they follow the file's owner. */
const OWNER_FIELDS: [number, number][] = [
  [108, 124],
  [148, 156],
  [265, 329],
];

function prepared(settings: PluginConfig): CompressConfig {
  const { config, diagnostics } = compressPostProcessor.prepare(settings);
  expect(diagnostics).toEqual([]);
  return config!;
}

async function sameContent(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([readFile(path.join(workDir, a)), readFile(path.join(workDir, b))]);
  return left.equals(right);
}

function withoutOwner(header: Buffer): Buffer {
  const copy = Buffer.from(header);
  for (const [start, end] of OWNER_FIELDS) copy.fill(0, start, end);
  return copy;
}

describe('compress prepare', () => {
  it("detects archive and algorithm from the output's extensions as Packer does", () => {
    const none = { archive: '', algorithm: '' } as const;
    expect(detectFormat('packer_{{.BuildName}}_{{.BuilderType}}', '', none)).toEqual({
      archive: 'tar',
      algorithm: 'pgzip',
    });
    expect(detectFormat('a.tar', '', none)).toEqual({ archive: 'tar', algorithm: '' });
    expect(detectFormat('a.zip', '', none)).toEqual({ archive: 'zip', algorithm: '' });
    expect(detectFormat('a.tar.gz', '', none)).toEqual({ archive: 'tar', algorithm: 'pgzip' });
    expect(detectFormat('a.img.gz', '', none)).toEqual({ archive: '', algorithm: 'pgzip' });
    expect(detectFormat('a.img.xz', '', none)).toEqual({ archive: '', algorithm: 'xz' });
    expect(detectFormat('a', 'tar.gz', none)).toEqual({ archive: 'tar', algorithm: 'pgzip' });
    expect(detectFormat('v1.2.box', '', none)).toEqual({ archive: 'tar', algorithm: 'pgzip' });
  });

  it('clamps the level like Packer and refuses what Kiln cannot write', () => {
    expect(prepared({ output: 'a.tar.gz', compression_level: 12 }).level).toBe(9);
    expect(prepared({ output: 'a.tar.gz', compression_level: -1 }).level).toBe(6);
    expect(prepared({ output: 'a.tar.gz' }).level).toBe(6);
    const summaries = (settings: PluginConfig) =>
      compressPostProcessor
        .prepare(settings)
        .diagnostics.map((d) => d.summary.replace('post-processor "compress": ', ''));
    expect(summaries({ output: 'a.tar.lz4' })).toEqual(['lz4 compression is not supported']);
    expect(summaries({ output: 'a.tar', compression_level: -5 })).toEqual([
      'Invalid compression level. Expected an integer from -1 to 9.',
    ]);
  });
});

describe('compress post-processor', () => {
  it('writes the tar stock Packer writes and makes it the artifact, letting the input go', async () => {
    const { ctx, lines } = recordingContext(workDir, { buildName: 'file.hello' });
    const result = await compressPostProcessor.postProcess(
      prepared({ output: 'a/{{.BuildName}}.tar' }),
      ARTIFACT,
      ctx,
      emptyBuildState(),
    );
    const tar = await readFile(path.join(workDir, 'a/hello.tar'));
    expect(tar.length).toBe(2048);
    expect(withoutOwner(tar.subarray(0, 512))).toEqual(withoutOwner(PACKER_TAR_HEADER));
    expect(tar.subarray(512, 518).toString()).toBe('hello\n');
    const listing = (await run('tar', ['-tvf', 'a/hello.tar', '--numeric-owner'], { cwd: workDir })).stdout;
    const info = await stat(path.join(workDir, 'out/hello.txt'));
    expect(listing).toMatch(
      new RegExp(`^-rw------- ${info.uid}/${info.gid} +6 1970-01-01 00:00 hello.txt\n$`),
    );
    expect(result).toEqual({
      artifact: {
        builderId: 'packer.post-processor.compress',
        id: '',
        platform: 'local',
        images: [{ region: 'local', externalId: path.join(workDir, 'a/hello.tar') }],
        files: ['a/hello.tar'],
        labels: {},
      },
      keepInputDefault: false,
      forceKeepInput: false,
    });
    expect(lines.map((l) => l.text)).toEqual([
      'Tarring a/hello.tar with no compression',
      'Archive a/hello.tar completed',
    ]);
  });

  it('gzips a tar of several files that tar extracts again', async () => {
    const { ctx } = recordingContext(workDir, { buildName: 'demo.file.hello' });
    const files = ['out/hello.txt', 'out/big.bin'];
    await compressPostProcessor.postProcess(prepared({}), { ...ARTIFACT, files }, ctx, emptyBuildState());
    await mkdir(path.join(workDir, 'x'));
    await run('tar', ['-xzf', '../packer_hello_file', '-C', '.'], { cwd: path.join(workDir, 'x') });
    expect((await readdir(path.join(workDir, 'x'))).sort()).toEqual(['big.bin', 'hello.txt']);
    expect(await sameContent('x/big.bin', 'out/big.bin')).toBe(true);
  });

  it('gzips a single file, and refuses several without an archive', async () => {
    const { ctx } = recordingContext(workDir, { buildName: 'file.hello' });
    await compressPostProcessor.postProcess(
      prepared({ output: '{{.BuildName}}.gz' }),
      ARTIFACT,
      ctx,
      emptyBuildState(),
    );
    expect(gunzipSync(await readFile(path.join(workDir, 'hello.gz'))).toString()).toBe('hello\n');
    await expect(
      compressPostProcessor.postProcess(
        prepared({ output: 'two.gz' }),
        { ...ARTIFACT, files: ['out/hello.txt', 'out/big.bin'] },
        ctx,
        emptyBuildState(),
      ),
    ).rejects.toThrow(
      'Can only have 1 input file when not using tar/zip. Found 2 files: [out/hello.txt out/big.bin]',
    );
    await expect(stat(path.join(workDir, 'two.gz'))).rejects.toThrow(/ENOENT/);
  });

  it('writes a zip that unzip reads, with the entries Packer writes', async () => {
    const { ctx } = recordingContext(workDir, { buildName: 'file.hello' });
    const files = ['out/hello.txt', 'out/big.bin'];
    await compressPostProcessor.postProcess(
      prepared({ output: 'a/{{.BuildName}}.zip' }),
      { ...ARTIFACT, files },
      ctx,
      emptyBuildState(),
    );
    const { stdout } = await run('unzip', ['-Z', '-v', 'a/hello.zip'], { cwd: workDir });
    expect(stdout).toContain('file system or operating system of origin:      MS-DOS, OS/2 or NT FAT');
    expect(stdout).toContain('extended local header:                          yes');
    await run('unzip', ['-q', 'a/hello.zip', '-d', 'x'], { cwd: workDir });
    expect(await readFile(path.join(workDir, 'x/out/hello.txt'), 'utf8')).toBe('hello\n');
    expect(await sameContent('x/out/big.bin', 'out/big.bin')).toBe(true);
  });

  it('fails on a missing file and removes the half-written archive', async () => {
    const { ctx } = recordingContext(workDir);
    await expect(
      compressPostProcessor.postProcess(
        prepared({ output: 'a.tar' }),
        { ...ARTIFACT, files: ['out/hello.txt', 'gone'] },
        ctx,
        emptyBuildState(),
      ),
    ).rejects.toThrow(/^Unable to read file gone: ENOENT/);
    await expect(stat(path.join(workDir, 'a.tar'))).rejects.toThrow(/ENOENT/);
  });

  it('stops as cancelled and removes the archive when the build is cancelled', async () => {
    const controller = new AbortController();
    const { ctx } = recordingContext(workDir, { signal: controller.signal });
    const running = compressPostProcessor.postProcess(
      prepared({ output: 'a.tar.gz' }),
      { ...ARTIFACT, files: ['out/big.bin'] },
      ctx,
      emptyBuildState(),
    );
    controller.abort();
    await expect(running).rejects.toMatchObject({ failureClass: 'cancelled' });
    await expect(stat(path.join(workDir, 'a.tar.gz'))).rejects.toThrow(/ENOENT/);
  });
});

describe('crc32', () => {
  it('computes the zip checksum, also in pieces', () => {
    expect(crc32(Buffer.from('hello\n'))).toBe(0x363a3020);
    expect(crc32(Buffer.from('lo\n'), crc32(Buffer.from('hel')))).toBe(0x363a3020);
  });
});

describe('compress artifact', () => {
  it('is destroyed by removing the archive only, and again without failing', async () => {
    const { ctx } = recordingContext(workDir);
    const { artifact } = await compressPostProcessor.postProcess(
      prepared({ output: 'a/hello.tar' }),
      ARTIFACT,
      ctx,
      emptyBuildState(),
    );
    await compressPostProcessor.destroyArtifact!(artifact, ctx);
    expect(await readdir(path.join(workDir, 'a'))).toEqual([]);
    expect(await readFile(path.join(workDir, 'out/hello.txt'), 'utf8')).toBe('hello\n');
    await compressPostProcessor.destroyArtifact!(artifact, ctx);
    expect(await readFile(path.join(workDir, 'out/hello.txt'), 'utf8')).toBe('hello\n');
  });
});
