import { describe, expect, it } from 'vitest';
import { parentVersionOf } from './ancestry.ts';

const artifact = (externalId: string, versionId: string, channelId: string) => ({
  external_identifier: externalId,
  version_id: versionId,
  channel_id: channelId,
  platform: 'aws',
  region: 'us-east-1',
});

describe('parentVersionOf', () => {
  it('links the artifact used as source image to its version and channel', () => {
    const outputs = {
      'hcp-packer-artifact': {
        base: artifact('ami-base', 'V1', 'C-prod'),
        other: artifact('ami-other', 'V2', 'C-dev'),
      },
    };
    expect(parentVersionOf(outputs, 'ami-other')).toEqual({ versionId: 'V2', channelId: 'C-dev' });
  });

  it('takes the channel of a version data source for an artifact read by fingerprint', () => {
    const outputs = {
      'hcp-packer-version': { base: { id: 'V1', channel_id: 'C-prod', fingerprint: 'f1' } },
      'hcp-packer-artifact': { base: artifact('ami-base', 'V1', '') },
    };
    expect(parentVersionOf(outputs, 'ami-base')).toEqual({ versionId: 'V1', channelId: 'C-prod' });
  });

  it('has no channel when no data source read the version through one', () => {
    const outputs = { 'hcp-packer-artifact': { base: artifact('ami-base', 'V1', '') } };
    expect(parentVersionOf(outputs, 'ami-base')).toEqual({ versionId: 'V1', channelId: null });
  });

  it('has no parent when the source image was not read from the registry', () => {
    const outputs = {
      'hcp-packer-artifact': { base: artifact('ami-base', 'V1', 'C') },
      http: { x: { body: 'ami-elsewhere' } },
    };
    expect(parentVersionOf(outputs, 'ami-elsewhere')).toBeUndefined();
    expect(parentVersionOf({}, 'ami-base')).toBeUndefined();
  });
});
