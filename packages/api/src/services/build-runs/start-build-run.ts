import { ulid } from 'ulid';
import { type Actor, actorId } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { insertBuildRun, updateBuildRun } from '../../repositories/build-runs-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import { findLatestRevision, findTemplateByName } from '../../repositories/templates-repository.ts';
import { type BuildWorkflowStarter, buildRunWorkflowId } from '../../temporal/workflow-contract.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { assertTemplateValid } from '../templates/template-diagnostics.ts';

export interface StartBuildRunInput {
  org: string;
  project: string;
  template: string;
}

/**
 * Validates the template's latest revision (refusing it with every diagnostic, writing nothing), records the
 * run and its audit event in one transaction, then starts the workflow. A run whose workflow could not be
 * started is marked failed.
 */
export async function startBuildRun(
  db: Queryable,
  actor: Actor,
  input: StartBuildRunInput,
  deps: { buildStarter: BuildWorkflowStarter },
): Promise<{ id: string; workflowId: string }> {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'build-run.start');
  const template = await findTemplateByName(db, access.scope, input.template);
  if (!template) throw KilnError.notFound(`template "${input.template}" in project "${input.project}"`);
  const revision = await findLatestRevision(db, access.scope, template.id);
  if (!revision)
    throw new KilnError('INTERNAL', `template "${template.name}" (${template.id}) has no revision`);
  assertTemplateValid({ filename: revision.filename, content: revision.content });

  const id = ulid();
  const workflowId = buildRunWorkflowId(access.organization.id, id);
  await inTransaction(db, async (tx) => {
    await insertBuildRun(tx, {
      id,
      ...access.scope,
      templateId: template.id,
      templateRevisionId: revision.id,
      status: 'queued',
      fingerprint: id.toLowerCase(),
      actorType: actor.type,
      actorId: actorId(actor),
      workflowId,
    });
    await insertAuditEvent(tx, {
      ...access.scope,
      actor,
      action: 'build-run.queued',
      targetType: 'build_run',
      targetId: id,
      data: { template: template.name, revision: revision.number },
    });
  });

  try {
    await deps.buildStarter.startImageBuild({ buildRunId: id, organizationId: access.organization.id });
  } catch (error) {
    const message = `starting workflow ${workflowId} failed: ${(error as Error).message}`;
    await inTransaction(db, async (tx) => {
      await updateBuildRun(tx, id, {
        status: 'failed',
        failureClass: 'internal',
        error: message,
        finishedAt: new Date(),
      });
      await insertAuditEvent(tx, {
        ...access.scope,
        actor,
        action: 'build-run.failed',
        targetType: 'build_run',
        targetId: id,
        data: { failureClass: 'internal', error: message },
      });
    });
    throw new KilnError('INTERNAL', `build run ${id} was recorded but could not start: ${message}`, {
      cause: error,
    });
  }
  return { id, workflowId };
}
