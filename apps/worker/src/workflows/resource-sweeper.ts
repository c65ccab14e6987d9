import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { SweeperActivities } from '../activities/sweeper-activities.ts';

const { sweepBuildResources } = proxyActivities<SweeperActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5 },
});

export interface ResourceSweeperInput {
  intervalSeconds: number;
  /** Passes before the workflow continues as new, keeping its history short; 0: one pass, then end. */
  rounds: number;
  /** Entries per pass. */
  limit?: number;
}

export interface ResourceSweeperResult {
  deleted: number;
  orphaned: number;
}

/**
 * `kiln-resource-sweeper`: every `intervalSeconds`, reaps the ledger entries of ended runs (removed
 * by their kind's reaper, or marked orphaned with why and how to remove them by hand).
 */
export async function resourceSweeperWorkflow(input: ResourceSweeperInput): Promise<ResourceSweeperResult> {
  const totals = { deleted: 0, orphaned: 0 };
  const passes = Math.max(1, input.rounds);
  for (let pass = 0; pass < passes; pass++) {
    const report = await sweepBuildResources({ limit: input.limit ?? 500 });
    totals.deleted += report.deleted;
    totals.orphaned += report.orphaned.length;
    if (input.rounds === 0) return totals;
    await sleep(input.intervalSeconds * 1000);
  }
  return continueAsNew<typeof resourceSweeperWorkflow>(input);
}
