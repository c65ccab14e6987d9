import { PROVISION_HOOK } from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { nullBuilder, reportNullArtifactStep } from './index.ts';

describe('null builder', () => {
  it('accepts communicator "none", runs the provisioners and reports Packer\'s empty Null artifact', async () => {
    const { config, diagnostics } = nullBuilder.prepare({ communicator: 'none' });
    expect(diagnostics).toEqual([]);
    const steps = nullBuilder.steps(config!);
    expect(steps).toEqual([PROVISION_HOOK, reportNullArtifactStep]);
    const reported = await reportNullArtifactStep.run(config!, { generated: {}, resources: {} }, {} as never);
    expect(reported).toEqual({
      action: 'continue',
      state: {
        generated: {},
        resources: {},
        artifact: {
          builderId: 'fnoeding.null',
          id: 'Null',
          platform: 'null',
          images: [{ region: 'null', externalId: 'Null' }],
          files: [],
          labels: {},
        },
      },
    });
  });

  it('says which communicator is not supported yet', () => {
    const { config, diagnostics } = nullBuilder.prepare({ communicator: 'ssh' });
    expect(config).toBeUndefined();
    expect(diagnostics).toMatchObject([
      { severity: 'error', summary: 'source "null": communicator "ssh" is not supported yet' },
    ]);
    expect(diagnostics[0]?.detail).toContain('"communicator" setting');
  });

  it('treats a missing communicator as Packer does, as ssh', () => {
    const { diagnostics } = nullBuilder.prepare({});
    expect(diagnostics[0]?.summary).toBe('source "null": communicator "ssh" is not supported yet');
    expect(diagnostics[0]?.detail).toContain('defaults it to "ssh"');
  });
});

describe('null builder artifact', () => {
  it("destroys nothing, as Packer's NullArtifact", async () => {
    expect(nullBuilder.destroyArtifact).toBeDefined();
    const artifact = {
      builderId: 'fnoeding.null',
      id: 'Null',
      platform: 'null',
      images: [],
      files: [],
      labels: {},
    };
    await expect(nullBuilder.destroyArtifact!(artifact, {} as never)).resolves.toBeUndefined();
  });
});
