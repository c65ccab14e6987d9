import { emptyBuildState } from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import { breakpointProvisioner } from './index.ts';

describe('breakpoint prepare', () => {
  it('reads note and disable', () => {
    expect(breakpointProvisioner.prepare({ note: 'look', disable: true })).toEqual({
      config: { note: 'look', disable: true },
      diagnostics: [],
    });
    expect(breakpointProvisioner.prepare({}).config).toEqual({ note: '', disable: false });
    expect(breakpointProvisioner.prepare({ disable: 'yes' }).diagnostics.map((d) => d.detail)).toEqual([
      '"disable" must be a bool; got a string.',
    ]);
  });
});

describe('breakpoint provisioner', () => {
  it("passes a disabled breakpoint with Packer's message", async () => {
    const { ctx, lines } = recordingContext('/tmp');
    await breakpointProvisioner.provision({ note: 'look here', disable: true }, emptyBuildState(), ctx);
    await breakpointProvisioner.provision({ note: '', disable: true }, emptyBuildState(), ctx);
    expect(lines.map((l) => l.text)).toEqual([
      'Breakpoint provisioner with note "look here" disabled; continuing...',
      'Breakpoint provisioner disabled; continuing...',
    ]);
  });

  it('pauses the build at an enabled breakpoint, with its note', async () => {
    const { ctx, lines } = recordingContext('/tmp');
    await expect(
      breakpointProvisioner.provision({ note: 'look here', disable: false }, emptyBuildState(), ctx),
    ).resolves.toEqual({ pause: { note: 'look here' } });
    expect(lines.map((l) => l.text)).toEqual([
      'Pausing at breakpoint provisioner with note "look here". Resume the build to continue.',
    ]);
  });
});
