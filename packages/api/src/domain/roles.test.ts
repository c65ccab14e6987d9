import { describe, expect, it } from 'vitest';
import { PERMISSIONS, roleAllows, roleAtMost } from './roles.ts';

describe('role permissions', () => {
  it('lets a viewer read but not change anything', () => {
    expect(roleAllows('viewer', 'registry.read')).toBe(true);
    expect(roleAllows('viewer', 'template.read')).toBe(true);
    expect(roleAllows('viewer', 'registry.write')).toBe(false);
    expect(roleAllows('viewer', 'build-run.start')).toBe(false);
    expect(roleAllows('viewer', 'registry.read-restricted')).toBe(false);
  });

  it('lets a contributor build and assign channels but not manage principals or read audit', () => {
    expect(roleAllows('contributor', 'build-run.start')).toBe(true);
    expect(roleAllows('contributor', 'registry.write')).toBe(true);
    expect(roleAllows('contributor', 'service-principal.manage')).toBe(false);
    expect(roleAllows('contributor', 'audit.read')).toBe(false);
  });

  it('lets an admin manage service principals and read the audit trail', () => {
    expect(roleAllows('admin', 'service-principal.manage')).toBe(true);
    expect(roleAllows('admin', 'audit.read')).toBe(true);
  });

  it('gives an owner every permission', () => {
    for (const permission of PERMISSIONS) expect(roleAllows('owner', permission)).toBe(true);
  });

  it('orders roles from owner down to viewer', () => {
    expect(roleAtMost('viewer', 'admin')).toBe(true);
    expect(roleAtMost('admin', 'admin')).toBe(true);
    expect(roleAtMost('owner', 'admin')).toBe(false);
  });
});
