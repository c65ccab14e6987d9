import type { Queryable } from '../../repositories/queryable.ts';
import { type BuildRow, listChannelNames, listVersionNames } from '../../repositories/registry-repository.ts';
import type { ProjectScope } from '../../repositories/templates-repository.ts';

/** The version a build was made from, named for people: its bucket, its name, the channel it was read through. */
export interface BuildParentView {
  versionId: string;
  versionName: string;
  bucketName: string;
  channelId: string | null;
  channelName: string | null;
}

/** The parents of the builds that have one, by build id; a parent no longer there is left out. */
export async function loadBuildParents(
  db: Queryable,
  scope: ProjectScope,
  builds: BuildRow[],
): Promise<Map<string, BuildParentView>> {
  const withParent = builds.filter((b) => b.parentVersionId !== null);
  const unique = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
  const [versionRows, channelRows] = await Promise.all([
    listVersionNames(db, scope, unique(withParent.map((b) => b.parentVersionId))),
    listChannelNames(db, scope, unique(withParent.map((b) => b.parentChannelId))),
  ]);
  const versionsById = new Map(versionRows.map((v) => [v.id, v]));
  const channelNames = new Map(channelRows.map((c) => [c.id, c.name]));
  const parents = new Map<string, BuildParentView>();
  for (const build of withParent) {
    const version = versionsById.get(build.parentVersionId as string);
    if (!version) continue;
    parents.set(build.id, {
      versionId: version.id,
      versionName: version.name,
      bucketName: version.bucketName,
      channelId: build.parentChannelId,
      channelName: (build.parentChannelId && channelNames.get(build.parentChannelId)) || null,
    });
  }
  return parents;
}
