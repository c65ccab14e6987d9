import type { DatasourceOutputs } from '@kiln/engine';
import { findDatasourceOutputs } from '../../repositories/datasource-outputs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';

/** The outputs kept for a run, or undefined when its data sources were never resolved (or it finished). */
export function loadDatasourceOutputs(
  db: Queryable,
  input: { buildRunId: string },
): Promise<DatasourceOutputs | undefined> {
  return findDatasourceOutputs(db, input.buildRunId);
}
