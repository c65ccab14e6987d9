import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyBuildState, type PluginConfig, UNKNOWN_PLACEHOLDER } from '@kiln/engine';
import { isRunning, waitFor } from '../../../test/processes.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import { PluginFailure } from '../../common/errors.ts';
import type { ShellLocalConfig } from '../../common/shell-local/config.ts';
import { shellLocalProvisioner } from './index.ts';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-shell-local-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function prepared(settings: PluginConfig): ShellLocalConfig {
  const { config, diagnostics } = shellLocalProvisioner.prepare(settings);
  expect(diagnostics).toEqual([]);
  return config!;
}

function summaries(settings: PluginConfig): string[] {
  return shellLocalProvisioner
    .prepare(settings)
    .diagnostics.map((d) => d.summary.replace('provisioner "shell-local": ', ''));
}

describe('shell-local prepare', () => {
  it("applies Packer's defaults", () => {
    expect(prepared({ inline: ['echo hi'] })).toEqual({
      inline: ['echo hi'],
      scripts: [],
      executeCommand: ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'],
      inlineShebang: '/bin/sh -e',
      environmentVars: [],
      env: {},
      envVarFormat: "%s='%s' ",
      validExitCodes: [0],
      onlyOn: [],
      tempfileExtension: '',
    });
  });

  it('turns command into inline and script into scripts', () => {
    expect(prepared({ command: 'echo hi' }).inline).toEqual(['echo hi']);
    expect(prepared({ script: 'a.sh' }).scripts).toEqual(['a.sh']);
  });

  it('needs something to run', () => {
    expect(summaries({})).toEqual(['Command, Inline, Script and Scripts options cannot all be empty.']);
  });

  it('refuses more than one of command, inline, script and scripts', () => {
    const tooMany = expect.stringContaining('You may only specify one of the following options');
    expect(summaries({ command: 'a', inline: ['b'] })).toEqual([tooMany]);
    expect(summaries({ script: 'a', inline: ['b'] })).toEqual([tooMany]);
    expect(summaries({ scripts: ['a'], inline: ['b'] })).toEqual([tooMany]);
  });

  it('leaves environment_vars known only when the build runs to the run-time check', () => {
    expect(summaries({ inline: ['x'], environment_vars: ['USER=packer', UNKNOWN_PLACEHOLDER] })).toEqual([]);
  });

  it('checks environment_vars, only_on, execute_command placeholders and use_linux_pathing together', () => {
    expect(
      summaries({
        inline: ['x'],
        environment_vars: ['NOVALUE', '=x'],
        only_on: ['plan9'],
        execute_command: ['sh', '{{.Path}}'],
        use_linux_pathing: true,
      }),
    ).toEqual([
      "Invalid OS specified in only_on: 'plan9'",
      'use_linux_pathing is not supported',
      "Environment variable not in format 'key=value': NOVALUE",
      "Environment variable not in format 'key=value': =x",
      'Unknown placeholder {{.Path}} in execute_command',
    ]);
  });
});

