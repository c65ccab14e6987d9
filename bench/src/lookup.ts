/**
 * `npm run lookup -w @kiln/bench`: the REST lookups Terraform and automation make, against a seeded registry
 * served on loopback by the same handler the web app mounts. Prints req/s, p50 and p99 at 1 and 64
 * connections for the channel GET and the terraform-state GET.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assignChannel } from '@kiln/api';
import { handleRestRequest } from '@kiln/api/rest';
import { completeDemoVersion, seedDemoWithOwner } from '@kiln/api/test-support/fixtures';
import { createDb, migrate } from '@kiln/db';
import { createTestDatabase, startPostgres } from '@kiln/testing';
import autocannon from 'autocannon';

const DURATION_SECONDS = 10;

/** The demo organization with one complete version (three regions) on channel `production`. */
async function seed(db: ReturnType<typeof createDb>['db']) {
  const demo = await seedDemoWithOwner(db);
  const regions = ['us-east-1', 'eu-west-1', 'local'];
  const { versionId } = await completeDemoVersion(
    db,
    demo.owner,
    regions.map((region) => ({ region, externalId: `img-${region}` })),
  );
  await assignChannel(db, demo.owner, {
    org: 'demo',
    project: 'default',
    bucket: 'demo',
    channel: 'production',
    versionId,
  });
  return demo.servicePrincipal;
}

function serve(db: ReturnType<typeof createDb>['db']) {
  let origin = '';
  const server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    handleRestRequest(new Request(new URL(req.url ?? '/', origin), { method: req.method, headers }), { db })
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
  });
  return new Promise<{ origin: string; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ origin, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

async function measure(url: string, authorization: string, connections: number) {
  const result = await autocannon({
    url,
    connections,
    duration: DURATION_SECONDS,
    headers: { authorization },
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed,
  };
}

async function main() {
  const postgres = await startPostgres();
  const database = await createTestDatabase(postgres.adminUrl);
  await migrate(database.url);
  const handle = createDb(database.url, { max: 20 });
  try {
    const principal = await seed(handle.db);
    const authorization = `Basic ${Buffer.from(`${principal.clientId}:${principal.clientSecret}`).toString('base64')}`;
    const server = await serve(handle.db);
    const base = `${server.origin}/api/v1/orgs/demo/projects/default/buckets/demo/channels/production`;
    console.log(
      `lookup benchmark: ${DURATION_SECONDS} s per run, loopback, one Node process, PostgreSQL pool of 20`,
    );
    console.log('endpoint          connections   req/s   p50 ms   p99 ms   failed');
    for (const [name, url] of [
      ['channel', base],
      ['terraform-state', `${base}/terraform-state`],
    ] as const) {
      for (const connections of [1, 64]) {
        const r = await measure(url, authorization, connections);
        console.log(
          `${name.padEnd(17)} ${String(connections).padStart(11)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.failed).padStart(8)}`,
        );
      }
    }
    await server.close();
  } finally {
    await handle.close();
    await database.drop();
    await postgres.stop();
  }
}

await main();
