import type { TemplateFile } from '@kiln/engine';
import { findBuildRunSecret, upsertBuildRunSecret } from '../../repositories/build-secrets-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import type { Sealer } from '../../secrets/sealer.ts';
import { buildSecretAssociatedData } from './open-build-secrets.ts';

/** The `-var` values and var files a run was started with: sealed at rest, opened by the worker only. */
export interface RunVariables {
  variables: Record<string, string>;
  varFiles: TemplateFile[];
}

const RUN_SCOPE = '';
const NAME = 'variables';

export async function keepRunVariables(
  db: Queryable,
  sealer: Sealer,
  buildRunId: string,
  values: RunVariables,
): Promise<void> {
  const sealed = sealer.seal(JSON.stringify(values), buildSecretAssociatedData(buildRunId, RUN_SCOPE, NAME));
  await upsertBuildRunSecret(db, { buildRunId, buildName: RUN_SCOPE, name: NAME, sealed });
}

/** The run's variables; none when it was started without any. */
export async function openRunVariables(
  db: Queryable,
  sealer: Sealer,
  buildRunId: string,
): Promise<RunVariables> {
  const sealed = await findBuildRunSecret(db, { buildRunId, buildName: RUN_SCOPE, name: NAME });
  if (sealed === undefined) return { variables: {}, varFiles: [] };
  return JSON.parse(
    sealer.open(sealed, buildSecretAssociatedData(buildRunId, RUN_SCOPE, NAME)),
  ) as RunVariables;
}
