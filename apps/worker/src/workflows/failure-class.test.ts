import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  RetryState,
  TimeoutFailure,
  TimeoutType,
} from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { classifyActivityFailure } from './failure-class.ts';

function activityFailure(cause: Error): ActivityFailure {
  return new ActivityFailure(
    'failed',
    'runBuildStep',
    '1',
    RetryState.NON_RETRYABLE_FAILURE,
    'worker',
    cause,
  );
}

describe('classifyActivityFailure', () => {
  it('takes the class from the application failure type', () => {
    const cause = ApplicationFailure.create({ type: 'bad-config', message: 'no target', nonRetryable: true });
    expect(classifyActivityFailure(activityFailure(cause))).toEqual({
      class: 'bad-config',
      message: 'no target',
    });
  });

  it('calls an unknown failure type internal', () => {
    const cause = ApplicationFailure.create({ type: 'TypeError', message: 'x is undefined' });
    expect(classifyActivityFailure(activityFailure(cause))).toEqual({
      class: 'internal',
      message: 'x is undefined',
    });
  });

  it('recognises cancellation and timeouts', () => {
    expect(classifyActivityFailure(activityFailure(new CancelledFailure('cancelled'))).class).toBe(
      'cancelled',
    );
    const timeout = new TimeoutFailure('timed out', undefined, TimeoutType.HEARTBEAT);
    expect(classifyActivityFailure(activityFailure(timeout)).class).toBe('timed-out');
  });
});
