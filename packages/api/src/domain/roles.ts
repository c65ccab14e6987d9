export const ROLES = ['owner', 'admin', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'project.read',
  'template.read',
  'template.write',
  'build-run.read',
  'build-run.start',
  'registry.read',
  'registry.read-restricted',
  'registry.write',
  'service-principal.read',
  'service-principal.manage',
  'audit.read',
  'member.read',
  'member.manage',
  'project.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const viewer: readonly Permission[] = [
  'project.read',
  'template.read',
  'build-run.read',
  'registry.read',
  'member.read',
];
const contributor: readonly Permission[] = [
  ...viewer,
  'template.write',
  'build-run.start',
  'registry.read-restricted',
  'registry.write',
];
const admin: readonly Permission[] = [
  ...contributor,
  'service-principal.read',
  'service-principal.manage',
  'audit.read',
  'member.manage',
  'project.manage',
];

const matrix: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(viewer),
  contributor: new Set(contributor),
  admin: new Set(admin),
  owner: new Set(PERMISSIONS),
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return matrix[role].has(permission);
}

/** A principal may only hand out roles up to its own. */
export function roleAtMost(role: Role, ceiling: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(ceiling);
}
