import { type Actor, actorId } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findLatestRevision,
  findTemplateByName,
  insertNextRevision,
} from '../../repositories/templates-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { sha256 } from './create-template.ts';
import { assertTemplateValid } from './template-diagnostics.ts';

export interface SaveTemplateRevisionInput {
  org: string;
  project: string;
  template: string;
  content: string;
}

/** Stores a new revision when the content changed; an unchanged save returns the latest revision. */
export async function saveTemplateRevision(db: Queryable, actor: Actor, input: SaveTemplateRevisionInput) {
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'template.write');
  return inTransaction(db, async (tx) => {
    const template = await findTemplateByName(tx, access.scope, input.template);
    if (!template) throw KilnError.notFound(`template "${input.template}" in project "${input.project}"`);
    const latest = await findLatestRevision(tx, access.scope, template.id);
    const filename = latest?.filename ?? `${template.name}.pkr.hcl`;
    assertTemplateValid({ filename, content: input.content });
    const digest = sha256(input.content);
    if (latest && latest.sha256 === digest) return { template, revision: latest, created: false };
    const revision = await insertNextRevision(tx, {
      ...access.scope,
      templateId: template.id,
      filename,
      content: input.content,
      sha256: digest,
      createdBy: actorId(actor) ?? 'system',
    });
    await insertAuditEvent(tx, {
      ...access.scope,
      actor,
      action: 'template.revision.saved',
      targetType: 'template',
      targetId: template.id,
      data: { name: template.name, revision: revision.number, sha256: digest },
    });
    return { template, revision, created: true };
  });
}
