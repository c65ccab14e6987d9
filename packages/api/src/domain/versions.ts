export const INCOMPLETE_VERSION_NAME = 'v0';

/** `v<sequence>`; sequences count from 1 per bucket. */
export function versionName(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new RangeError(`version sequence must be a positive integer, got ${sequence}`);
  }
  return `v${sequence}`;
}

export function nextVersionSequence(highestSequence: number | null): number {
  return (highestSequence ?? 0) + 1;
}

/** A version is complete when it has builds and every one of them is done. */
export function isVersionComplete(builds: readonly { status: string }[]): boolean {
  return builds.length > 0 && builds.every((b) => b.status === 'done');
}

export type RevocationState = 'none' | 'scheduled' | 'revoked';

/** Revocation is an effect time, not a flag: it is derived at read time. */
export function revocationState(revokeAt: Date | null, now: Date): RevocationState {
  if (!revokeAt) return 'none';
  return revokeAt.getTime() <= now.getTime() ? 'revoked' : 'scheduled';
}

export type VersionDisplayStatus = 'running' | 'active' | 'failed' | 'revocation-scheduled' | 'revoked';

export function versionDisplayStatus(
  version: { status: 'running' | 'active' | 'failed'; revokeAt: Date | null },
  now: Date,
): VersionDisplayStatus {
  const revocation = revocationState(version.revokeAt, now);
  if (revocation === 'revoked') return 'revoked';
  if (revocation === 'scheduled') return 'revocation-scheduled';
  return version.status;
}
