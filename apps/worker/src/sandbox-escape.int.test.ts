import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { LocalExecutor } from '@kiln/engine';
import { createProcessGroupExecutor } from '@kiln/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerTestEnv } from '../test/harness.ts';
import { readRun, setupWorkerTest, startInProcessWorker, startRun } from '../test/harness.ts';

/**
 * The escape suite: a tenant's template tries, from a `shell-local` provisioner of a real build run,
 * everything a local step must not do on a multi-tenant worker. With the worker's sandbox every
 * attempt fails. The same attempts run once more with the sandbox switched off (plain process groups,
 * a choice only this test makes), and there they succeed: the suite sees a missing sandbox.
 */

const ATTEMPTS = [
  'env',
  'proc-environ',
  'etc-shadow',
  'other-run-list',
  'other-run-read',
  'postgres-port',
  'temporal-port',
  'ssrf-loopback',
  'ssrf-metadata',
  'write-other-run',
  'write-work-root',
  'leftover-process',
  'signal-process',
  'root-uid',
] as const;
type Attempt = (typeof ATTEMPTS)[number];
type Outcome = 'reached' | 'blocked';

/** The worker's secrets as a tenant would look for them: planted in this process and in a decoy. */
const CANARY = `canary-${randomBytes(8).toString('hex')}`;
const PLANTED_ENV = {
  DATABASE_URL: `postgres://kiln:${CANARY}@127.0.0.1:5432/kiln`,
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  KILN_WORK_ROOT: '/var/lib/kiln/builds',
  KILN_ESCAPE_CANARY: CANARY,
};
const OTHER_RUN = '01OTHERTENANTRUN0000000000';
const OTHER_SECRET = `other-tenant-secret-${randomBytes(4).toString('hex')}`;

let env: WorkerTestEnv;
let decoy: ChildProcess;
let listener: Server;
const ssrfHits: string[] = [];
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  env = await setupWorkerTest();
  for (const [name, value] of Object.entries(PLANTED_ENV)) {
    savedEnv[name] = process.env[name];
    process.env[name] = value;
  }
  // Another process of the worker's user that holds the secrets in its environment.
  decoy = spawn('sleep', ['600'], { env: { ...process.env, ...PLANTED_ENV }, stdio: 'ignore' });
  // Another tenant's run folder, next to the run the suite starts.
  await mkdir(path.join(env.workRoot, OTHER_RUN), { recursive: true });
  await writeFile(path.join(env.workRoot, OTHER_RUN, 'secret.txt'), OTHER_SECRET);
  // A service on loopback, as the web app or a cloud metadata proxy would be.
  listener = createServer((request, response) => {
    ssrfHits.push(request.url ?? '');
    response.end('internal');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  decoy?.kill('SIGKILL');
  await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await env?.close();
});

describe('a tenant on a sandboxed worker', () => {
  it('fails at every escape attempt', async () => {
    const result = await attemptEscapes('sandboxed', undefined);
    expect(result.outcomes).toEqual(Object.fromEntries(ATTEMPTS.map((attempt) => [attempt, 'blocked'])));
    expect(result.ssrfHits).toEqual([]);
    expect(decoy.exitCode).toBeNull();
    expect(result.uid).not.toBe(String(process.getuid?.()));
  });
});

describe('the same tenant with the sandbox switched off (the control)', () => {
  it('gets through, so the suite detects a missing sandbox', async () => {
    const result = await attemptEscapes('unsandboxed', createProcessGroupExecutor());
    const reached = ATTEMPTS.filter((attempt) => result.outcomes[attempt] === 'reached');
    expect(reached).toEqual(
      expect.arrayContaining([
        'proc-environ',
        'other-run-list',
        'other-run-read',
        'postgres-port',
        'temporal-port',
        'ssrf-loopback',
        'write-other-run',
        'write-work-root',
        'leftover-process',
        'signal-process',
        ...(process.getuid?.() === 0 ? (['etc-shadow', 'root-uid'] as const) : []),
      ]),
    );
    expect(result.ssrfHits).toEqual(['/unsandboxed']);
  });
});

interface EscapeResult {
  outcomes: Record<Attempt, Outcome>;
  ssrfHits: string[];
  uid: string | undefined;
}

