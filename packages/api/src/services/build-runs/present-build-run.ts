import type { BuildRunStepRow, BuildRunSummaryRow } from '../../repositories/build-runs-repository.ts';
import { presentActorName } from '../actors/present-actor-name.ts';

export function presentBuildRun(run: BuildRunSummaryRow) {
  return {
    id: run.id,
    templateId: run.templateId,
    templateName: run.templateName,
    revisionNumber: run.revisionNumber,
    status: run.status,
    failureClass: run.failureClass,
    error: run.error,
    fingerprint: run.fingerprint,
    actorType: run.actorType,
    actorId: run.actorId,
    actorName: presentActorName(run.actorType, run.actorId, run),
    workflowId: run.workflowId,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

export function presentStep(step: BuildRunStepRow) {
  return {
    buildName: step.buildName,
    stepIndex: step.stepIndex,
    stepName: step.stepName,
    kind: step.kind,
    status: step.status,
    attempts: step.attempts,
    completions: step.completions,
    message: step.message,
    startedAt: step.startedAt,
    finishedAt: step.finishedAt,
  };
}
