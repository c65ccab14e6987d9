import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ArtifactData, type BuildState, type PluginConfig, emptyBuildState } from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import type { ManifestConfig } from './config.ts';
import { manifestPostProcessor } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-manifest-'));
  await mkdir(path.join(workDir, 'out'));
  await writeFile(path.join(workDir, 'out/hello.txt'), 'hello\n');
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const RUN_UUID = '408a224e-13ae-1059-f413-703f7407b11d';
const BUILD_TIME = 1795477949;
const state: BuildState = { ...emptyBuildState(), generated: { PackerRunUUID: RUN_UUID } };

/** What Packer's null and file builders hand their post-processors. */
const NULL_ARTIFACT: ArtifactData = {
  builderId: 'packer.null',
  id: 'Null',
  platform: 'local',
  images: [],
  files: [],
  labels: {},
};
const FILE_ARTIFACT: ArtifactData = {
  builderId: 'packer.file',
  id: 'File',
  platform: 'local',
  images: [],
  files: ['out/hello.txt'],
  labels: {},
};

/** Written by stock Packer 1.16.0 for `demo.null.nothing` then `demo.file.hello`, with this custom_data. */
const PACKER_MANIFEST = `{
  "builds": [
    {
      "name": "nothing",
      "builder_type": "null",
      "build_time": 1795477949,
      "files": null,
      "artifact_id": "Null",
      "packer_run_uuid": "408a224e-13ae-1059-f413-703f7407b11d",
      "custom_data": {
        "a": "x\\u003cy\\u003e\\u0026z",
        "b": "2"
      }
    },
    {
      "name": "hello",
      "builder_type": "file",
      "build_time": 1795477949,
      "files": [
        {
          "name": "out/hello.txt",
          "size": 6
        }
      ],
      "artifact_id": "File",
      "packer_run_uuid": "408a224e-13ae-1059-f413-703f7407b11d",
      "custom_data": {
        "a": "x\\u003cy\\u003e\\u0026z",
        "b": "2"
      }
    }
  ],
  "last_run_uuid": "408a224e-13ae-1059-f413-703f7407b11d"
}`;

/** The same builds with strip_path, strip_time and no custom_data. */
const PACKER_STRIPPED = `{
  "builds": [
    {
      "name": "nothing",
      "builder_type": "null",
      "files": null,
      "artifact_id": "Null",
      "packer_run_uuid": "408a224e-13ae-1059-f413-703f7407b11d",
      "custom_data": null
    },
    {
      "name": "hello",
      "builder_type": "file",
      "files": [
        {
          "name": "hello.txt",
          "size": 6
        }
      ],
      "artifact_id": "File",
      "packer_run_uuid": "408a224e-13ae-1059-f413-703f7407b11d",
      "custom_data": null
    }
  ],
  "last_run_uuid": "408a224e-13ae-1059-f413-703f7407b11d"
}`;

function prepared(settings: PluginConfig): ManifestConfig {
  const { config, diagnostics } = manifestPostProcessor.prepare(settings);
  expect(diagnostics).toEqual([]);
  return config!;
}

async function run(config: ManifestConfig, artifact: ArtifactData, buildName: string, runState = state) {
  const { ctx } = recordingContext(workDir, { buildName });
  return manifestPostProcessor.postProcess(config, artifact, ctx, runState);
}

async function manifestText(file = 'packer-manifest.json'): Promise<string> {
  return readFile(path.join(workDir, file), 'utf8');
}

describe('manifest prepare', () => {
  it("applies Packer's defaults", () => {
    expect(prepared({})).toEqual({ output: 'packer-manifest.json', stripPath: false, stripTime: false });
  });

  it('reports wrongly typed settings', () => {
    const { diagnostics } = manifestPostProcessor.prepare({ strip_path: 'yes', custom_data: ['a'] });
    expect(diagnostics.map((d) => d.detail)).toEqual([
      '"strip_path" must be a bool; got a string.',
      '"custom_data" must be a map of strings; got a list.',
    ]);
  });
});