/** Runs the tenant's template on a worker with `local` (the sandbox when undefined) and collects what got through. */
async function attemptEscapes(label: string, local: LocalExecutor | undefined): Promise<EscapeResult> {
  const marker = `kiln-escape-${label}-${randomBytes(4).toString('hex')}`;
  const hitsBefore = ssrfHits.length;
  const worker = await startInProcessWorker(env, local ? { local } : {});
  let outcomes: Record<string, Outcome>;
  let uid: string | undefined;
  try {
    const run = await startRun(env, { name: `escape-${label}`, content: escapeTemplate(label, marker) });
    await expect(run.handle.result()).resolves.toMatchObject({ status: 'succeeded' });
    const { lines } = await readRun(env.db, run.id);
    outcomes = {};
    for (const { text } of lines) {
      const match = /^ESCAPE (\S+) (reached|blocked)$/.exec(text);
      if (match) outcomes[match[1]!] = match[2] as Outcome;
      const id = /^ESCAPE uid (\S+)$/.exec(text);
      if (id) uid = id[1];
    }
  } finally {
    await worker.stop();
  }
  // What only the host can tell: files written outside the run, processes left running.
  outcomes['write-other-run'] = (await exists(path.join(env.workRoot, OTHER_RUN, `${marker}.txt`)))
    ? 'reached'
    : 'blocked';
  outcomes['write-work-root'] = (await exists(path.join(env.workRoot, `${marker}.txt`)))
    ? 'reached'
    : 'blocked';
  const leftovers = await processesNamed(marker);
  outcomes['leftover-process'] = leftovers.length > 0 ? 'reached' : 'blocked';
  for (const pid of leftovers) process.kill(pid, 'SIGKILL');
  await rm(path.join(env.workRoot, OTHER_RUN, `${marker}.txt`), { force: true });
  await rm(path.join(env.workRoot, `${marker}.txt`), { force: true });
  return { outcomes: outcomes as Record<Attempt, Outcome>, ssrfHits: ssrfHits.slice(hitsBefore), uid };
}

/** The tenant's template: one bash script that tries each escape and reports `ESCAPE <attempt> reached|blocked`. */
function escapeTemplate(label: string, marker: string): string {
  const postgresPort = new URL(env.databaseUrl).port || '5432';
  const temporalPort = env.temporal.address.split(':').pop();
  const httpPort = (listener.address() as { port: number }).port;
  const other = path.join(env.workRoot, OTHER_RUN);
  const connect = (attempt: Attempt, host: string, port: string | number) =>
    `timeout 3 bash -c 'exec 3<>/dev/tcp/${host}/${port}' 2>/dev/null; report ${attempt} $?`;
  const script = [
    'report() { if [ "$2" = 0 ]; then echo "ESCAPE $1 reached"; else echo "ESCAPE $1 blocked"; fi; }',
    'echo "ESCAPE uid $(id -u)"',
    'env | grep -q -e DATABASE_URL -e TEMPORAL_ADDRESS -e KILN_WORK_ROOT -e KILN_ESCAPE_CANARY; report env $?',
    `cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' | grep -q ${CANARY}; report proc-environ $?`,
    'head -c1 /etc/shadow >/dev/null 2>&1; report etc-shadow $?',
    `ls ${env.workRoot} 2>/dev/null | grep -q ${OTHER_RUN}; report other-run-list $?`,
    `grep -q ${OTHER_SECRET} ${other}/secret.txt 2>/dev/null; report other-run-read $?`,
    connect('postgres-port', '127.0.0.1', postgresPort),
    connect('temporal-port', '127.0.0.1', temporalPort ?? '7233'),
    `timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/${httpPort}; printf "GET /${label} HTTP/1.0\\r\\n\\r\\n" >&3; cat <&3' 2>/dev/null | grep -q internal; report ssrf-loopback $?`,
    connect('ssrf-metadata', '169.254.169.254', 80),
    `echo planted 2>/dev/null > ${other}/${marker}.txt`,
    `echo planted 2>/dev/null > ${env.workRoot}/${marker}.txt`,
    `setsid nohup bash -c 'exec -a ${marker} sleep 600' </dev/null >/dev/null 2>&1 &`,
    `kill -0 ${decoy.pid} 2>/dev/null; report signal-process $?`,
    '[ "$(id -u)" = 0 ]; report root-uid $?',
    'exit 0',
  ];
  return `
source "file" "tenant" {
  content = "a tenant's build"
  target  = "tenant.txt"
}

build {
  name    = "escape"
  sources = ["source.file.tenant"]

  provisioner "shell-local" {
    inline_shebang = "/bin/bash"
    inline = [
${script.map((line) => `      ${hclString(line)},`).join('\n')}
    ]
  }
}
`;
}

/** An HCL quoted string holding `text` literally: JSON's escapes, with HCL's `${` and `%{` doubled. */
function hclString(text: string): string {
  return JSON.stringify(text).replaceAll('${', '$${').replaceAll('%{', '%%{');
}

async function processesNamed(name: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.split('\0')[0] === name) pids.push(Number(entry));
  }
  return pids;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
