import { KilnError } from '../errors.ts';
import { type Role, roleAtMost } from './roles.ts';

const SLUG = /^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$/;

/** Organization and project slugs appear in URLs: 1-48 lowercase letters, digits and dashes. */
export function assertValidSlug(kind: 'organization' | 'project', slug: string): void {
  if (!SLUG.test(slug)) {
    throw new KilnError(
      'INVALID',
      `${kind} slug "${slug}" is invalid: use 1-48 lowercase letters, digits and dashes, starting and ending with a letter or digit`,
    );
  }
}

export function assertValidDisplayName(kind: string, name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 120) {
    throw new KilnError('INVALID', `${kind} name must have 1-120 characters`);
  }
  return trimmed;
}

/** A member hands out roles up to their own: an admin cannot make an owner. */
export function assertMayGrant(actorRole: Role, role: Role): void {
  if (!roleAtMost(role, actorRole)) {
    throw new KilnError('FORBIDDEN', `a ${actorRole} cannot grant the ${role} role`);
  }
}

/** A member changes or removes only members whose role is not above their own: an admin cannot touch an owner. */
export function assertMayManageMember(actorRole: Role, memberRole: Role): void {
  if (!roleAtMost(memberRole, actorRole)) {
    throw new KilnError('FORBIDDEN', `a ${actorRole} cannot change or remove a member who is ${memberRole}`);
  }
}

/** An organization always keeps one owner. */
export function assertKeepsAnOwner(owners: number, memberRole: Role, newRole: Role | null): void {
  if (memberRole === 'owner' && newRole !== 'owner' && owners <= 1) {
    throw new KilnError(
      'PRECONDITION_FAILED',
      'the organization would be left without an owner: make another member owner first',
    );
  }
}

/** Principals follow the member rule: an admin cannot revoke a principal with the owner role. */
export function assertMayRevokePrincipal(actorRole: Role, principalRole: Role): void {
  if (!roleAtMost(principalRole, actorRole)) {
    throw new KilnError(
      'FORBIDDEN',
      `a ${actorRole} cannot revoke a service principal with the ${principalRole} role`,
    );
  }
}
