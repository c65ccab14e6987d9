import { KilnError } from '@kiln/api';
import { PluginFailure } from '@kiln/plugins';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { badConfigFailure, classifyStepError, toActivityFailure, toApplicationFailure } from './failures.ts';

const running = new AbortController().signal;

describe('classifyStepError', () => {
  it('keeps the class a plugin declared', () => {
    expect(classifyStepError(new PluginFailure('cloud-transient', 'throttled'), running)).toEqual({
      class: 'cloud-transient',
      message: 'throttled',
    });
  });

  it('calls anything thrown after cancel cancelled', () => {
    const controller = new AbortController();
    controller.abort();
    expect(classifyStepError(new Error('killed'), controller.signal)).toEqual({
      class: 'cancelled',
      message: 'killed',
    });
  });

  it('calls an unknown error internal', () => {
    expect(classifyStepError('boom', running)).toEqual({ class: 'internal', message: 'boom' });
  });
});

describe('toApplicationFailure', () => {
  it('makes permanent classes non-retryable and keeps the class as the type', () => {
    const permanent = toApplicationFailure({ class: 'provisioner-failed', message: 'exit 1' });
    expect(permanent).toBeInstanceOf(ApplicationFailure);
    expect(permanent).toMatchObject({ type: 'provisioner-failed', message: 'exit 1', nonRetryable: true });
    expect(toApplicationFailure({ class: 'cloud-transient', message: 'throttled' })).toMatchObject({
      nonRetryable: false,
    });
  });
});

describe('badConfigFailure', () => {
  it('lists every error diagnostic with its place in the file', () => {
    const failure = badConfigFailure(
      'template "t" (t.pkr.hcl) is not valid',
      [
        {
          severity: 'error',
          summary: 'Missing target',
          subject: {
            filename: 't.pkr.hcl',
            start: { line: 2, column: 1, byte: 20 },
            end: { line: 2, column: 5, byte: 24 },
          },
        },
        { severity: 'warning', summary: 'Just a warning' },
        { severity: 'error', summary: 'Unknown builder' },
      ],
      { 't.pkr.hcl': 'source "file" "x" {\n  targt = "a"\n}\n' },
    );
    expect(failure).toMatchObject({ type: 'bad-config', nonRetryable: true });
    expect(failure.message).toContain('Error: Missing target');
    expect(failure.message).toContain('on t.pkr.hcl line 2:');
    expect(failure.message).toContain('targt = "a"');
    expect(failure.message).toContain('Error: Unknown builder');
    expect(failure.message).not.toContain('Just a warning');
  });
});

describe('toActivityFailure', () => {
  it('maps domain error codes once: permanent ones do not retry', () => {
    expect(toActivityFailure(KilnError.notFound('build run 01X'))).toMatchObject({
      type: 'KilnError.NOT_FOUND',
      message: 'build run 01X was not found',
      nonRetryable: true,
    });
    expect(toActivityFailure(new KilnError('INTERNAL', 'database restarting'))).toMatchObject({
      nonRetryable: false,
    });
  });

  it('leaves other errors as they are', () => {
    const error = new Error('socket hang up');
    expect(toActivityFailure(error)).toBe(error);
  });
});
