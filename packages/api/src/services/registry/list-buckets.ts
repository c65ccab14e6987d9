import type { Actor } from '../../actor.ts';
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
  return Promise.all(
    rows.map(async (b) => {
      const latest = (await listChannels(db, b)).find((c) => c.name === 'latest');
      return {
        id: b.id,
        name: b.name,
        description: b.description,
        labels: b.labels,
        versionCount: await countVersions(db, b.id),
        latestVersionId: latest?.versionId ?? null,
        createdAt: b.createdAt,
        updatedAt: b.updatedAt,
      };
    }),
  );
}
