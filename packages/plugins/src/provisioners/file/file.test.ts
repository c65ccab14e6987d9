import { describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import { fileProvisioner, prepareFileProvisioner } from './index.ts';

describe('file provisioner settings', () => {
  it('collects source and sources, uploads by default', () => {
    expect(prepareFileProvisioner({ source: 'a', sources: ['b'], destination: '/x/' })).toEqual({
      config: { sources: ['b', 'a'], destination: '/x/', direction: 'upload', generated: false },
      diagnostics: [],
    });
  });

  it("reports every mistake with Packer's messages", () => {
    const where = 'provisioner "file": ';
    expect(prepareFileProvisioner({ direction: 'sideways' }).diagnostics.map((d) => d.summary)).toEqual([
      `${where}Direction must be one of: download, upload.`,
      `${where}source, sources or content must be specified.`,
      `${where}Destination must be specified.`,
    ]);
    expect(
      prepareFileProvisioner({ source: 'a', content: 'c', destination: 'd' }).diagnostics.map(
        (d) => d.summary,
      ),
    ).toEqual([`${where}Cannot specify both source(s) and content`]);
  });

  it('fails clearly without a communicator', async () => {
    const { config } = prepareFileProvisioner({ content: 'x', destination: '/tmp/x' });
    const { ctx } = recordingContext('/nonexistent');
    await expect(
      fileProvisioner.provision(config!, { generated: {}, resources: {} }, ctx),
    ).rejects.toMatchObject({
      failureClass: 'bad-config',
    });
  });
});
