import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignChannel } from '../services/registry/assign-channel.ts';
import { restoreVersion } from '../services/registry/restore-version.ts';
import { revokeVersion } from '../services/registry/revoke-version.ts';
import { completeDemoVersion, seedDemoWithOwner } from '../test-support/fixtures.ts';
import { type ServedHandler, serveFetchHandler } from '../test-support/serve-fetch-handler.ts';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../test-support/test-database.ts';
import { handleRestRequest } from './handle-rest-request.ts';

const TERRAFORM = '/usr/local/bin/terraform';
const run = promisify(execFile);

const hcl = (s: string) => JSON.stringify(s);

describe('Terraform reads a channel through terraform_remote_state (http backend)', () => {
  let t: MigratedTestDatabase;
  let server: ServedHandler;
  let workdir: string;
  let versionId: string;
  let env: NodeJS.ProcessEnv;
  let demo: Awaited<ReturnType<typeof seedDemoWithOwner>>;

  const terraform = async (...args: string[]) => {
    try {
      return await run(TERRAFORM, args, { cwd: workdir, env, timeout: 120_000 });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(
        `terraform ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`,
      );
    }
  };

  beforeAll(async () => {
    t = await createMigratedTestDatabase();
    demo = await seedDemoWithOwner(t.db);
    versionId = (
      await completeDemoVersion(t.db, demo.owner, [
        { region: 'local', externalId: 'hello.txt' },
        { region: 'eu-west-1', externalId: 'ami-0123456789abcdef0' },
        { region: 'us-east-1', externalId: 'ami-0fedcba9876543210' },
      ])
    ).versionId;
    await assignChannel(t.db, demo.owner, {
      org: 'demo',
      project: 'default',
      bucket: 'demo',
      channel: 'production',
      versionId,
    });
    server = await serveFetchHandler((request) => handleRestRequest(request, { db: t.db }));

    workdir = await mkdtemp(path.join(tmpdir(), 'kiln-tf-'));
    const home = path.join(workdir, 'home');
    const cliConfig = path.join(workdir, 'terraformrc');
    await run('mkdir', ['-p', home]);
    await writeFile(cliConfig, 'disable_checkpoint = true\n');
    env = {
      PATH: process.env.PATH,
      HOME: home,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
    };
    const address = `${server.url}/api/v1/orgs/demo/projects/default/buckets/demo/channels/production/terraform-state`;
    await writeFile(
      path.join(workdir, 'main.tf'),
      `data "terraform_remote_state" "image" {
  backend = "http"
  config = {
    address  = ${hcl(address)}
    username = ${hcl(demo.servicePrincipal.clientId)}
    password = ${hcl(demo.servicePrincipal.clientSecret!)}
  }
}

locals {
  image = data.terraform_remote_state.image.outputs
}

output "version_id" { value = local.image.version_id }
output "version_name" { value = local.image.version_name }
output "fingerprint" { value = local.image.fingerprint }
output "bucket" { value = local.image.bucket }
output "channel" { value = local.image.channel }
output "file_local" { value = local.image.artifacts["file"]["local"] }
output "file_eu_west_1" { value = local.image.artifacts["file"]["eu-west-1"] }
output "artifact_ids" { value = local.image.artifact_ids }
`,
    );
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
    if (workdir) await rm(workdir, { recursive: true, force: true });
  });

  it('applies and outputs the artifact id per platform and region', async () => {
    await terraform('init', '-input=false', '-no-color');
    await terraform('apply', '-auto-approve', '-input=false', '-no-color');
    const { stdout } = await terraform('output', '-json', '-no-color');
    const outputs = JSON.parse(stdout) as Record<string, { value: unknown }>;
    const values = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
    expect(values).toEqual({
      version_id: versionId,
      version_name: 'v1',
      fingerprint: expect.stringMatching(/^[0-9a-z]{26}$/),
      bucket: 'demo',
      channel: 'production',
      file_local: 'hello.txt',
      file_eu_west_1: 'ami-0123456789abcdef0',
      artifact_ids: {
        'file.hello.local': 'hello.txt',
        'file.hello.eu-west-1': 'ami-0123456789abcdef0',
        'file.hello.us-east-1': 'ami-0fedcba9876543210',
      },
    });
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('fails the plan when the credentials are wrong', async () => {
    const main = path.join(workdir, 'main.tf');
    const original = await readFile(main, 'utf8');
    await writeFile(main, original.replace(/password = ".*"/, 'password = "not-the-secret"'));
    try {
      const error = await terraform('plan', '-input=false', '-no-color').then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toContain('HTTP remote state endpoint requires auth');
    } finally {
      await writeFile(main, original);
    }
  });

  it("fails the plan with the reason when the channel's version is revoked, and reads again once restored", async () => {
    const address = { org: 'demo', project: 'default', bucket: 'demo', versionId };
    await revokeVersion(t.db, demo.owner, {
      ...address,
      reason: 'CVE-2026-0001 in the base image',
      keepChannels: true,
    });
    try {
      const error = await terraform('plan', '-input=false', '-no-color').then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      // Terraform's http backend names only the status; the body at the same address gives the reason.
      expect(error?.message).toContain('Unexpected HTTP response code 409');
      const sp = demo.servicePrincipal;
      const response = await fetch(
        `${server.url}/api/v1/orgs/demo/projects/default/buckets/demo/channels/production/terraform-state`,
        {
          headers: {
            authorization: `Basic ${Buffer.from(`${sp.clientId}:${sp.clientSecret}`).toString('base64')}`,
          },
        },
      );
      expect(response.status).toBe(409);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        'version v1 on channel "production" of bucket "demo" is revoked: CVE-2026-0001 in the base image',
      );
    } finally {
      await restoreVersion(t.db, demo.owner, address);
    }
    await terraform('plan', '-input=false', '-no-color');
  });
});
