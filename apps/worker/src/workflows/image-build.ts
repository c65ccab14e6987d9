import { buildWorkflowId, type ImageBuildWorkflowInput } from '@kiln/api/temporal/contract';
import {
  CancellationScope,
  CancelledFailure,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  sleep,
  startChild,
} from '@temporalio/workflow';
import type { PreparedBuild, RunOptions } from '../activities/types.ts';
import { type BuildWorkflowResult, buildWorkflow } from './build.ts';
import { classifyActivityFailure } from './failure-class.ts';
import { legacyImageBuild } from './legacy-image-build.ts';
import { bookkeeping, planning, steps } from './options.ts';
import {
  type BuildOutcomeSummary,
  type ImageBuildWorkflowResult,
  initialBuildState,
  summariseBuild,
  summariseRun,
  unplannedRun,
  withoutBuilds,
} from './summary.ts';

export type { ImageBuildWorkflowInput, ImageBuildWorkflowResult };

/** Marks histories whose builds run as child workflows; earlier ones replay the legacy path. */
export const BUILD_WORKFLOWS_PATCH = 'build-child-workflows';

type StopReason = 'cancelled' | 'deadline' | 'fail-fast';

/**
 * One build run: plan it, run each build as a child workflow (at most `parallelBuilds` at once),
 * stop the others when one fails (fail-fast) or the deadline passes, record the registry builds and
 * the outcome, clean up what `on-error` kept once its time is up, then release the run's secrets.
 */
export async function imageBuildWorkflow(input: ImageBuildWorkflowInput): Promise<ImageBuildWorkflowResult> {
  if (!patched(BUILD_WORKFLOWS_PATCH)) return endAs(await legacyImageBuild(input));
  const { buildRunId, organizationId } = input;
  let builds: PreparedBuild[];
  let options: RunOptions;
  try {
    ({ builds, options } = await planning.prepareBuildRun({ buildRunId }));
  } catch (error) {
    const result = unplannedRun(error);
    await CancellationScope.nonCancellable(async () => {
      await bookkeeping.finishBuildRun({ buildRunId, ...withoutBuilds(result) });
      await bookkeeping.releaseBuildRun({ buildRunId });
    });
    return endAs(result);
  }

  // Builds that are running, by name → workflow id: what a stop cancels.
  const running = new Map<string, string>();
  let stopReason: StopReason | undefined;
  const stopAll = async (reason: StopReason) => {
    if (stopReason) return;
    stopReason = reason;
    await CancellationScope.nonCancellable(() =>
      Promise.all([...running.values()].map((id) => cancelBuild(id))),
    );
  };
  CancellationScope.current().cancelRequested.catch(() => stopAll('cancelled'));
  const deadline = new CancellationScope();
  if (options.deadlineSeconds) {
    deadline
      .run(() => sleep(options.deadlineSeconds! * 1000))
      .then(
        () => stopAll('deadline'),
        () => {},
      );
  }

  const runOne = async (build: PreparedBuild): Promise<BuildWorkflowResult | undefined> => {
    if (stopReason) return undefined;
    const workflowId = buildWorkflowId(organizationId, buildRunId, build.name);
    running.set(build.name, workflowId);
    try {
      // The child is cancelled by id (stopAll), not by this scope, so its result always comes back.
      return await CancellationScope.nonCancellable(async () => {
        const child = await startChild(buildWorkflow, {
          workflowId,
          args: [{ buildRunId, organizationId, build, onError: options.onError }],
        });
        if (stopReason) await cancelBuild(workflowId);
        return child.result();
      });
    } catch (error) {
      // The build's workflow itself failed (not one of its steps): the build failed, nothing ran to undo.
      const initial = initialBuildState(buildRunId);
      const failure = classifyActivityFailure(error);
      return {
        outcome: {
          status: failure.class === 'cancelled' ? 'cancelled' : 'failed',
          state: initial,
          started: [],
          error: { ...failure, index: 0 },
          cleanupFailures: [],
        },
        deferredCleanups: [],
      };
    } finally {
      running.delete(build.name);
    }
  };

  const results: (BuildWorkflowResult | undefined)[] = new Array(builds.length);
  let next = 0;
  const lane = async () => {
    while (next < builds.length) {
      const index = next++;
      const result = await runOne(builds[index]!);
      results[index] = result;
      if (options.failFast && result?.outcome.status === 'failed') await stopAll('fail-fast');
    }
  };
  const lanes = options.parallelBuilds > 0 ? Math.min(options.parallelBuilds, builds.length) : builds.length;
  await Promise.all(Array.from({ length: lanes }, lane));
  deadline.cancel();

  const summaries = builds.map((build, i): BuildOutcomeSummary => {
    const result = results[i];
    if (!result)
      return {
        name: build.name,
        status: 'cancelled',
        failureClass: 'cancelled',
        error: notStarted(stopReason),
      };
    return summariseBuild(build, result.outcome);
  });
  let result = summariseRun(summaries, stopReason === 'cancelled');
  if (stopReason === 'deadline') {
    result = {
      ...result,
      status: 'failed',
      failureClass: 'timed-out',
      error: `the build run passed its deadline of ${options.deadlineSeconds} s${result.error ? `: ${result.error}` : ''}`,
    };
  }
  const deferred = builds.flatMap((build, i) =>
    results[i]?.deferredCleanups.length ? [{ build, result: results[i]! }] : [],
  );

  await CancellationScope.nonCancellable(async () => {
    await Promise.all(
      builds.map((build, i) => {
        const outcome = results[i]?.outcome;
        const artifact = outcome?.status === 'succeeded' ? outcome.state.artifact : undefined;
        return bookkeeping.completeRegistryBuild({
          buildRunId,
          bucketName: build.bucketName,
          componentType: build.componentType,
          status: outcome?.status === 'succeeded' ? 'done' : 'failed',
          ...(artifact ? { artifact } : {}),
        });
      }),
    );
    await bookkeeping.finishBuildRun({
      buildRunId,
      ...withoutBuilds(result),
      ...(deferred.length > 0 ? { keptForSeconds: options.keepOnErrorSeconds } : {}),
    });
  });

  if (deferred.length > 0) await cleanUpKept(buildRunId, deferred, options.keepOnErrorSeconds);
  await CancellationScope.nonCancellable(() => bookkeeping.releaseBuildRun({ buildRunId }));
  return endAs(result);
}

