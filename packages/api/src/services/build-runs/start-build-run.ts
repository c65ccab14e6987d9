import { ulid } from 'ulid';
import { type Actor, actorId } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { insertBuildRun, updateBuildRun } from '../../repositories/build-runs-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import { findLatestRevision, findTemplateByName } from '../../repositories/templates-repository.ts';
import { type BuildWorkflowStarter, buildRunWorkflowId } from '../../temporal/workflow-contract.ts';
import type { BuildRunOptions } from '../../routers/build-runs/start.types.ts';
import type { Sealer } from '../../secrets/sealer.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { keepRunVariables } from './run-variables.ts';
import { assertTemplateValid } from '../templates/template-diagnostics.ts';

export interface StartBuildRunInput extends BuildRunOptions {
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
  deps: { buildStarter: BuildWorkflowStarter; sealer: Sealer },
): Promise<{ id: string; workflowId: string }> {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'build-run.start');
  const template = await findTemplateByName(db, access.scope, input.template);
  if (!template) throw KilnError.notFound(`template "${input.template}" in project "${input.project}"`);
  const revision = await findLatestRevision(db, access.scope, template.id);
  if (!revision)
    throw new KilnError('INTERNAL', `template "${template.name}" (${template.id}) has no revision`);
  const variables = input.variables ?? {};
  const varFiles = input.varFiles ?? [];
  assertTemplateValid({ filename: revision.filename, content: revision.content }, { variables, varFiles });

  const id = ulid();
  const options = {
    ...(input.only?.length ? { only: input.only } : {}),
    ...(input.except?.length ? { except: input.except } : {}),
    ...(input.parallelBuilds ? { parallelBuilds: input.parallelBuilds } : {}),
    ...(input.failFast ? { failFast: true } : {}),
    ...(input.onError && input.onError !== 'cleanup' ? { onError: input.onError } : {}),
    ...(input.deadlineSeconds ? { deadlineSeconds: input.deadlineSeconds } : {}),
    ...(Object.keys(variables).length > 0 ? { variableNames: Object.keys(variables).sort() } : {}),
  };
  const workflowId = buildRunWorkflowId(access.organization.id, id);
  await inTransaction(db, async (tx) => {
    await insertBuildRun(tx, {
      id,
      ...access.scope,
      templateId: template.id,
      templateRevisionId: revision.id,
      status: 'queued',
      fingerprint: id.toLowerCase(),
      options,
      actorType: actor.type,
      actorId: actorId(actor),
      workflowId,
    });
    if (Object.keys(variables).length > 0 || varFiles.length > 0) {
      await keepRunVariables(tx, deps.sealer, id, { variables, varFiles });
    }
    await insertAuditEvent(tx, {
      ...access.scope,
      actor,
      action: 'build-run.queued',
      targetType: 'build_run',
      targetId: id,
      // Names only: the values of -var and var files are sealed, never audited.
      data: { template: template.name, revision: revision.number, ...options },
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
