import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildRunDatasourceOutputs, eq } from '@kiln/db';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readRegistry,
  readRun,
  setupWorkerTest,
  startInProcessWorker,
  startRun,
  type WorkerTestEnv,
  replayAndRecord,
} from '../test/harness.ts';
import type { ImageBuildWorkflowResult } from './workflows/image-build.ts';

let env: WorkerTestEnv;
let worker: Awaited<ReturnType<typeof startInProcessWorker>>;
let server: Server;
let baseUrl: string;
let tokenRequests = 0;
const token = `tok-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  env = await setupWorkerTest();
  worker = await startInProcessWorker(env);
  server = createServer((request, response) => {
    if (request.url !== '/token') {
      response.writeHead(404).end('no such thing');
      return;
    }
    tokenRequests++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await worker?.stop();
  await env?.close();
});

const BASE_TEMPLATE = `
source "file" "base" {
  content = "base image"
  target  = "base.img"
}

build {
  name    = "base"
  sources = ["source.file.base"]

  hcp_packer_registry {
    bucket_name = "base-image"
  }
}
`;

function consumerTemplate(bucketName: string): string {
  return `
data "hcp-packer-version" "base" {
  bucket_name  = "${bucketName}"
  channel_name = "latest"
}

data "hcp-packer-artifact" "base" {
  bucket_name         = "${bucketName}"
  version_fingerprint = data.hcp-packer-version.base.fingerprint
  platform            = "local"
  region              = "local"
}

data "http" "secret" {
  url = "${baseUrl}/token"
}

locals {
  token = jsondecode(data.http.secret.body).token
}

source "file" "consumer" {
  # Another run's folder is out of this run's reach: the parent is named, not copied.
  content = "built on \${data.hcp-packer-artifact.base.external_identifier}"
  target  = "consumer.img"
}

build {
  name    = "consumer"
  sources = ["source.file.consumer"]

  provisioner "shell-local" {
    environment_vars = ["TOKEN=\${local.token}"]
    inline = [
      "echo parent=\${data.hcp-packer-artifact.base.external_identifier}",
      "echo version=\${data.hcp-packer-version.base.name}",
      "test \\"$TOKEN\\" = \\"\${local.token}\\" && echo token-ok",
    ]
  }

  provisioner "shell-local" {
    inline = ["echo second step sees \${data.hcp-packer-version.base.name}"]
  }

  hcp_packer_registry {
    bucket_name = "consumer-image"
  }
}
`;
}

describe('data sources in a build run', () => {
  it('reads them once per run, gives every step their values, keeps them out of history and logs; the parent artifact is named, not copied', async () => {
    const base = await startRun(env, { name: 'base', content: BASE_TEMPLATE });
    expect((await base.handle.result()).status).toBe('succeeded');
    const baseArtifact = path.join(env.workRoot, base.id, 'base.img');

    const run = await startRun(env, { name: 'consumer', content: consumerTemplate('base-image') });
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result).toEqual({
      status: 'succeeded',
      builds: [{ name: 'consumer.file.consumer', status: 'succeeded' }],
    });

    const { lines, steps } = await readRun(env.db, run.id);
    const texts = lines.map((l) => l.text);
    expect(texts).toContain(
      'Read 3 data source(s): data.hcp-packer-version.base, data.hcp-packer-artifact.base, data.http.secret',
    );
    expect(texts).toEqual(
      expect.arrayContaining([`parent=${baseArtifact}`, 'version=v1', 'token-ok', 'second step sees v1']),
    );
    expect(steps.map((s) => [s.stepIndex, s.kind, s.status, s.completions])).toEqual([
      [0, 'builder', 'cleaned-up', 1],
      [1, 'provisioner', 'completed', 1],
      [2, 'provisioner', 'completed', 1],
      [3, 'builder', 'cleaned-up', 1],
    ]);
    expect(tokenRequests).toBe(1);
    expect(await readFile(path.join(env.workRoot, run.id, 'consumer.img'), 'utf8')).toBe(
      `built on ${baseArtifact}`,
    );

    // The run's history and its build's, where the steps are.
    for (const id of [run.workflowId, `${run.workflowId}:consumer.file.consumer`]) {
      const history = historyToJSON(await env.client.workflow.getHandle(id).fetchHistory());
      expect(history).toContain(run.id);
      expect(history).not.toContain(token);
    }
    await replayAndRecord(env, run, ['consumer.file.consumer'], 'image-build-datasources');
    expect(texts.join('\n')).not.toContain(token);

    const kept = await env.db
      .select()
      .from(buildRunDatasourceOutputs)
      .where(eq(buildRunDatasourceOutputs.buildRunId, run.id));
    expect(kept).toEqual([]);

    // The consumer names the base artifact but cannot copy it: another run's folder is out of its
    // reach (paths are confined to the run's own folder), so no source image links it to a parent
    // version. Local files get their lineage back with the artifact store.
    const consumerRegistry = await readRegistry(env.db, 'consumer-image');
    expect(consumerRegistry.versions.map((v) => [v.name, v.status])).toEqual([['v1', 'active']]);
    expect(consumerRegistry.builds).toMatchObject([
      { componentType: 'file.consumer', status: 'done', parentVersionId: null, parentChannelId: null },
    ]);
  });

  it("refuses to copy another run's artifact: the path leaves the run's work folder", async () => {
    const run = await startRun(env, {
      name: 'copier',
      content: consumerTemplate('base-image').replace(
        /content = "built on [^\n]*/,
        'source = data.hcp-packer-artifact.base.external_identifier',
      ),
    });
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result).toMatchObject({ status: 'failed', failureClass: 'bad-config' });
    expect(result.error).toContain('source "file": "source" is an absolute path');
    expect(result.error).toContain("Paths in a template are relative to the build run's work folder");
  });

  it('fails the run as bad-config, before any step, when a data source fails', async () => {
    const run = await startRun(env, { name: 'orphan', content: consumerTemplate('no-such-bucket') });
    const result: ImageBuildWorkflowResult = await run.handle.result();
    expect(result).toMatchObject({ status: 'failed', failureClass: 'bad-config', builds: [] });
    expect(result.error).toContain('template "orphan" (orphan.pkr.hcl): data sources failed');
    expect(result.error).toContain(
      'data "hcp-packer-version" "base" failed: bucket "no-such-bucket" does not exist in this project',
    );
    expect(result.error).toContain('on orphan.pkr.hcl line 2');
    expect(result.error).not.toContain('hcp-packer-artifact');

    const { run: row, steps } = await readRun(env.db, run.id);
    expect(row).toMatchObject({ status: 'failed', failureClass: 'bad-config' });
    expect(steps).toEqual([]);
  });
});
