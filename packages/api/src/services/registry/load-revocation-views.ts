import { findActorNamesByIds } from '../../repositories/actor-names.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { listVersionsWithBucket, type VersionRow } from '../../repositories/registry-repository.ts';
import type { ProjectScope } from '../../repositories/templates-repository.ts';
import { presentCreatorName } from '../actors/present-actor-name.ts';

/** A version's revocation named for people: who revoked it, and the ancestor an inherited one came from. */
export interface RevocationView {
  revokedByName: string;
  inheritedFrom: { id: string; name: string; bucketName: string } | null;
}

const NO_NAMES = { actorUserName: null, actorUserEmail: null, actorPrincipalName: null };

/** The revocation views of the versions that have a revocation, by version id. */
export async function loadRevocationViews(
  db: Queryable,
  scope: ProjectScope,
  versions: VersionRow[],
): Promise<Map<string, RevocationView>> {
  const revoked = versions.filter((v) => v.revokeAt !== null);
  const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
  const [names, ancestors] = await Promise.all([
    findActorNamesByIds(db, scope.organizationId, unique(revoked.map((v) => v.revokedBy))),
    listVersionsWithBucket(db, scope, unique(revoked.map((v) => v.revocationInheritedFromId))),
  ]);
  const ancestorById = new Map(ancestors.map((a) => [a.id, a]));
  const views = new Map<string, RevocationView>();
  for (const v of revoked) {
    const ancestor = v.revocationInheritedFromId ? ancestorById.get(v.revocationInheritedFromId) : undefined;
    views.set(v.id, {
      revokedByName: v.revokedBy ? presentCreatorName(v.revokedBy, names.get(v.revokedBy) ?? NO_NAMES) : '',
      inheritedFrom: ancestor
        ? { id: ancestor.id, name: ancestor.name, bucketName: ancestor.bucketName }
        : null,
    });
  }
  return views;
}
