import { PROVISION_HOOK } from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { nullBuilder } from './index.ts';

describe('null builder', () => {
  it('accepts communicator "none" and only runs the provisioners', () => {
    const { config, diagnostics } = nullBuilder.prepare({ communicator: 'none' });
    expect(diagnostics).toEqual([]);
    expect(nullBuilder.steps(config!)).toEqual([PROVISION_HOOK]);
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
