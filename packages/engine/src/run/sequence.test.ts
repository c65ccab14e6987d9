import { describe, expect, it } from 'vitest';
import { type BuildState, type StepResult, emptyBuildState } from '../spi/plugin.ts';
import { type StepExecutor, runStepSequence } from './sequence.ts';

type Behaviour = 'ok' | 'halt' | 'throw' | 'pause';

/** An executor over numbered steps that records what ran, each step adding its index to the state. */
function executor(
  behaviours: Behaviour[],
  options: { cancelAfter?: number; failingCleanups?: number[] } = {},
) {
  const log: string[] = [];
  const outcomes: string[] = [];
  let cancelled = false;
  const exec: StepExecutor = {
    async run(index, state): Promise<StepResult> {
      log.push(`run ${index}`);
      const next: BuildState = {
        ...state,
        resources: { ...state.resources, [`step${index}`]: { created: true } },
      };
      if (options.cancelAfter === index) cancelled = true;
      const behaviour = behaviours[index] ?? 'ok';
      if (behaviour === 'throw') throw new Error(`step ${index} exploded`);
      if (behaviour === 'pause') return { action: 'pause', state: next, note: `break ${index}` };
      if (behaviour === 'halt')
        return {
          action: 'halt',
          state: next,
          error: { class: 'provisioner-failed', message: `step ${index} failed` },
        };
      return { action: 'continue', state: next };
    },
    async cleanup(index, state, outcome) {
      log.push(`cleanup ${index} sees ${Object.keys(state.resources).join(',')}`);
      outcomes.push(`${index}:${outcome}`);
      if (options.failingCleanups?.includes(index))
        throw new Error(`cleanup ${index} could not delete its resource`);
    },
    isCancelled: () => cancelled,
  };
  return { exec, log, outcomes };
}

describe('runStepSequence', () => {
  it('runs every step in order, then cleans up in reverse with the final state', async () => {
    const { exec, log } = executor(['ok', 'ok', 'ok']);
    const outcome = await runStepSequence(3, emptyBuildState(), exec);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.started).toEqual([0, 1, 2]);
    expect(log).toEqual([
      'run 0',
      'run 1',
      'run 2',
      'cleanup 2 sees step0,step1,step2',
      'cleanup 1 sees step0,step1,step2',
      'cleanup 0 sees step0,step1,step2',
    ]);
  });

  it('stops at a halting step and cleans up every started step, the failing one included', async () => {
    const { exec, log } = executor(['ok', 'halt', 'ok']);
    const outcome = await runStepSequence(3, emptyBuildState(), exec);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toEqual({ class: 'provisioner-failed', message: 'step 1 failed', index: 1 });
    expect(log).toEqual(['run 0', 'run 1', 'cleanup 1 sees step0,step1', 'cleanup 0 sees step0,step1']);
  });

  it('treats a thrown error like a halt, classified', async () => {
    const { exec, log } = executor(['throw', 'ok']);
    const outcome = await runStepSequence(2, emptyBuildState(), exec, (e) => ({
      class: 'cloud-transient',
      message: String(e),
    }));
    expect(outcome.error).toEqual({ class: 'cloud-transient', message: 'Error: step 0 exploded', index: 0 });
    expect(log).toEqual(['run 0', 'cleanup 0 sees ']);
  });

  it('stops when cancelled and still cleans up what started', async () => {
    const { exec, log } = executor(['ok', 'ok', 'ok'], { cancelAfter: 1 });
    const outcome = await runStepSequence(3, emptyBuildState(), exec);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.started).toEqual([0, 1]);
    expect(log).toEqual(['run 0', 'run 1', 'cleanup 1 sees step0,step1', 'cleanup 0 sees step0,step1']);
  });

  it('reports failed cleanups without hiding the original error, and runs the other cleanups', async () => {
    const { exec, log } = executor(['ok', 'ok', 'halt'], { failingCleanups: [2, 1] });
    const outcome = await runStepSequence(3, emptyBuildState(), exec);
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toBe('step 2 failed');
    expect(outcome.cleanupFailures).toEqual([
      { index: 2, message: 'cleanup 2 could not delete its resource' },
      { index: 1, message: 'cleanup 1 could not delete its resource' },
    ]);
    expect(log.filter((l) => l.startsWith('cleanup')).length).toBe(3);
  });

  it('tells each cleanup how the build ended', async () => {
    const ok = executor(['ok', 'ok']);
    await runStepSequence(2, emptyBuildState(), ok.exec);
    expect(ok.outcomes).toEqual(['1:succeeded', '0:succeeded']);
    const failed = executor(['ok', 'halt']);
    await runStepSequence(2, emptyBuildState(), failed.exec);
    expect(failed.outcomes).toEqual(['1:failed', '0:failed']);
    const cancelled = executor(['ok', 'ok', 'ok'], { cancelAfter: 0 });
    await runStepSequence(3, emptyBuildState(), cancelled.exec);
    expect(cancelled.outcomes).toEqual(['0:cancelled']);
  });

  it("cleans up the builder's steps before post-processing, as succeeded, and the rest at the end", async () => {
    const { exec, log, outcomes } = executor(['ok', 'ok', 'ok', 'halt']);
    const outcome = await runStepSequence(4, emptyBuildState(), exec, { postProcessingFrom: 2 });
    expect(outcome.status).toBe('failed');
    expect(log).toEqual([
      'run 0',
      'run 1',
      'cleanup 1 sees step0,step1',
      'cleanup 0 sees step0,step1',
      'run 2',
      'run 3',
      'cleanup 3 sees step0,step1,step2,step3',
      'cleanup 2 sees step0,step1,step2,step3',
    ]);
    expect(outcomes).toEqual(['1:succeeded', '0:succeeded', '3:failed', '2:failed']);
  });

  it('waits at a pausing step until the executor resumes it, then goes on', async () => {
    const { exec, log } = executor(['ok', 'pause', 'ok']);
    const paused: string[] = [];
    exec.pause = async (index, note) => {
      paused.push(`${index}:${note}`);
    };
    const outcome = await runStepSequence(3, emptyBuildState(), exec);
    expect(outcome.status).toBe('succeeded');
    expect(paused).toEqual(['1:break 1']);
    expect(log.slice(0, 3)).toEqual(['run 0', 'run 1', 'run 2']);
  });

  it('fails a pausing step as bad-config where nothing can resume it', async () => {
    const { exec } = executor(['pause', 'ok']);
    const outcome = await runStepSequence(2, emptyBuildState(), exec);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ class: 'bad-config', index: 0 });
    expect(outcome.started).toEqual([0]);
  });

  it('ends as cancelled when the build is cancelled during a pause', async () => {
    const { exec } = executor(['pause', 'ok']);
    let cancelledNow = false;
    const isCancelled = exec.isCancelled;
    exec.isCancelled = () => cancelledNow || isCancelled();
    exec.pause = async () => {
      cancelledNow = true;
      throw new Error('cancelled while paused');
    };
    const outcome = await runStepSequence(2, emptyBuildState(), exec);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.started).toEqual([0]);
  });
});
