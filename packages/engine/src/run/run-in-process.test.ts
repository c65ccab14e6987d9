import { describe, expect, it } from 'vitest';
import type { ExecutableStep } from '../plan/executable-step.ts';
import { testRunContext } from '../test-support/run-context.ts';
import { runBuildInProcess } from './run-in-process.ts';

function throwing(error: unknown): ExecutableStep {
  return {
    name: 'connect',
    kind: 'builder',
    run: () => Promise.reject(error),
    cleanup: async () => {},
  };
}

describe('runBuildInProcess failure classes', () => {
  it("keeps the class a plugin's failure declares, as the worker does", async () => {
    const failure = Object.assign(new Error('Timeout waiting for SSH'), { failureClass: 'timed-out' });
    const outcome = await runBuildInProcess([throwing(failure)], testRunContext('b.null.x'));
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ class: 'timed-out', message: 'Timeout waiting for SSH' });
  });

  it('calls an undeclared or unknown class internal', async () => {
    const odd = Object.assign(new Error('odd'), { failureClass: 'no-such-class' });
    expect((await runBuildInProcess([throwing(odd)], testRunContext('b'))).error?.class).toBe('internal');
    expect((await runBuildInProcess([throwing(new Error('x'))], testRunContext('b'))).error?.class).toBe(
      'internal',
    );
  });
});
