import { emptyBuildState } from '@kiln/engine';
import { describe, expect, it } from 'vitest';
import { recordingContext } from '../../../test/run-context.ts';
import { sleepProvisioner } from './index.ts';

describe('sleep prepare', () => {
  it('reads duration as Go does, and waits not at all without one', () => {
    expect(sleepProvisioner.prepare({ duration: '1m30s' })).toEqual({
      config: { durationMs: 90_000 },
      diagnostics: [],
    });
    expect(sleepProvisioner.prepare({ duration: '250ms' }).config).toEqual({ durationMs: 250 });
    expect(sleepProvisioner.prepare({}).config).toEqual({ durationMs: 0 });
  });

  it("refuses a duration Go refuses, with Go's message", () => {
    expect(sleepProvisioner.prepare({ duration: '2 minutes' }).diagnostics.map((d) => d.summary)).toEqual([
      'provisioner "sleep": error decoding \'duration\': time: unknown unit " minutes" in duration "2 minutes"',
    ]);
    expect(sleepProvisioner.prepare({ duration: 5 }).diagnostics.map((d) => d.detail)).toEqual([
      '"duration" must be a string; got a number.',
    ]);
  });
});

describe('sleep provisioner', () => {
  it('waits for the duration', async () => {
    const { ctx } = recordingContext('/tmp');
    const startedAt = Date.now();
    await sleepProvisioner.provision({ durationMs: 300 }, emptyBuildState(), ctx);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(295);
  });

  it('stops at once when the build is cancelled', async () => {
    const controller = new AbortController();
    const { ctx } = recordingContext('/tmp', { signal: controller.signal });
    const run = sleepProvisioner.provision({ durationMs: 120_000 }, emptyBuildState(), ctx);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = Date.now();
    controller.abort();
    await expect(run).rejects.toMatchObject({
      failureClass: 'cancelled',
      message: 'provisioner "sleep": cancelled while sleeping',
    });
    expect(Date.now() - abortedAt).toBeLessThan(50);
  });

  it('does not start when the build is already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx } = recordingContext('/tmp', { signal: controller.signal });
    await expect(
      sleepProvisioner.provision({ durationMs: 10_000 }, emptyBuildState(), ctx),
    ).rejects.toMatchObject({
      failureClass: 'cancelled',
    });
  });
});
