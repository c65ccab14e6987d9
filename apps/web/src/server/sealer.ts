import 'server-only';
import { createSealer, type Sealer, sealingKeyFrom } from '@kiln/api';
import { env } from '~/env.ts';

const globalForSealer = globalThis as unknown as { kilnSealer?: Sealer };

/** Seals run secrets (`-var` values) with the operator's key; one per process. */
export function sealer(): Sealer {
  const { KILN_SEALING_KEY, KILN_SEALING_KEY_FILE } = env();
  globalForSealer.kilnSealer ??= createSealer(
    sealingKeyFrom({
      ...(KILN_SEALING_KEY ? { key: KILN_SEALING_KEY } : {}),
      ...(KILN_SEALING_KEY_FILE ? { keyFile: KILN_SEALING_KEY_FILE } : {}),
    }),
  );
  return globalForSealer.kilnSealer;
}
