import type { BuildSecrets } from '@kiln/engine';
import { findBuildRunSecret, upsertBuildRunSecret } from '../../repositories/build-secrets-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import type { Sealer } from '../../secrets/sealer.ts';

/** Where a sealed value of a run belongs: bound into the seal, so a value moved to another row fails. */
export function buildSecretAssociatedData(buildRunId: string, buildName: string, name: string): string {
  return `build-run:${buildRunId}:build:${buildName}:secret:${name}`;
}

/**
 * The secrets of one build of a run (a temporary private key...), sealed in the database: every
 * worker process that runs a step of the build opens them; nothing else does, and they go with the run.
 */
export function openBuildSecrets(
  db: Queryable,
  sealer: Sealer,
  input: { buildRunId: string; buildName: string },
): BuildSecrets {
  const { buildRunId, buildName } = input;
  return {
    async put(name, value) {
      const sealed = sealer.seal(value, buildSecretAssociatedData(buildRunId, buildName, name));
      await upsertBuildRunSecret(db, { buildRunId, buildName, name, sealed });
    },
    async get(name) {
      const sealed = await findBuildRunSecret(db, { buildRunId, buildName, name });
      return sealed === undefined
        ? undefined
        : sealer.open(sealed, buildSecretAssociatedData(buildRunId, buildName, name));
    },
  };
}
