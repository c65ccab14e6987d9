import { createSealer, sealingKeyFrom } from '@kiln/api';
import { createDb } from '@kiln/db';
import { createLocalExecutor, createPluginRegistry } from '@kiln/plugins';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { readWorkerEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { temporalLoggerFor } from './temporal-logger.ts';
import { ensureResourceSweeper } from './sweeper.ts';
import { createKilnWorker } from './worker.ts';

const env = readWorkerEnv();
const logger = createLogger(env.logLevel);
Runtime.install({ logger: temporalLoggerFor(logger) });
const database = createDb(env.databaseUrl);
const local = await createLocalExecutor(env.sandbox, { workRoot: env.workRoot });
logger[local.state === 'sandboxed' ? 'info' : 'warn'](
  { sandbox: env.sandbox, state: local.state, isolation: local.executor.isolation },
  `local steps (shell-local): ${local.executor.isolation}`,
);
const connection = await NativeConnection.connect({ address: env.temporalAddress });
const worker = await createKilnWorker({
  connection,
  namespace: env.temporalNamespace,
  db: database.db,
  plugins: createPluginRegistry(),
  workRoot: env.workRoot,
  logger,
  local: local.executor,
  sealer: createSealer(sealingKeyFrom(env.sealingKey)),
});

// The sweeper reaps what ended runs left in the resource ledger; every worker makes sure it runs.
const clientConnection = await Connection.connect({ address: env.temporalAddress });
try {
  await ensureResourceSweeper(
    new Client({ connection: clientConnection, namespace: env.temporalNamespace }),
    logger,
  );
} finally {
  await clientConnection.close();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down: finishing running tasks');
    worker.shutdown();
  });
}

logger.info(
  {
    address: env.temporalAddress,
    namespace: env.temporalNamespace,
    taskQueue: worker.options.taskQueue,
    pid: process.pid,
  },
  'worker running',
);
try {
  await worker.run();
} finally {
  await connection.close();
  await database.close();
  logger.info('worker stopped');
}
