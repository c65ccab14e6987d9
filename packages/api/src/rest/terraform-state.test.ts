import { describe, expect, it } from 'vitest';
import { channelLineage, toTerraformState } from './terraform-state.ts';

const now = new Date('2026-01-01T00:00:00Z');
const build = (componentType: string, platform: string, artifacts: [string, string][]) => ({
  id: `b-${componentType}`,
  componentType,
  platform,
  status: 'done' as const,
  labels: {},
  metadata: {},
  sourceExternalIdentifier: null,
  parentVersionId: null,
  parentChannelId: null,
  parent: null,
  createdAt: now,
  updatedAt: now,
  artifacts: artifacts.map(([region, externalIdentifier], i) => ({
    id: `a${i}`,
    region,
    externalIdentifier,
    createdAt: now,
  })),
});

const view = {
  organization: { id: 'o', slug: 'demo' },
  project: { id: 'p', slug: 'default' },
  bucket: { id: 'b', name: 'web' },
  channel: {
    id: '01CHANNEL',
    name: 'production',
    managed: false,
    restricted: false,
    versionId: 'v',
    createdAt: now,
    updatedAt: now,
  },
  assignmentCount: 3,
  rolledBackFrom: null,
  version: {
    id: '01VERSION',
    fingerprint: 'abc',
    name: 'v7',
    status: 'active' as const,
    templateType: 'hcl2' as const,
    buildRunId: null,
    createdBy: 'u',
    createdByName: 'Ada (ada@example.com)',
    revokeAt: null,
    revocationMessage: null,
    revokedBy: null,
    revocationInheritedFromId: null,
    revocationRollsBackChannels: false,
    createdAt: now,
    updatedAt: now,
    builds: [
      build('amazon-ebs.ubuntu', 'aws', [
        ['us-east-1', 'ami-1'],
        ['eu-west-1', 'ami-2'],
      ]),
      build('azure-arm.ubuntu', 'azure', [['westeurope', '/images/x']]),
    ],
  },
};

describe('toTerraformState', () => {
  it('is a v4 state with typed outputs per platform and region', () => {
    const state = toTerraformState(view);
    expect(state).toMatchObject({
      version: 4,
      serial: 3,
      resources: [],
      lineage: channelLineage('01CHANNEL'),
    });
    expect(state.outputs).toEqual({
      bucket: { value: 'web', type: 'string' },
      channel: { value: 'production', type: 'string' },
      version_id: { value: '01VERSION', type: 'string' },
      version_name: { value: 'v7', type: 'string' },
      fingerprint: { value: 'abc', type: 'string' },
      artifacts: {
        value: { aws: { 'us-east-1': 'ami-1', 'eu-west-1': 'ami-2' }, azure: { westeurope: '/images/x' } },
        type: ['map', ['map', 'string']],
      },
      artifact_ids: {
        value: {
          'amazon-ebs.ubuntu.us-east-1': 'ami-1',
          'amazon-ebs.ubuntu.eu-west-1': 'ami-2',
          'azure-arm.ubuntu.westeurope': '/images/x',
        },
        type: ['map', 'string'],
      },
    });
  });

  it('keeps the lineage stable per channel and distinct between channels', () => {
    expect(channelLineage('01CHANNEL')).toBe(channelLineage('01CHANNEL'));
    expect(channelLineage('01CHANNEL')).not.toBe(channelLineage('01OTHER'));
  });
});
