import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from './env.ts';

describe('readWorkerEnv', () => {
  it('reads the required settings and applies the defaults', () => {
    expect(
      readWorkerEnv({
        DATABASE_URL: 'postgres://db/kiln',
        TEMPORAL_ADDRESS: '127.0.0.1:7233',
        KILN_SEALING_KEY_FILE: '/run/kiln/sealing.key',
      }),
    ).toEqual({
      databaseUrl: 'postgres://db/kiln',
      temporalAddress: '127.0.0.1:7233',
      temporalNamespace: 'default',
      workRoot: '.data/builds',
      logLevel: 'info',
      sealingKey: { keyFile: '/run/kiln/sealing.key' },
      sandbox: 'bubblewrap',
    });
  });

  it('takes single-tenant mode only when the operator names it', () => {
    const base = {
      DATABASE_URL: 'postgres://db/kiln',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      KILN_SEALING_KEY_FILE: '/run/kiln/sealing.key',
    };
    expect(readWorkerEnv({ ...base, KILN_SANDBOX: 'single-tenant' }).sandbox).toBe('single-tenant');
    expect(() => readWorkerEnv({ ...base, KILN_SANDBOX: 'none' })).toThrow(
      'KILN_SANDBOX must be one of bubblewrap, single-tenant; got "none"',
    );
  });

  it('reports every problem at once', () => {
    expect(() => readWorkerEnv({ LOG_LEVEL: 'loud' })).toThrow(
      '@kiln/worker: invalid environment: DATABASE_URL is not set; TEMPORAL_ADDRESS is not set; LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"; KILN_SEALING_KEY or KILN_SEALING_KEY_FILE is not set',
    );
  });
});
