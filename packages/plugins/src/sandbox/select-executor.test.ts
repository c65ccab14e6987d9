import { describe, expect, it } from 'vitest';
import { createLocalExecutor } from './select-executor.ts';

describe('createLocalExecutor', () => {
  it('sandboxes by default, where bubblewrap works', async () => {
    const { executor, state } = await createLocalExecutor('bubblewrap', { workRoot: '/data/builds' });
    expect(state).toBe('sandboxed');
    expect(executor.isolation).toMatch(/^bubblewrap sandbox/);
  });

  it('refuses local steps where bubblewrap is missing, naming the fix', async () => {
    const { executor, state } = await createLocalExecutor('bubblewrap', {
      workRoot: '/data/builds',
      bwrapPath: '/nonexistent/bwrap',
    });
    expect(state).toBe('refused');
    await expect(
      executor.run({
        command: 'true',
        args: [],
        cwd: '/data/builds/01RUN',
        env: {},
        signal: new AbortController().signal,
        onLine: () => {},
      }),
    ).rejects.toThrow('/nonexistent/bwrap is not installed');
  });

  it('runs plain process groups only in the single-tenant mode the operator chose', async () => {
    const { executor, state } = await createLocalExecutor('single-tenant', { workRoot: '/data/builds' });
    expect(state).toBe('single-tenant');
    expect(executor.isolation).toBe('single-tenant mode: no sandbox');
  });
});
