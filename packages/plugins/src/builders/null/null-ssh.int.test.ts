import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { instantiateBuild, parseTemplate, planBuilds, runBuildInProcess } from '@kiln/engine';
import { freePort } from '@kiln/runtime';
import { startSshd, type TestSshd } from '@kiln/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/processes.ts';
import { recordingContext } from '../../../test/run-context.ts';
import { createPluginRegistry } from '../../index.ts';

let sshd: TestSshd;
let workDir: string;
let remoteTmp: string;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(() => sshd?.stop());
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'kiln-null-ssh-'));
  remoteTmp = `${sshd.home}/tmp-${path.basename(workDir)}`;
  await sshd.run('runuser', ['-u', sshd.user, '--', 'mkdir', '-p', remoteTmp]);
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
  await rm(remoteTmp, { recursive: true, force: true });
});

function source(extra = ''): string {
  return `source "null" "host" {
  ssh_host     = "${sshd.host}"
  ssh_port     = ${sshd.port}
  ssh_username = "${sshd.user}"
  ssh_password = "${sshd.password}"
  ssh_timeout  = "10s"
${extra}
}
`;
}

async function build(content: string, options: { signal?: AbortSignal } = {}) {
  const { template, diagnostics } = parseTemplate([{ filename: 't.pkr.hcl', content }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [plan] = planBuilds(template!).builds;
  const { steps, diagnostics: stepDiagnostics } = instantiateBuild(plan!, createPluginRegistry());
  expect(stepDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { ctx, lines } = recordingContext(workDir, { buildName: plan!.name, ...options });
  const outcome = await runBuildInProcess(steps, ctx);
  return { outcome, lines, ledger: await ctx.ledger.entries(), text: lines.map((l) => l.text) };
}

describe('null builder over SSH with shell and file provisioners', () => {
  it('runs inline and script shells with variables, copies files both ways, and leaves no temp files', async () => {
    await writeFile(
      path.join(workDir, 'first.sh'),
      '#!/bin/sh\r\necho "first as $(id -un) with FOO=$FOO"\r\n',
    );
    await writeFile(
      path.join(workDir, 'second.sh'),
      '#!/bin/sh\necho "second $PACKER_BUILD_NAME $PACKER_BUILDER_TYPE"\n',
    );
    await mkdir(path.join(workDir, 'payload', 'inner'), { recursive: true });
    await writeFile(path.join(workDir, 'payload', 'top.txt'), 'top');
    await writeFile(path.join(workDir, 'payload', 'inner', 'deep.txt'), 'deep');
    const home = sshd.home;
    const { outcome, text, ledger } = await build(`${source()}
build {
  sources = ["source.null.host"]
  provisioner "shell" {
    inline           = ["echo \\"hello $FOO / $QUOTE\\"", "echo to-stderr >&2", "echo host=${'$'}{build.Host}"]
    environment_vars = ["FOO=bar baz"]
    env              = { QUOTE = "it's" }
    remote_folder    = "${remoteTmp}"
  }
  provisioner "shell" {
    scripts          = ["first.sh", "second.sh"]
    environment_vars = ["FOO=from-scripts"]
    remote_folder    = "${remoteTmp}"
  }
  provisioner "shell" {
    inline           = ["echo in-env-file=$FOO", "exit 3"]
    environment_vars = ["FOO=filed"]
    use_env_var_file = true
    valid_exit_codes = [0, 3]
    remote_folder    = "${remoteTmp}"
  }
  provisioner "file" {
    source      = "payload/"
    destination = "${home}/contents"
  }
  provisioner "file" {
    source      = "payload"
    destination = "${home}/itself"
  }
  provisioner "file" {
    content     = "from content"
    destination = "${home}/content.txt"
  }
  provisioner "file" {
    direction   = "download"
    source      = "${home}/itself/payload/"
    destination = "down"
  }
  provisioner "file" {
    direction   = "download"
    source      = "${home}/content.txt"
    destination = "down-file/"
  }
}
`);
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('succeeded');
    expect(text.some((t) => t.startsWith('Connected to SSH!'))).toBe(true);
    expect(text).toContain("hello bar baz / it's");
    expect(text).toContain('to-stderr');
    expect(text).toContain(`host=${sshd.host}`);
    expect(text).toContain(`first as ${sshd.user} with FOO=from-scripts`);
    expect(text).toContain('second host null');
    expect(text).toContain('in-env-file=filed');
    expect(outcome.state.generated).toMatchObject({
      ConnType: 'ssh',
      Host: sshd.host,
      Port: String(sshd.port),
      User: sshd.user,
    });
    expect(JSON.stringify(outcome.state)).not.toContain(sshd.password);
    expect(await readFile(path.join(home, 'contents', 'top.txt'), 'utf8')).toBe('top');
    expect(await readFile(path.join(home, 'contents', 'inner', 'deep.txt'), 'utf8')).toBe('deep');
    expect(await readFile(path.join(home, 'itself', 'payload', 'inner', 'deep.txt'), 'utf8')).toBe('deep');
    expect(await readFile(path.join(home, 'content.txt'), 'utf8')).toBe('from content');
    expect(await readFile(path.join(workDir, 'down', 'inner', 'deep.txt'), 'utf8')).toBe('deep');
    expect(await readFile(path.join(workDir, 'down-file', 'content.txt'), 'utf8')).toBe('from content');
    expect(await readdir(remoteTmp)).toEqual([]);
    // Each remote path (three script paths, one variables file) recorded before its upload and deleted after.
    expect(ledger.map((e) => e.status)).toEqual(['deleted', 'deleted', 'deleted', 'deleted']);
    expect(new Set(ledger.map((e) => e.kind))).toEqual(new Set(['remote-file']));
    expect(outcome.state.artifact?.id).toBe('Null');
  });

  it('keeps the script with skip_clean, pauses after, and uploads a file into a folder', async () => {
    await writeFile(path.join(workDir, 'note.txt'), 'note');
    const started = Date.now();
    const { outcome, ledger, text } = await build(`${source()}
build {
  sources = ["source.null.host"]
  provisioner "shell" {
    inline        = ["echo kept"]
    remote_file   = "kept.sh"
    remote_folder = "${remoteTmp}"
    skip_clean    = true
    pause_after   = "1s"
  }
  provisioner "file" {
    source      = "note.txt"
    destination = "${remoteTmp}/"
  }
}
`);
    expect(outcome.error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(text).toContain('Pausing 1s after this provisioner...');
    expect((await readdir(remoteTmp)).sort()).toEqual(['kept.sh', 'note.txt']);
    expect(await readFile(`${remoteTmp}/kept.sh`, 'utf8')).toBe('#!/bin/sh -e\necho kept\n');
    // What skip_clean leaves stays in the ledger as created, with where it is.
    expect(ledger).toMatchObject([{ status: 'created', externalId: `${remoteTmp}/kept.sh` }]);
  });

  it('fails a script with an exit code that is not valid, and retries it max_retries times', async () => {
    const { outcome, text } = await build(`${source()}
build {
  sources = ["source.null.host"]
  provisioner "shell" {
    inline        = ["echo attempt >> ${remoteTmp}/attempts", "exit 5"]
    remote_folder = "${remoteTmp}"
    max_retries   = 2
  }
}
`);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({
      class: 'provisioner-failed',
      message:
        'the shell provisioner failed: Script exited with non-zero exit status: 5. Allowed exit codes are: [0]',
    });
    expect((await readFile(`${remoteTmp}/attempts`, 'utf8')).trim().split('\n')).toHaveLength(3);
    expect(text.filter((t) => t.includes('retrying'))).toHaveLength(2);
    expect(await readdir(remoteTmp)).toEqual(['attempts']);
  });

  it('fails a dropped connection unless expect_disconnect, and the next provisioner connects again', async () => {
    const drop = `pkill -KILL -u ${sshd.user} -x sshd`;
    const failed = await build(`${source()}
build {
  sources = ["source.null.host"]
  provisioner "shell" {
    inline        = ["${drop}"]
    remote_folder = "${remoteTmp}"
  }
}
`);
    expect(failed.outcome.status).toBe('failed');
    expect(failed.outcome.error?.message).toContain('Script disconnected unexpectedly');

    const { outcome, text, ledger } = await build(`${source()}
build {
  sources = ["source.null.host"]
  provisioner "shell" {
    inline            = ["${drop}"]
    remote_folder     = "${remoteTmp}"
    expect_disconnect = true
  }
  provisioner "shell" {
    inline        = ["echo back again"]
    remote_folder = "${remoteTmp}"
  }
}
`);
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('succeeded');
    expect(text).toContain('back again');
    // The dropped connection could not delete its script: the ledger says so, and how to remove it.
    expect(ledger.map((e) => e.status)).toEqual(['orphaned', 'deleted']);
    expect(ledger[0]?.reason).toContain('rm -f');
  });

  it('stops the remote script when the build is cancelled (pty) and leaves the remote temp folder empty', async () => {
    const controller = new AbortController();
    const marker = `kiln-cancel-${path.basename(workDir)}`;
    const running = build(
      `${source('  ssh_pty = true')}
build {
  sources = ["source.null.host"]
  provisioner "shell" {
    inline        = ["echo started ${marker}", "sleep 300"]
    remote_folder = "${remoteTmp}"
  }
}
`,
      { signal: controller.signal },
    );
    await waitFor(async () => (await sshd.processes('sleep 300')).length > 0, 10_000);
    expect((await readdir(remoteTmp)).length).toBe(1);
    controller.abort();
    const { outcome, ledger } = await running;
    expect(outcome.status).toBe('cancelled');
    await waitFor(async () => (await sshd.processes('sleep 300')).length === 0, 5000);
    expect(await readdir(remoteTmp)).toEqual([]);
    expect(ledger.map((e) => e.status)).toEqual(['deleted']);
  });

  it("stops a script at the provisioner's timeout and still removes it", async () => {
    const { outcome, ledger } = await build(`${source('  ssh_pty = true')}
build {
  sources = ["source.null.host"]
  provisioner "shell" {
    inline        = ["sleep 302"]
    remote_folder = "${remoteTmp}"
    timeout       = "1s"
  }
}
`);
    expect(outcome.error).toMatchObject({ class: 'timed-out' });
    await waitFor(async () => (await sshd.processes('sleep 302')).length === 0, 5000);
    expect(await readdir(remoteTmp)).toEqual([]);
    expect(ledger.map((e) => e.status)).toEqual(['deleted']);
  });

  it('fails the connect step within ssh_timeout against a closed port, as timed out', async () => {
    const port = await freePort();
    const started = Date.now();
    const { outcome } = await build(`source "null" "host" {
  ssh_host     = "127.0.0.1"
  ssh_port     = ${port}
  ssh_username = "nobody"
  ssh_password = "x"
  ssh_timeout  = "2s"
}
build {
  sources = ["source.null.host"]
  provisioner "shell" { inline = ["true"] }
}
`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ class: 'timed-out' });
    expect(outcome.error?.message).toContain(`Timeout waiting for SSH to nobody@127.0.0.1:${port}`);
  });

  it('refuses a local path outside the run folder', async () => {
    const { outcome } = await build(`${source()}
build {
  sources = ["source.null.host"]
  provisioner "file" {
    source      = "../../etc/hostname"
    destination = "${remoteTmp}/x"
  }
}
`);
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toContain("outside the run's folder");
  });
});
