import 'server-only';
import { createTemporalBuildStarter } from '@kiln/api/temporal';
import { env } from '~/env.ts';

type BuildStarter = ReturnType<typeof createTemporalBuildStarter>;

const globalForStarter = globalThis as unknown as { kilnBuildStarter?: BuildStarter };

/** Starts build-run workflows on the configured Temporal namespace; one per process. */
export function buildStarter(): BuildStarter {
  const { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE } = env();
  globalForStarter.kilnBuildStarter ??= createTemporalBuildStarter({
    address: TEMPORAL_ADDRESS,
    namespace: TEMPORAL_NAMESPACE,
  });
  return globalForStarter.kilnBuildStarter;
}
