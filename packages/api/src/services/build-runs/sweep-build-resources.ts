import type { LedgerEntry } from '@kiln/engine';
import {
  listUnreapedResourcesOfEndedRuns,
  updateBuildResource,
} from '../../repositories/build-resources-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { removalHint } from './list-build-resources.ts';
import { toLedgerEntry } from './open-build-ledger.ts';

/** Removes one kind of resource with nothing but its ledger entry; throws saying why it could not. */
export type ResourceReaper = (entry: LedgerEntry) => Promise<void>;

export interface SweepReport {
  /** Entries looked at. */
  seen: number;
  deleted: number;
  /** Entries it could not remove, now marked orphaned, with why and how to remove them. */
  orphaned: { buildRunId: string; build: string; key: string; reason: string }[];
}

/**
 * The sweeper's pass: every resource still intended or created whose run has ended (its workflow
 * was terminated, or a worker died past every retry) is removed by the reaper of its kind, or, where
 * there is none or it fails, marked orphaned with the reason and how to remove it by hand.
 */
export async function sweepBuildResources(
  db: Queryable,
  input: { limit: number; reapers: Record<string, ResourceReaper> },
): Promise<SweepReport> {
  const rows = await listUnreapedResourcesOfEndedRuns(db, input.limit);
  const report: SweepReport = { seen: rows.length, deleted: 0, orphaned: [] };
  for (const row of rows) {
    const key = { buildRunId: row.buildRunId, buildName: row.buildName, resourceKey: row.resourceKey };
    const reaper = input.reapers[row.kind];
    let reason: string;
    if (reaper) {
      try {
        await reaper(toLedgerEntry(row));
        await updateBuildResource(db, key, { status: 'deleted', reason: null });
        report.deleted++;
        continue;
      } catch (error) {
        reason = `the sweeper could not remove it: ${error instanceof Error ? error.message : String(error)}`;
      }
    } else {
      reason = `its run ended before it was removed, and a ${row.kind} cannot be removed without the run's credentials`;
    }
    const hint = removalHint(row);
    const full = hint ? `${reason}. ${hint}` : reason;
    await updateBuildResource(db, key, { status: 'orphaned', reason: full });
    report.orphaned.push({
      buildRunId: row.buildRunId,
      build: row.buildName,
      key: row.resourceKey,
      reason: full,
    });
  }
  return report;
}