describe('manifest post-processor', () => {
  it('writes the manifest Packer writes, byte for byte, and passes the artifact on', async () => {
    const config = prepared({ custom_data: { b: '2', a: 'x<y>&z' } });
    const before = Math.floor(Date.now() / 1000);
    expect(await run(config, NULL_ARTIFACT, 'demo.null.nothing')).toEqual({
      artifact: NULL_ARTIFACT,
      keepInputDefault: true,
      forceKeepInput: true,
    });
    await run(config, FILE_ARTIFACT, 'demo.file.hello');
    const written = await manifestText();

    const times = [...written.matchAll(/"build_time": (\d+)/g)].map((m) => Number(m[1]));
    expect(times).toHaveLength(2);
    for (const time of times) expect(time).toBeGreaterThanOrEqual(before);
    expect(written.replace(/"build_time": \d+/g, `"build_time": ${BUILD_TIME}`)).toBe(PACKER_MANIFEST);
    expect((await stat(path.join(workDir, 'packer-manifest.json'))).mode & 0o777).toBe(
      0o664 & ~process.umask(),
    );
  });

  it('strips paths and times like Packer', async () => {
    const config = prepared({ output: 'm2.json', strip_path: true, strip_time: true });
    await run(config, NULL_ARTIFACT, 'demo.null.nothing');
    await run(config, FILE_ARTIFACT, 'demo.file.hello');
    expect(await manifestText('m2.json')).toBe(PACKER_STRIPPED);
  });

  it('appends to a manifest of another run, rewriting its entries as Packer reads them', async () => {
    await writeFile(
      path.join(workDir, 'packer-manifest.json'),
      '{"extra": 1, "last_run_uuid": "old", "builds": [{"custom_data": {}, "files": [], "name": "x", "build_time": 0, "unknown": true}]}',
    );
    await run(
      prepared({ strip_time: true, custom_data: { '10': 'ten', '2': 'two', é: 'e', Z: '\u2028\t<>' } }),
      FILE_ARTIFACT,
      'file.hello',
    );
    // Recorded from stock Packer 1.16.0 over the same existing manifest.
    expect(JSON.parse(await manifestText())).toEqual({
      builds: [
        { name: 'x', builder_type: '', files: [], artifact_id: '', packer_run_uuid: '', custom_data: {} },
        {
          name: 'hello',
          builder_type: 'file',
          files: [{ name: 'out/hello.txt', size: 6 }],
          artifact_id: 'File',
          packer_run_uuid: RUN_UUID,
          custom_data: { '10': 'ten', '2': 'two', Z: '\u2028\t<>', é: 'e' },
        },
      ],
      last_run_uuid: RUN_UUID,
    });
    expect(await manifestText()).toContain(
      '"custom_data": {\n        "10": "ten",\n        "2": "two",\n        "Z": "\\u2028\\t\\u003c\\u003e",\n        "é": "e"\n      }',
    );
  });

  it('records a missing file with size 0 and no run id when the build state is not handed over', async () => {
    const config = prepared({ strip_time: true });
    const { ctx } = recordingContext(workDir, { buildName: 'demo.file.gone' });
    await manifestPostProcessor.postProcess(
      config,
      { ...FILE_ARTIFACT, files: ['gone.txt'] },
      ctx,
      emptyBuildState(),
    );
    expect(JSON.parse(await manifestText())).toEqual({
      builds: [
        {
          name: 'gone',
          builder_type: 'file',
          files: [{ name: 'gone.txt', size: 0 }],
          artifact_id: 'File',
          packer_run_uuid: '',
          custom_data: null,
        },
      ],
      last_run_uuid: '',
    });
  });

  it("fails with Go's messages on a manifest it cannot read", async () => {
    const file = path.join(workDir, 'packer-manifest.json');
    const config = prepared({});
    await writeFile(file, '{"builds": "x"}');
    await expect(run(config, FILE_ARTIFACT, 'file.hello')).rejects.toThrow(
      'Unable to parse content from packer-manifest.json: json: cannot unmarshal string into Go struct field ManifestFile.builds of type []manifest.Artifact',
    );
    await writeFile(file, '{"builds": [{"files": [{"name": "a", "size": 1.5}]}]}');
    await expect(run(config, FILE_ARTIFACT, 'file.hello')).rejects.toThrow(
      'Unable to parse content from packer-manifest.json: json: cannot unmarshal number 1.5 into Go struct field ArtifactFile.builds.files.size of type int64',
    );
    await expect(
      run(prepared({ output: 'missing/dir/m.json' }), FILE_ARTIFACT, 'file.hello'),
    ).rejects.toThrow(/^Unable to write missing\/dir\/m.json: ENOENT/);
    await expect(stat(`${file}.lock`)).rejects.toThrow(/ENOENT/);
  });

  it('keeps every entry when builds append at the same time, and leaves no lock behind', async () => {
    const config = prepared({ strip_time: true });
    await Promise.all(Array.from({ length: 8 }, (_, i) => run(config, FILE_ARTIFACT, `demo.file.build${i}`)));
    const names = JSON.parse(await manifestText()).builds.map((b: { name: string }) => b.name);
    expect(names.sort()).toEqual(Array.from({ length: 8 }, (_, i) => `build${i}`));
    await expect(stat(path.join(workDir, 'packer-manifest.json.lock'))).rejects.toThrow(/ENOENT/);
  });

  it('goes ahead past a lock left behind by a killed process, and leaves that lock alone', async () => {
    const lock = path.join(workDir, 'packer-manifest.json.lock');
    await writeFile(lock, '');
    const startedAt = Date.now();
    await run(prepared({}), FILE_ARTIFACT, 'file.hello');
    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect(JSON.parse(await manifestText()).builds).toHaveLength(1);
    expect((await stat(lock)).isFile()).toBe(true);
  });
});
