import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedDemo } from '@kiln/api';
import { createDb } from '@kiln/db/client';
import { migrate } from '@kiln/db/migrate';
import {
  ensureTemporalCli,
  exec,
  type PostgresCluster,
  preferredPort,
  repoRoot,
  resolveDataDir,
  startPostgresCluster,
  startTemporalDevServer,
  startTemporalViaSdkDownload,
  type TemporalServer,
} from '@kiln/runtime';
import { type ManagedProcess, prefixer, startManaged } from './supervisor.ts';

import { webBuildIsStale } from './web-build.ts';

const say = prefixer('kiln', 3);
const log = (line: string) => say(`${line}\n`);

interface DemoCredentials {
  clientId: string;
  clientSecret: string;
}

function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function waitForHealth(url: string, web: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (web.child.exitCode !== null)
      throw new Error(`the web app exited with ${web.child.exitCode} while starting`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the web app did not answer ${url} within ${timeoutMs / 1000} s`);
}

async function main() {
  const started = Date.now();
  const dataDir = resolveDataDir();
  mkdirSync(dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`while stopping: ${(error as Error).message}`);
      }
    }
    log('stopped.');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  try {
    // PostgreSQL
    let databaseUrl = process.env.DATABASE_URL;
    const ownCluster = !databaseUrl;
    if (!databaseUrl) {
      const port = await preferredPort(Number(process.env.KILN_POSTGRES_PORT ?? 54329));
      const cluster: PostgresCluster = await startPostgresCluster({
        dir: path.join(dataDir, 'postgres'),
        port,
      });
      stops.push(() => cluster.stop());
      databaseUrl = cluster.url;
      log(`PostgreSQL (${cluster.kind}) on 127.0.0.1:${port}, data in ${cluster.serverDir}`);
    } else {
      log('PostgreSQL from DATABASE_URL');
    }
    await migrate(databaseUrl);
    log('database migrations applied');

    // Demo organization: only in the cluster npm start owns. A database the operator brings is theirs, and a
    // well-known demo password in it would be a way in.
    let credentials: DemoCredentials | undefined;
    let principalClientId: string | undefined;
    if (ownCluster) {
      const { db, close } = createDb(databaseUrl);
      const seeded = await seedDemo(db);
      await close();
      const credentialsFile = path.join(dataDir, 'demo-credentials.json');
      const principal = seeded.servicePrincipal;
      principalClientId = principal.clientId;
      if (principal.clientSecret) {
        const fresh: DemoCredentials = { clientId: principal.clientId, clientSecret: principal.clientSecret };
        writeFileSync(credentialsFile, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
      }
      credentials = existsSync(credentialsFile)
        ? JSON.parse(readFileSync(credentialsFile, 'utf8'))
        : undefined;
    } else {
      log('demo organization not seeded: the database came from DATABASE_URL');
    }

    // Temporal
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
    if (!temporalAddress) {
      const port = await preferredPort(Number(process.env.KILN_TEMPORAL_PORT ?? 7233));
      const dbFile = path.join(dataDir, 'temporal', 'temporal.db');
      const cli = await ensureTemporalCli(log);
      const server: TemporalServer = cli
        ? await startTemporalDevServer({
            cli: cli.path,
            port,
            dbFile,
            namespace,
            onOutput: prefixer('temporal', 0),
          })
        : await startTemporalViaSdkDownload({ port, dbFile, namespace });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      log(`Temporal dev server on ${temporalAddress}${cli ? ` (${cli.path})` : ''}`);
    } else {
      log(`Temporal from TEMPORAL_ADDRESS (${temporalAddress})`);
    }

    // Worker
    // Run secrets (-var values, temporary keys) are sealed with this key; it stays with the data.
    const sealingKeyFile = path.join(dataDir, 'sealing.key');
    if (!process.env.KILN_SEALING_KEY && !process.env.KILN_SEALING_KEY_FILE)
      readOrCreateSecret(sealingKeyFile);
    const baseEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      ...(process.env.KILN_SEALING_KEY || process.env.KILN_SEALING_KEY_FILE
        ? {}
        : { KILN_SEALING_KEY_FILE: sealingKeyFile }),
    };
    const worker = startManaged(
      'worker',
      1,
      process.execPath,
      ['--import', 'tsx', 'apps/worker/src/main.ts'],
      {
        cwd: repoRoot,
        env: { ...baseEnv, KILN_WORK_ROOT: path.join(dataDir, 'builds') },
      },
    );
    stops.push(() => worker.stop());

    // Web
    const webDir = path.join(repoRoot, 'apps', 'web');
    const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
    const webEnv = { ...baseEnv, NEXT_TELEMETRY_DISABLED: '1' };
    if (webBuildIsStale(repoRoot)) {
      log('building the web app (once per change)...');
      const built = await exec(process.execPath, [nextBin, 'build'], { cwd: webDir, env: webEnv });
      if (built.code !== 0) throw new Error(`next build failed:\n${built.stdout}\n${built.stderr}`);
    }
    const port = Number(process.env.KILN_WEB_PORT ?? (await preferredPort(3000)));
    const url = `http://127.0.0.1:${port}`;
    const web = startManaged(
      'web',
      2,
      process.execPath,
      [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        cwd: webDir,
        env: {
          ...webEnv,
          NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url,
          NEXTAUTH_SECRET:
            process.env.NEXTAUTH_SECRET ?? readOrCreateSecret(path.join(dataDir, 'auth-secret')),
        },
      },
    );
    stops.push(() => web.stop());
    await waitForHealth(`${url}/api/health`, web, 120_000);

    for (const child of [worker, web]) {
      child.child.on('exit', (code) => {
        if (!stopping) {
          log(`${child.name} exited unexpectedly (${code}); stopping everything.`);
          void shutdown(1);
        }
      });
    }

    const demoLines = !ownCluster
      ? []
      : [
          '  sign in as demo@kiln.local / kiln-demo',
          credentials
            ? `  API credentials (service principal demo-ci): client id ${credentials.clientId}, secret ${credentials.clientSecret}`
            : `  API client id ${principalClientId} (its secret was shown when it was created; make a new one in Settings)`,
        ];
    const lines = [
      '',
      `Kiln is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}`,
      ...demoLines,
      `  data in ${dataDir}; Ctrl-C stops everything`,
      '',
    ];
    for (const line of lines) log(line);
  } catch (error) {
    log(`start failed: ${(error as Error).message}`);
    await shutdown(1);
  }
}

void main();
