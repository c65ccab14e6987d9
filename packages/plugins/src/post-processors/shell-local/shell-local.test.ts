import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ArtifactData, type PluginConfig, emptyBuildState } from '@kiln/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRunning, waitFor } from '../../../test/processes.ts';
import { recordingContext } from '../../../test/run-context.ts';
import type { ShellLocalConfig } from '../../common/shell-local/config.ts';
import { shellLocalPostProcessor } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-pp-shell-local-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const ARTIFACT: ArtifactData = {
  builderId: 'packer.file',
  id: 'out/hello.txt',
  platform: 'local',
  images: [{ region: 'local', externalId: '/work/out/hello.txt' }],
  files: ['out/hello.txt'],
  labels: {},
};

function prepared(settings: PluginConfig): ShellLocalConfig {
  const { config, diagnostics } = shellLocalPostProcessor.prepare(settings);
  expect(diagnostics).toEqual([]);
  return config!;
}

describe('shell-local post-processor prepare', () => {
  it('declares the provisioner settings as a post-processor', () => {
    expect(shellLocalPostProcessor.schema.kind).toBe('post-processor');
    expect(shellLocalPostProcessor.schema.settings.map((s) => s.name)).toContain('execute_command');
  });

  it("names itself in Packer's validation messages", () => {
    expect(shellLocalPostProcessor.prepare({}).diagnostics.map((d) => d.summary)).toEqual([
      'post-processor "shell-local": Command, Inline, Script and Scripts options cannot all be empty.',
    ]);
  });

  it('runs a one-item execute_command through sh -c, as the older post-processor did', () => {
    expect(
      prepared({ inline: ['true'], execute_command: ['{{.Vars}} /bin/sh {{.Script}}'] }).executeCommand,
    ).toEqual(['sh', '-c', '{{.Vars}} /bin/sh {{.Script}}']);
    expect(prepared({ inline: ['true'] }).executeCommand).toEqual(['/bin/sh', '-c', '{{.Vars}} {{.Script}}']);
  });
});

describe('shell-local post-processor', () => {
  it("runs with Packer's variables, passes the artifact on and keeps it", async () => {
    const { ctx, lines } = recordingContext(workDir, { buildName: 'demo.file.hello' });
    const config = prepared({
      inline: ['env | grep -E "^(PACKER_BUILD|PACKER_RUN_UUID|PACKER_HTTP|GREETING)" | sort', 'pwd'],
      environment_vars: ['GREETING=hi'],
    });
    const state = {
      ...emptyBuildState(),
      generated: { PackerRunUUID: 'run-1', PackerHTTPAddr: '10.0.0.1:8080' },
    };
    const result = await shellLocalPostProcessor.postProcess(config, ARTIFACT, ctx, state);

    expect(result).toEqual({ artifact: ARTIFACT, keepInputDefault: true, forceKeepInput: true });
    expect(lines.slice(1).map((l) => l.text)).toEqual([
      'GREETING=hi',
      'PACKER_BUILDER_TYPE=file',
      'PACKER_BUILD_NAME=hello',
      'PACKER_HTTP_ADDR=10.0.0.1:8080',
      'PACKER_RUN_UUID=run-1',
      workDir,
    ]);
  });

  it('leaves PACKER_RUN_UUID unset when the build state is not handed over', async () => {
    const { ctx, lines } = recordingContext(workDir);
    await shellLocalPostProcessor.postProcess(
      prepared({ inline: ['echo "[$PACKER_RUN_UUID]"'] }),
      ARTIFACT,
      ctx,
      emptyBuildState(),
    );
    expect(lines[1]?.text).toBe(`[${process.env.PACKER_RUN_UUID ?? ''}]`);
  });

  it('fails with the exit status and removes its temporary script', async () => {
    const { ctx, lines } = recordingContext(workDir);
    await expect(
      shellLocalPostProcessor.postProcess(
        prepared({ inline: ['echo "$0"', 'exit 4'] }),
        ARTIFACT,
        ctx,
        emptyBuildState(),
      ),
    ).rejects.toMatchObject({
      failureClass: 'provisioner-failed',
      message: 'Script exited with non-zero exit status: 4. Allowed exit codes are: [0]',
    });
    await expect(readFile(lines[1]!.text)).rejects.toThrow(/ENOENT/);
  });

  it('kills its processes at once when the build is cancelled', async () => {
    const controller = new AbortController();
    const { ctx, lines } = recordingContext(workDir, { signal: controller.signal });
    const pidFile = path.join(workDir, 'sleep.pid');
    const config = prepared({ inline: [`sleep 30 & echo $! > ${pidFile}`, 'echo started', 'wait'] });
    const run = shellLocalPostProcessor.postProcess(config, ARTIFACT, ctx, emptyBuildState());
    await waitFor(() => lines.some((l) => l.text === 'started'));
    const sleepPid = Number(await readFile(pidFile, 'utf8'));

    const abortedAt = Date.now();
    controller.abort();
    await expect(run).rejects.toMatchObject({
      failureClass: 'cancelled',
      message: expect.stringMatching(/^post-processor "shell-local": cancelled while running/),
    });
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    await waitFor(() => !isRunning(sleepPid));
  });
});
