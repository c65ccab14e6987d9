import { describe, expect, it } from 'vitest';
import {
  isVersionComplete,
  nextVersionSequence,
  revocationState,
  versionDisplayStatus,
  versionName,
} from './versions.ts';

describe('version naming', () => {
  it('names versions v1, v2, ... from the bucket sequence', () => {
    expect(versionName(nextVersionSequence(null))).toBe('v1');
    expect(versionName(nextVersionSequence(1))).toBe('v2');
    expect(versionName(nextVersionSequence(41))).toBe('v42');
  });

  it('refuses sequence 0 and fractions', () => {
    expect(() => versionName(0)).toThrow(/positive integer, got 0/);
    expect(() => versionName(1.5)).toThrow(/positive integer/);
  });
});

describe('version completion', () => {
  it('is complete only when every build is done', () => {
    expect(isVersionComplete([{ status: 'done' }, { status: 'done' }])).toBe(true);
    expect(isVersionComplete([{ status: 'done' }, { status: 'running' }])).toBe(false);
    expect(isVersionComplete([{ status: 'done' }, { status: 'failed' }])).toBe(false);
  });

  it('is not complete without builds', () => {
    expect(isVersionComplete([])).toBe(false);
  });
});

describe('revocation', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it('derives the state from the effect time', () => {
    expect(revocationState(null, now)).toBe('none');
    expect(revocationState(new Date('2026-01-01T11:00:00Z'), now)).toBe('revoked');
    expect(revocationState(now, now)).toBe('revoked');
    expect(revocationState(new Date('2026-01-02T00:00:00Z'), now)).toBe('scheduled');
  });

  it('shows revocation over the stored status', () => {
    expect(versionDisplayStatus({ status: 'active', revokeAt: null }, now)).toBe('active');
    expect(versionDisplayStatus({ status: 'active', revokeAt: new Date('2025-12-31T00:00:00Z') }, now)).toBe(
      'revoked',
    );
    expect(versionDisplayStatus({ status: 'active', revokeAt: new Date('2026-02-01T00:00:00Z') }, now)).toBe(
      'revocation-scheduled',
    );
  });
});
