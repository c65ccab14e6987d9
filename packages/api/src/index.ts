export * from './actor.ts';
export * from './errors.ts';
export * from './domain/buckets.ts';
export * from './domain/channels.ts';
export * from './domain/roles.ts';
export * from './domain/versions.ts';

// Worker-facing services.
export { appendBuildLogLines, type BuildLogLineInput } from './services/build-runs/append-build-log-lines.ts';
export { keepDatasourceOutputs } from './services/build-runs/keep-datasource-outputs.ts';
export { loadDatasourceOutputs } from './services/build-runs/load-datasource-outputs.ts';
export { finishBuildRun } from './services/build-runs/finish-build-run.ts';
export { releaseBuildRun } from './services/build-runs/release-build-run.ts';
export {
  type ResourceReaper,
  type SweepReport,
  sweepBuildResources,
} from './services/build-runs/sweep-build-resources.ts';
export {
  keepRunVariables,
  openRunVariables,
  type RunVariables,
} from './services/build-runs/run-variables.ts';
export { loadBuildRunForExecution } from './services/build-runs/load-build-run-for-execution.ts';
export { markBuildRunRunning, type PlannedBuild } from './services/build-runs/mark-build-run-running.ts';
export { type BuildStepEvent, recordBuildStepEvent } from './services/build-runs/record-build-step-event.ts';
export {
  type CompleteRegistryBuildInput,
  completeRegistryBuild,
  type RegistryArtifactInput,
} from './services/registry/complete-registry-build.ts';
export {
  type RegisterRegistryVersionInput,
  type RegistryComponentInput,
  registerRegistryVersion,
} from './services/registry/register-registry-version.ts';

export { openBuildLedger, toLedgerEntry } from './services/build-runs/open-build-ledger.ts';
export { buildSecretAssociatedData, openBuildSecrets } from './services/build-runs/open-build-secrets.ts';
export { createSealer, generateSealingKey, type Sealer, sealingKeyFrom } from './secrets/sealer.ts';

// UI and API services.
export { listAuditEvents } from './services/audit/list-audit-events.ts';
export { authenticateServicePrincipal } from './services/auth/authenticate-service-principal.ts';
export { type AuthenticatedUser, authenticateUser } from './services/auth/authenticate-user.ts';
export { auditSignIn, type SignInAuditEntry } from './services/auth/audit-sign-in.ts';
export { hashPassword } from './services/auth/password.ts';
export {
  SIGN_IN_LIMITS,
  type SignInLimits,
  type SignInWithPasswordInput,
  signInWithPassword,
} from './services/auth/sign-in-with-password.ts';
export {
  type IdentityLinkMethod,
  type ResolveOidcUserInput,
  ResolveOidcUserInputSchema,
  resolveOidcUser,
} from './services/auth/resolve-oidc-user.ts';
export { getBuildRun } from './services/build-runs/get-build-run.ts';
export { listBuildLogLines } from './services/build-runs/list-build-log-lines.ts';
export { listBuildRuns } from './services/build-runs/list-build-runs.ts';
export { type StartBuildRunInput, startBuildRun } from './services/build-runs/start-build-run.ts';
export { cancelBuildRun } from './services/build-runs/cancel-build-run.ts';
export { resumeBuild } from './services/build-runs/resume-build.ts';
export { listBuildRunResources, presentBuildResource } from './services/build-runs/list-build-resources.ts';
export {
  type BuildRunOptions,
  BuildRunOptionsSchema,
} from './routers/build-runs/start.types.ts';
export * from './services/demo/demo-template.ts';
export * from './services/demo/seed-demo.ts';
export { assignChannel } from './services/registry/assign-channel.ts';
export { createRegistryLookup } from './services/registry/create-registry-lookup.ts';
export { createChannel } from './services/registry/create-channel.ts';
export { getBucket } from './services/registry/get-bucket.ts';
export { getChannelWithVersion } from './services/registry/get-channel-with-version.ts';
export { listBuckets } from './services/registry/list-buckets.ts';
export { listChannelHistory } from './services/registry/list-channel-history.ts';
export { createServicePrincipal } from './services/service-principals/create-service-principal.ts';
export { listServicePrincipals } from './services/service-principals/list-service-principals.ts';
export { revokeServicePrincipal } from './services/service-principals/revoke-service-principal.ts';
export { createTemplate } from './services/templates/create-template.ts';
export { getTemplate } from './services/templates/get-template.ts';
export { listTemplates } from './services/templates/list-templates.ts';
export { saveTemplateRevision } from './services/templates/save-template-revision.ts';
export type { TemplateDiagnostic } from './services/templates/template-diagnostics.ts';
export { validateTemplate } from './services/templates/validate-template.ts';
export { getMe } from './services/tenancy/get-me.ts';
export { getProject } from './services/tenancy/get-project.ts';
export { listProjects } from './services/tenancy/list-projects.ts';

export {
  type BuildWorkflowStarter,
  buildRunWorkflowId,
  IMAGE_BUILD_WORKFLOW_TYPE,
  type ImageBuildWorkflowInput,
  TASK_QUEUES,
} from './temporal/workflow-contract.ts';
