import { describe, expect, it } from 'vitest';
import { kilnErrorCodeOf as codeOf } from '../test-support/kiln-error-code.ts';
import {
  assertKeepsAnOwner,
  assertMayGrant,
  assertMayManageMember,
  assertMayRevokePrincipal,
  assertValidDisplayName,
  assertValidSlug,
} from './tenancy.ts';

describe('tenancy rules', () => {
  it('checks slugs and names', () => {
    expect(codeOf(() => assertValidSlug('project', 'web-images'))).toBeUndefined();
    for (const bad of ['', 'Web', '-web', 'web-', 'a'.repeat(49), 'we b']) {
      expect(codeOf(() => assertValidSlug('project', bad))).toBe('INVALID');
    }
    expect(assertValidDisplayName('organization', '  Acme ')).toBe('Acme');
    expect(codeOf(() => assertValidDisplayName('organization', ' '))).toBe('INVALID');
  });
  it('lets members grant and manage roles up to their own', () => {
    expect(codeOf(() => assertMayGrant('admin', 'admin'))).toBeUndefined();
    expect(() => assertMayGrant('admin', 'owner')).toThrow('a admin cannot grant the owner role');
    expect(codeOf(() => assertMayManageMember('owner', 'owner'))).toBeUndefined();
    expect(codeOf(() => assertMayManageMember('admin', 'owner'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertMayManageMember('admin', 'contributor'))).toBeUndefined();
  });
  it('keeps one owner', () => {
    expect(codeOf(() => assertKeepsAnOwner(1, 'owner', 'admin'))).toBe('PRECONDITION_FAILED');
    expect(codeOf(() => assertKeepsAnOwner(1, 'owner', null))).toBe('PRECONDITION_FAILED');
    expect(codeOf(() => assertKeepsAnOwner(2, 'owner', null))).toBeUndefined();
    expect(codeOf(() => assertKeepsAnOwner(1, 'admin', null))).toBeUndefined();
  });
  it('refuses an admin revoking an owner-role principal', () => {
    expect(codeOf(() => assertMayRevokePrincipal('admin', 'owner'))).toBe('FORBIDDEN');
    expect(codeOf(() => assertMayRevokePrincipal('owner', 'owner'))).toBeUndefined();
    expect(codeOf(() => assertMayRevokePrincipal('admin', 'admin'))).toBeUndefined();
  });
});
