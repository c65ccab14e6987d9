import type { Sealer } from '@kiln/api';
import type { KilnDb } from '@kiln/db';
import type { LocalExecutor, PluginRegistry } from '@kiln/engine';
import { TASK_QUEUES } from '@kiln/api/temporal';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createBuildActivities, createSweeperActivities } from './activities/index.ts';
import { WORKFLOWS_PATH } from './workflows-path.ts';

export interface KilnWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  db: KilnDb;
  plugins: PluginRegistry;
  workRoot: string;
  logger: Logger;
  /** Where local steps (`shell-local`) run: the sandbox, or single-tenant mode's plain processes. */
  local: LocalExecutor;
  /** Opens the run's sealed secrets. */
  sealer: Sealer;
  /** Defaults to `TASK_QUEUES.builds`. */
  taskQueue?: string;
  /** A prebuilt bundle (tests share one); otherwise the workflows are bundled from source. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** A Temporal worker running `imageBuildWorkflow`, `buildWorkflow`, the resource sweeper and their activities. */
export function createKilnWorker(options: KilnWorkerOptions): Promise<Worker> {
  const { connection, namespace, db, plugins, workRoot, logger } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUES.builds,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH }),
    activities: {
      ...createBuildActivities({
        db,
        plugins,
        workRoot,
        logger,
        local: options.local,
        sealer: options.sealer,
      }),
      ...createSweeperActivities({ db, logger }),
    },
    // Heartbeats reach the server at least every second, so cancellation reaches a step promptly.
    maxHeartbeatThrottleInterval: '1 second',
  });
}