/** What `on-error` kept stays for `seconds` (cancelling the run cleans it up at once), then goes. */
async function cleanUpKept(
  buildRunId: string,
  kept: { build: PreparedBuild; result: BuildWorkflowResult }[],
  seconds: number,
): Promise<void> {
  try {
    await sleep(seconds * 1000);
  } catch (error) {
    if (!isCancellation(error)) throw error;
  }
  await CancellationScope.nonCancellable(async () => {
    for (const { build, result } of kept) {
      for (const stepIndex of result.deferredCleanups) {
        try {
          await steps.cleanupBuildStep({
            buildRunId,
            buildName: build.name,
            stepIndex,
            state: result.outcome.state,
            outcome: 'failed',
          });
        } catch {
          // Recorded by the activity as cleanup-failed, and its resources stay in the ledger.
        }
      }
    }
  });
}

async function cancelBuild(workflowId: string): Promise<void> {
  try {
    await getExternalWorkflowHandle(workflowId).cancel();
  } catch {
    // The build's workflow has already closed.
  }
}

function notStarted(reason: StopReason | undefined): string {
  if (reason === 'fail-fast') return 'not started: another build failed (fail-fast)';
  if (reason === 'deadline') return 'not started: the run passed its deadline';
  return 'not started: the build run was cancelled';
}

/** A cancelled run ends its workflow as cancelled too, once everything is cleaned up and recorded. */
function endAs(result: ImageBuildWorkflowResult): ImageBuildWorkflowResult {
  if (result.status === 'cancelled' && CancellationScope.current().consideredCancelled) {
    throw new CancelledFailure(result.error ?? 'the build run was cancelled');
  }
  return result;
}
