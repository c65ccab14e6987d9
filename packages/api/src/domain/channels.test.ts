import { describe, expect, it } from 'vitest';
import { kilnErrorCodeOf } from '../test-support/kiln-error-code.ts';
import { assertUserMayAssign, assertUserMayCreateChannel, type AssignableVersion } from './channels.ts';

const now = new Date('2026-01-01T12:00:00Z');
const active: AssignableVersion = {
  id: '01JVERSION',
  name: 'v3',
  status: 'active',
  revokeAt: null,
  revocationMessage: null,
};

const codeOf = kilnErrorCodeOf;

describe('channel assignment', () => {
  it('lets a user assign a complete version to a user channel', () => {
    expect(
      codeOf(() => assertUserMayAssign({ name: 'production', managed: false }, active, now)),
    ).toBeUndefined();
  });

  it('refuses the managed latest channel', () => {
    expect(() => assertUserMayAssign({ name: 'latest', managed: true }, active, now)).toThrow(
      /managed by Kiln.*cannot be assigned/,
    );
  });

  it('refuses a revoked version, naming the reason', () => {
    const revoked = {
      ...active,
      revokeAt: new Date('2025-12-01T00:00:00Z'),
      revocationMessage: 'CVE-2026-1',
    };
    expect(() => assertUserMayAssign({ name: 'production', managed: false }, revoked, now)).toThrow(
      /v3 .* is revoked .*: CVE-2026-1/,
    );
  });

  it('allows a version whose revocation is only scheduled', () => {
    const scheduled = { ...active, revokeAt: new Date('2026-06-01T00:00:00Z') };
    expect(
      codeOf(() => assertUserMayAssign({ name: 'production', managed: false }, scheduled, now)),
    ).toBeUndefined();
  });

  it('refuses an incomplete version', () => {
    const running = { ...active, name: 'v0', status: 'running' as const };
    expect(codeOf(() => assertUserMayAssign({ name: 'production', managed: false }, running, now))).toBe(
      'PRECONDITION_FAILED',
    );
  });
});

describe('channel creation', () => {
  it('reserves latest', () => {
    expect(codeOf(() => assertUserMayCreateChannel('latest'))).toBe('CONFLICT');
  });

  it('refuses malformed names', () => {
    expect(codeOf(() => assertUserMayCreateChannel('Prod'))).toBe('INVALID');
    expect(codeOf(() => assertUserMayCreateChannel('-prod'))).toBe('INVALID');
    expect(codeOf(() => assertUserMayCreateChannel(''))).toBe('INVALID');
    expect(codeOf(() => assertUserMayCreateChannel('production'))).toBeUndefined();
  });
});