describe('shell-local provision', () => {
  it('streams stdout and stderr line by line as they arrive, in order', async () => {
    const { ctx, lines } = recordingContext(workDir);
    const seenAt: number[] = [];
    const say = ctx.ui.say;
    ctx.ui.say = (text) => {
      seenAt.push(Date.now());
      say(text);
    };
    const config = prepared({
      inline: ['echo one', 'sleep 0.1', 'echo two >&2', 'sleep 0.6', 'printf three'],
    });
    await shellLocalProvisioner.provision(config, emptyBuildState(), ctx);

    expect(lines.map((l) => `${l.level}:${l.text}`)).toEqual([
      expect.stringMatching(/^say:Running local shell script: .*packer-shell-/),
      'say:one',
      'error:two',
      'say:three',
    ]);
    // "one" reached the UI while the script was still sleeping, not when it ended.
    expect(seenAt[2]! - seenAt[1]!).toBeGreaterThanOrEqual(600);
  });

  it('removes the temporary inline script afterwards', async () => {
    const { ctx, lines } = recordingContext(workDir);
    await shellLocalProvisioner.provision(prepared({ inline: ['echo "$0"'] }), emptyBuildState(), ctx);
    const script = lines[1]!.text;
    expect(script).toMatch(/packer-shell-[0-9a-f]{16}$/);
    await expect(readFile(script)).rejects.toThrow(/ENOENT/);
  });

  it("fails with Packer's words on an exit status not in valid_exit_codes", async () => {
    const { ctx } = recordingContext(workDir);
    const run = shellLocalProvisioner.provision(prepared({ inline: ['exit 3'] }), emptyBuildState(), ctx);
    await expect(run).rejects.toThrow(
      new PluginFailure(
        'provisioner-failed',
        'Script exited with non-zero exit status: 3. Allowed exit codes are: [0]',
      ),
    );
    await expect(run).rejects.toMatchObject({ failureClass: 'provisioner-failed' });
  });

  it('accepts the exit codes listed in valid_exit_codes', async () => {
    const { ctx } = recordingContext(workDir);
    const config = prepared({ inline: ['exit 3'], valid_exit_codes: [0, 3] });
    await expect(shellLocalProvisioner.provision(config, emptyBuildState(), ctx)).resolves.toBeUndefined();
  });

  it('stops at the first failing inline command (the shebang is /bin/sh -e)', async () => {
    const { ctx, lines } = recordingContext(workDir);
    const run = shellLocalProvisioner.provision(
      prepared({ inline: ['false', 'echo after'] }),
      emptyBuildState(),
      ctx,
    );
    await expect(run).rejects.toThrow('non-zero exit status: 1');
    expect(lines.map((l) => l.text)).not.toContain('after');
  });

  it("sets Packer's variables, environment_vars and env, quoting values for the shell", async () => {
    const { ctx, lines } = recordingContext(workDir, { buildName: 'demo.file.hello' });
    const config = prepared({
      inline: ['echo "$PACKER_BUILD_NAME|$PACKER_BUILDER_TYPE|$GREETING|$QUOTED|$FROM_MAP|$PACKER_RUN_UUID"'],
      environment_vars: ['GREETING=hello world', "QUOTED=it's=fine"],
      env: { FROM_MAP: 'mapped' },
    });
    const state = { ...emptyBuildState(), generated: { PackerRunUUID: 'run-123' } };
    await shellLocalProvisioner.provision(config, state, ctx);
    expect(lines[1]?.text).toBe("hello|file|hello world|it's=fine|mapped|run-123");
  });

  it('runs scripts relative to the work directory, in order, through execute_command', async () => {
    await writeFile(path.join(workDir, 'a.sh'), 'echo "a in $(pwd)"\n');
    await writeFile(path.join(workDir, 'b.sh'), 'echo "b with $FOO"\n');
    const { ctx, lines } = recordingContext(workDir);
    const config = prepared({
      scripts: ['a.sh', 'b.sh'],
      environment_vars: ['FOO=bar'],
      execute_command: ['/bin/sh', '-c', '{{ .Vars }} /bin/sh {{.Script}}'],
    });
    await shellLocalProvisioner.provision(config, emptyBuildState(), ctx);
    expect(lines.map((l) => l.text)).toEqual([
      'Running local shell script: a.sh',
      `a in ${workDir}`,
      'Running local shell script: b.sh',
      'b with bar',
    ]);
  });

  it('skips on another operating system', async () => {
    const { ctx, lines } = recordingContext(workDir);
    await shellLocalProvisioner.provision(
      prepared({ inline: ['exit 1'], only_on: ['windows'] }),
      emptyBuildState(),
      ctx,
    );
    expect(lines).toEqual([{ level: 'say', text: 'Skipping shell-local due to runtime OS' }]);
  });

  it('heartbeats while the script runs', async () => {
    const { ctx, heartbeats } = recordingContext(workDir);
    await shellLocalProvisioner.provision(prepared({ inline: ['sleep 2.2'] }), emptyBuildState(), ctx);
    expect(heartbeats()).toBeGreaterThanOrEqual(2);
  });

  it('kills the whole process group within a second of cancel and fails as cancelled', async () => {
    const controller = new AbortController();
    const { ctx, lines } = recordingContext(workDir, { signal: controller.signal });
    const pidFile = path.join(workDir, 'sleep.pid');
    const config = prepared({ inline: [`sleep 30 & echo $! > ${pidFile}`, 'echo started', 'wait'] });
    const run = shellLocalProvisioner.provision(config, emptyBuildState(), ctx);
    await waitFor(() => lines.some((l) => l.text === 'started'));
    const sleepPid = Number(await readFile(pidFile, 'utf8'));
    expect(isRunning(sleepPid)).toBe(true);

    const abortedAt = Date.now();
    controller.abort();
    await expect(run).rejects.toMatchObject({ failureClass: 'cancelled' });
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    await waitFor(() => !isRunning(sleepPid));
  });
});
