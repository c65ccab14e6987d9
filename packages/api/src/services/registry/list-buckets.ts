import type { Actor } from '../../actor.ts';
import { roleAllows } from '../../domain/roles.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  countVersions,
  listBuckets as listBucketRows,
  listChannels,
} from '../../repositories/registry-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

export async function listBuckets(db: Queryable, actor: Actor, input: { org: string; project: string }) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'registry.read');
  const rows = await listBucketRows(db, access.scope);
  // `latest` is restricted: its version is not shown to roles that may not resolve it.
  const seeRestricted = roleAllows(access.role, 'registry.read-restricted');
  return Promise.all(
    rows.map(async (b) => {
      const latest = (await listChannels(db, b)).find((c) => c.name === 'latest');
      return {
        id: b.id,
        name: b.name,
        description: b.description,
        labels: b.labels,
        versionCount: await countVersions(db, b.id),
        latestVersionId: latest && (seeRestricted || !latest.restricted) ? latest.versionId : null,
        createdAt: b.createdAt,
        updatedAt: b.updatedAt,
      };
    }),
  );
}
