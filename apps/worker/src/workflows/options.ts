import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { BuildActivities } from '../activities/build-activities.ts';
import { PERMANENT_FAILURE_CLASSES } from '../activities/types.ts';

const NON_RETRYABLE = [...PERMANENT_FAILURE_CLASSES];

/** Planning: loads and plans the run, reads its data sources. */
export const planning = proxyActivities<BuildActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Steps heartbeat, so a dead worker is noticed within the heartbeat timeout and the step is retried. */
export const steps = proxyActivities<BuildActivities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '10 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Short writes to the database: the run's status, the registry, step events. */
export const bookkeeping = proxyActivities<BuildActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE },
});
