import type { Actor } from '../../actor.ts';
import { assertMayRestore } from '../../domain/revocation.ts';
import { revocationState } from '../../domain/versions.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  clearVersionRevocations,
  findBucketByName,
  listVersionsInheritingFrom,
} from '../../repositories/registry-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { findVersionForRevocation } from './find-version-for-revocation.ts';

export interface RestoreVersionInput {
  org: string;
  project: string;
  bucket: string;
  versionId: string;
}

/**
 * Lifts a version's revocation (in effect or scheduled) and the revocations its descendants inherited from
 * it. Channels that rolled back stay where they are: moving them again is an assignment.
 */
export async function restoreVersion(db: Queryable, actor: Actor, input: RestoreVersionInput) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.write');
  const now = new Date();
  return inTransaction(db, async (tx) => {
    await findBucketByName(tx, access.scope, input.bucket, { lock: true });
    const version = await findVersionForRevocation(tx, access.scope, input, { lock: true });
    assertMayRestore(version);
    const inheriting = await listVersionsInheritingFrom(tx, access.scope, version.id);
    const lifted = [version, ...inheriting];
    await clearVersionRevocations(
      tx,
      lifted.map((v) => v.id),
    );
    for (const v of lifted) {
      await insertAuditEvent(tx, {
        ...access.scope,
        actor,
        action: 'registry.version.restored',
        targetType: 'version',
        targetId: v.id,
        data: {
          versionName: v.name,
          wasRevoked: revocationState(v.revokeAt, now) === 'revoked',
          previousReason: v.revocationMessage,
          ...(v.id === version.id
            ? { bucket: version.bucketName, descendantsRestored: inheriting.map((d) => d.id) }
            : { restoredWith: version.id }),
        },
      });
    }
    return { versionId: version.id, restored: lifted.map((v) => ({ id: v.id, name: v.name })) };
  });
}
