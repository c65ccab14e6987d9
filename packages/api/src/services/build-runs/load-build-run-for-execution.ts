import { KilnError } from '../../errors.ts';
import { findRunExecutionContext } from '../../repositories/build-runs-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';

/** What the worker needs to execute a run. */
export async function loadBuildRunForExecution(db: Queryable, input: { buildRunId: string }) {
  const row = await findRunExecutionContext(db, input.buildRunId);
  if (!row) throw KilnError.notFound(`build run ${input.buildRunId}`);
  return {
    run: {
      id: row.run.id,
      organizationId: row.run.organizationId,
      projectId: row.run.projectId,
      templateId: row.run.templateId,
      status: row.run.status,
      fingerprint: row.run.fingerprint,
      options: row.run.options,
    },
    revision: { id: row.revision.id, filename: row.revision.filename, content: row.revision.content },
    template: { id: row.template.id, name: row.template.name },
  };
}
