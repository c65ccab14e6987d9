import { describe, expect, it } from 'vitest';
import { kilnErrorCodeOf } from '../test-support/kiln-error-code.ts';
import {
  assertMayRestore,
  assertMayRevoke,
  assertValidRevocationReason,
  inheritedRevocationMessage,
  inheritsRevocation,
  type RevocableVersion,
  revocationEffectTime,
  rollbackTarget,
} from './revocation.ts';

const now = new Date('2026-01-01T12:00:00Z');
const active: RevocableVersion = {
  id: '01JVERSION',
  name: 'v3',
  status: 'active',
  revokeAt: null,
  revocationInheritedFromId: null,
};

const codeOf = kilnErrorCodeOf;

describe('revocation effect time', () => {
  it('takes effect now when no time or a past time is asked for', () => {
    expect(revocationEffectTime(undefined, now)).toBe(now);
    expect(revocationEffectTime(new Date('2025-01-01T00:00:00Z'), now)).toBe(now);
  });
  it('keeps a future time', () => {
    const later = new Date('2026-02-01T00:00:00Z');
    expect(revocationEffectTime(later, now)).toBe(later);
  });
});

describe('revoking and restoring', () => {
  it('needs a reason, trimmed and bounded', () => {
    expect(assertValidRevocationReason('  CVE-2026-1 ')).toBe('CVE-2026-1');
    expect(codeOf(() => assertValidRevocationReason('   '))).toBe('INVALID');
    expect(() => assertValidRevocationReason('x'.repeat(501))).toThrow(/501 characters; at most 500/);
  });
  it('revokes a complete version, and one whose revocation is only scheduled', () => {
    expect(codeOf(() => assertMayRevoke(active, now))).toBeUndefined();
    const scheduled = { ...active, revokeAt: new Date('2026-03-01T00:00:00Z') };
    expect(codeOf(() => assertMayRevoke(scheduled, now))).toBeUndefined();
  });
  it('refuses an incomplete version and one already revoked, naming the ancestor of an inherited one', () => {
    expect(codeOf(() => assertMayRevoke({ ...active, name: 'v0', status: 'running' }, now))).toBe(
      'PRECONDITION_FAILED',
    );
    const inherited = { ...active, revokeAt: now, revocationInheritedFromId: '01JPARENT' };
    expect(() => assertMayRevoke(inherited, now)).toThrow(
      /v3 \(01JVERSION\) is already revoked \(inherited from version 01JPARENT\)/,
    );
  });
  it('restores only a version with a revocation', () => {
    expect(codeOf(() => assertMayRestore(active))).toBe('PRECONDITION_FAILED');
    expect(codeOf(() => assertMayRestore({ ...active, revokeAt: now }))).toBeUndefined();
  });
});

describe('inheritance', () => {
  it('passes to descendants without their own revocation, or with one from the same ancestor', () => {
    expect(inheritsRevocation({ revokeAt: null, revocationInheritedFromId: null }, 'A')).toBe(true);
    expect(inheritsRevocation({ revokeAt: now, revocationInheritedFromId: 'A' }, 'A')).toBe(true);
    expect(inheritsRevocation({ revokeAt: now, revocationInheritedFromId: null }, 'A')).toBe(false);
    expect(inheritsRevocation({ revokeAt: now, revocationInheritedFromId: 'B' }, 'A')).toBe(false);
  });
  it('names the ancestor in the message', () => {
    expect(inheritedRevocationMessage({ name: 'v2', bucketName: 'base' }, 'CVE-2026-1')).toBe(
      'inherited from base v2: CVE-2026-1',
    );
  });
});

describe('channel rollback', () => {
  const v = (id: string, extra: Partial<RevocableVersion> = {}) => ({ ...active, id, name: id, ...extra });
  it('picks the newest candidate that is complete, unrevoked at the effect time and not reached', () => {
    const candidates = [
      v('v5'),
      v('v4', { revokeAt: new Date('2025-06-01T00:00:00Z') }),
      v('v3', { status: 'failed' }),
      v('v2', { revokeAt: new Date('2026-06-01T00:00:00Z') }),
      v('v1'),
    ];
    expect(rollbackTarget(candidates, new Set(['v5']), now)?.id).toBe('v2');
    // At a later effect time, v2's own scheduled revocation has taken effect too.
    expect(rollbackTarget(candidates, new Set(['v5']), new Date('2026-07-01T00:00:00Z'))?.id).toBe('v1');
  });
  it('leaves the channel without a version when nothing qualifies', () => {
    expect(rollbackTarget([v('v1')], new Set(['v1']), now)).toBeUndefined();
  });
});
