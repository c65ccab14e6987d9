import type { Actor } from '../../actor.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  findLatestRevision,
  listTemplates as listTemplateRows,
} from '../../repositories/templates-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';

export async function listTemplates(db: Queryable, actor: Actor, input: { org: string; project: string }) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'template.read');
  const rows = await listTemplateRows(db, access.scope);
  return Promise.all(
    rows.map(async (t) => {
      const latest = await findLatestRevision(db, access.scope, t.id);
      return {
        id: t.id,
        name: t.name,
        createdAt: t.createdAt,
        latestRevision: latest
          ? { number: latest.number, filename: latest.filename, createdAt: latest.createdAt }
          : null,
      };
    }),
  );
}
