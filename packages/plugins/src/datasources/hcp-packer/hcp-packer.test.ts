import {
  type RegistryArtifactInfo,
  type RegistryLookup,
  type RegistryVersionInfo,
  evaluateDatasources,
  parseTemplate,
} from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { createPluginRegistry } from '../../index.ts';
import { hcpPackerArtifactDatasource } from './artifact.ts';
import { hcpPackerVersionDatasource } from './version.ts';

const VERSION: RegistryVersionInfo = {
  id: '01HVERSION',
  fingerprint: 'fp-1',
  name: 'v3',
  bucketName: 'base',
  status: 'VERSION_ACTIVE',
  revoked: false,
  authorId: 'ci',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-02T00:00:00Z',
  channelId: '01HCHANNEL',
};

const ARTIFACT: RegistryArtifactInfo = {
  externalIdentifier: 'ami-0abc',
  platform: 'aws',
  region: 'us-east-1',
  componentType: 'amazon-ebs.base',
  createdAt: '2024-01-01T00:00:00Z',
  buildId: '01HBUILD',
  versionId: '01HVERSION',
  packerRunUuid: 'run-1',
  labels: { os: 'ubuntu' },
  revoked: false,
};

/** An in-memory registry with one bucket `base`, channel `prod` → version fp-1, one aws artifact. */
function registry(options: { revoked?: boolean } = {}): RegistryLookup & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async lookupChannelVersion({ bucketName, channelName }) {
      calls.push(`channel ${bucketName}/${channelName}`);
      if (bucketName !== 'base' || channelName !== 'prod')
        throw new Error(`channel "${channelName}" of bucket "${bucketName}" not found`);
      return { ...VERSION, revoked: options.revoked ?? false };
    },
    async lookupArtifact(query) {
      calls.push(
        `artifact ${query.bucketName}/${query.versionFingerprint}/${query.platform}/${query.region}`,
      );
      if (query.versionFingerprint !== 'fp-1' || query.platform !== 'aws' || query.region !== 'us-east-1')
        throw new Error(`no artifact for ${query.platform} in ${query.region}`);
      if (query.componentType !== undefined && query.componentType !== ARTIFACT.componentType)
        throw new Error(`no artifact made by ${query.componentType}`);
      return { ...ARTIFACT, revoked: options.revoked ?? false };
    },
  };
}

const signal = new AbortController().signal;

describe('hcp-packer data sources', () => {
  it('read a channel version and its artifact in a template, as Packer names the outputs', async () => {
    const parsed = parseTemplate([
      {
        filename: 't.pkr.hcl',
        content: `
data "hcp-packer-version" "base" {
  bucket_name  = "base"
  channel_name = "prod"
}
data "hcp-packer-artifact" "base" {
  bucket_name         = "base"
  version_fingerprint = data.hcp-packer-version.base.fingerprint
  platform            = "aws"
  region              = "us-east-1"
}
locals {
  ami = data.hcp-packer-artifact.base.external_identifier
  v   = data.hcp-packer-version.base.name
}
`,
      },
    ]);
    if (!parsed.template) throw new Error('no template');
    const lookup = registry();
    const { template, diagnostics } = await evaluateDatasources(parsed.template, createPluginRegistry(), {
      registry: lookup,
    });
    expect(diagnostics).toEqual([]);
    expect(template.localValues.get('ami')?.asString()).toBe('ami-0abc');
    expect(template.localValues.get('v')?.asString()).toBe('v3');
    expect(lookup.calls).toEqual(['channel base/prod', 'artifact base/fp-1/aws/us-east-1']);
  });

  it('reads an artifact through a channel, with every output attribute', async () => {
    const prepared = hcpPackerArtifactDatasource.prepare({
      bucket_name: 'base',
      channel_name: 'prod',
      platform: 'aws',
      region: 'us-east-1',
      component_type: 'amazon-ebs.base',
    });
    if (!prepared.config) throw new Error('not prepared');
    expect(
      await hcpPackerArtifactDatasource.execute(prepared.config, { signal, registry: registry() }),
    ).toEqual({
      platform: 'aws',
      component_type: 'amazon-ebs.base',
      created_at: '2024-01-01T00:00:00Z',
      build_id: '01HBUILD',
      version_id: '01HVERSION',
      channel_id: '01HCHANNEL',
      packer_run_uuid: 'run-1',
      external_identifier: 'ami-0abc',
      region: 'us-east-1',
      labels: { os: 'ubuntu' },
    });
  });

  it('refuses revoked versions and reports lookups that find nothing', async () => {
    const version = hcpPackerVersionDatasource.prepare({ bucket_name: 'base', channel_name: 'prod' }).config;
    if (!version) throw new Error('not prepared');
    await expect(
      hcpPackerVersionDatasource.execute(version, { signal, registry: registry({ revoked: true }) }),
    ).rejects.toThrow('the version of channel "prod" in bucket "base" is revoked');
    const missing = hcpPackerVersionDatasource.prepare({ bucket_name: 'base', channel_name: 'dev' }).config;
    if (!missing) throw new Error('not prepared');
    await expect(
      hcpPackerVersionDatasource.execute(missing, { signal, registry: registry() }),
    ).rejects.toThrow('channel "dev" of bucket "base" not found');
  });

  it('names the data source when no registry is configured', async () => {
    const parsed = parseTemplate([
      {
        filename: 't.pkr.hcl',
        content: 'data "hcp-packer-version" "x" {\n  bucket_name  = "base"\n  channel_name = "prod"\n}\n',
      },
    ]);
    if (!parsed.template) throw new Error('no template');
    const { diagnostics } = await evaluateDatasources(parsed.template, createPluginRegistry());
    expect(diagnostics.map((d) => [d.summary, d.detail, d.subject?.start.line])).toEqual([
      [
        'Data source failed',
        `data "hcp-packer-version" "x" failed: the hcp-packer-version data source reads Kiln's image registry, and no registry is configured for this evaluation`,
        1,
      ],
    ]);
  });

  it('checks settings as Packer does', () => {
    expect(hcpPackerVersionDatasource.prepare({}).diagnostics.map((d) => d.summary)).toEqual([
      'Missing bucket_name',
      'Missing channel_name',
    ]);
    expect(
      hcpPackerArtifactDatasource
        .prepare({
          bucket_name: 'b',
          channel_name: 'c',
          version_fingerprint: 'f',
          platform: 'aws',
          region: 'r',
        })
        .diagnostics.map((d) => d.summary),
    ).toEqual(['Conflicting settings']);
    expect(
      hcpPackerArtifactDatasource.prepare({ bucket_name: 'b' }).diagnostics.map((d) => d.summary),
    ).toEqual(['Missing version', 'Missing platform', 'Missing region']);
  });
});
