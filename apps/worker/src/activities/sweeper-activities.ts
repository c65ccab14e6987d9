import { type ResourceReaper, type SweepReport, sweepBuildResources } from '@kiln/api';
import type { KilnDb } from '@kiln/db';
import type { Logger } from 'pino';
import { mappingFailures } from './failures.ts';

/** The sweeper's activities: reaps what ended runs left in the resource ledger. */
export function createSweeperActivities(deps: {
  db: KilnDb;
  logger: Logger;
  /** Reapers by resource kind; a kind without one is reported as orphaned. */
  reapers?: Record<string, ResourceReaper>;
}) {
  return {
    sweepBuildResources: mappingFailures(async (input: { limit: number }): Promise<SweepReport> => {
      const report = await sweepBuildResources(deps.db, { limit: input.limit, reapers: deps.reapers ?? {} });
      if (report.seen > 0) {
        deps.logger.warn(
          { activity: 'sweepBuildResources', ...report, orphaned: report.orphaned.length },
          'swept resources that ended runs left',
        );
      }
      return report;
    }),
  };
}

export type SweeperActivities = ReturnType<typeof createSweeperActivities>;
