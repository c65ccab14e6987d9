import { SANDBOX_MODES, type SandboxMode } from '@kiln/plugins';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface WorkerEnv {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  workRoot: string;
  logLevel: LogLevel;
  /** The key that seals run secrets at rest: KILN_SEALING_KEY, or the file KILN_SEALING_KEY_FILE names. */
  sealingKey: { key?: string; keyFile?: string };
  /** How local steps run: `bubblewrap` (default) or the operator's explicit `single-tenant` mode. */
  sandbox: SandboxMode;
}

/** The worker's configuration; the only place that reads `process.env`. Reports every problem at once. */
export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? '';
  };
  const databaseUrl = required('DATABASE_URL');
  const temporalAddress = required('TEMPORAL_ADDRESS');
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);
  const sealingKey = {
    ...(env.KILN_SEALING_KEY?.trim() ? { key: env.KILN_SEALING_KEY.trim() } : {}),
    ...(env.KILN_SEALING_KEY_FILE?.trim() ? { keyFile: env.KILN_SEALING_KEY_FILE.trim() } : {}),
  };
  if (!sealingKey.key && !sealingKey.keyFile)
    problems.push('KILN_SEALING_KEY or KILN_SEALING_KEY_FILE is not set');
  const sandbox = (env.KILN_SANDBOX?.trim() || 'bubblewrap') as SandboxMode;
  if (!SANDBOX_MODES.includes(sandbox))
    problems.push(`KILN_SANDBOX must be one of ${SANDBOX_MODES.join(', ')}; got "${sandbox}"`);
  if (problems.length > 0) throw new Error(`@kiln/worker: invalid environment: ${problems.join('; ')}`);
  return {
    databaseUrl,
    temporalAddress,
    temporalNamespace: env.TEMPORAL_NAMESPACE?.trim() || 'default',
    workRoot: env.KILN_WORK_ROOT?.trim() || '.data/builds',
    logLevel,
    sealingKey,
    sandbox,
  };
}
