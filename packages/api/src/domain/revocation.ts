import { KilnError } from '../errors.ts';
import { INCOMPLETE_VERSION_NAME, revocationState } from './versions.ts';

/** The longest reason a revocation keeps; HCP allows free text, Kiln bounds it. */
export const MAX_REVOCATION_REASON = 500;

export interface RevocableVersion {
  id: string;
  name: string;
  status: 'running' | 'active' | 'failed';
  revokeAt: Date | null;
  revocationInheritedFromId: string | null;
}

/**
 * When a revocation requested for `requestedAt` takes effect: a time not after `now` means now. The
 * reason is required, as HCP asks for one.
 */
export function revocationEffectTime(requestedAt: Date | undefined, now: Date): Date {
  if (!requestedAt || requestedAt.getTime() <= now.getTime()) return now;
  return requestedAt;
}

export function assertValidRevocationReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw new KilnError('INVALID', 'a revocation needs a reason');
  if (trimmed.length > MAX_REVOCATION_REASON) {
    throw new KilnError(
      'INVALID',
      `the revocation reason has ${trimmed.length} characters; at most ${MAX_REVOCATION_REASON} are kept`,
    );
  }
  return trimmed;
}

/** Only complete versions are revoked; a version already revoked is restored before it is revoked again. */
export function assertMayRevoke(version: RevocableVersion, now: Date): void {
  if (version.status !== 'active' || version.name === INCOMPLETE_VERSION_NAME) {
    throw new KilnError(
      'PRECONDITION_FAILED',
      `version ${version.id} is not complete (status ${version.status}); only complete versions can be revoked`,
    );
  }
  if (revocationState(version.revokeAt, now) === 'revoked') {
    const how = version.revocationInheritedFromId
      ? ` (inherited from version ${version.revocationInheritedFromId})`
      : '';
    throw new KilnError(
      'PRECONDITION_FAILED',
      `version ${version.name} (${version.id}) is already revoked${how}; restore it before revoking it again`,
    );
  }
}

export function assertMayRestore(version: RevocableVersion): void {
  if (!version.revokeAt) {
    throw new KilnError(
      'PRECONDITION_FAILED',
      `version ${version.name} (${version.id}) is not revoked and has no revocation scheduled`,
    );
  }
}

/**
 * Whether a descendant takes the revocation of its ancestor: one that has no revocation of its own does, and
 * so does one whose revocation came from the same ancestor (rescheduling). Its own revocation stays.
 */
export function inheritsRevocation(
  descendant: { revokeAt: Date | null; revocationInheritedFromId: string | null },
  ancestorId: string,
): boolean {
  return descendant.revokeAt === null || descendant.revocationInheritedFromId === ancestorId;
}

/** The message an inherited revocation carries: it names the revoked ancestor. */
export function inheritedRevocationMessage(
  ancestor: { name: string; bucketName: string },
  reason: string,
): string {
  return `inherited from ${ancestor.bucketName} ${ancestor.name}: ${reason}`;
}

export interface RollbackCandidate {
  id: string;
  name: string;
  status: 'running' | 'active' | 'failed';
  revokeAt: Date | null;
}

/**
 * The version a channel rolls back to when its version is revoked at `effectAt`: the first candidate (in
 * the order given: newest assignment first, or newest version first for `latest`) that is complete, not the
 * current one, not among the versions this revocation reaches, and not revoked at that time. None: the
 * channel is left without a version.
 */
export function rollbackTarget<T extends RollbackCandidate>(
  candidates: readonly T[],
  excluded: ReadonlySet<string>,
  effectAt: Date,
): T | undefined {
  return candidates.find(
    (v) =>
      !excluded.has(v.id) &&
      v.status === 'active' &&
      v.name !== INCOMPLETE_VERSION_NAME &&
      revocationState(v.revokeAt, effectAt) !== 'revoked',
  );
}
