import { createHash } from 'node:crypto';
import { type Actor, actorId } from '../../actor.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findTemplateByName,
  insertNextRevision,
  insertTemplate,
} from '../../repositories/templates-repository.ts';
import { resolveProjectAccess } from '../access/resolve-access.ts';
import { assertTemplateValid } from './template-diagnostics.ts';

const TEMPLATE_NAME = /^[a-z0-9]([a-z0-9-_.]{0,62}[a-z0-9])?$/;

export interface CreateTemplateInput {
  org: string;
  project: string;
  name: string;
  filename?: string | undefined;
  content: string;
}

export async function createTemplate(db: Queryable, actor: Actor, input: CreateTemplateInput) {
  if (!TEMPLATE_NAME.test(input.name)) {
    throw new KilnError(
      'INVALID',
      `template name "${input.name}" is invalid: use lowercase letters, digits, ".", "-" and "_" (at most 64)`,
    );
  }
  const filename = input.filename ?? `${input.name}.pkr.hcl`;
  assertTemplateValid({ filename, content: input.content });
  const access = await resolveProjectAccess(db, actor, input.org, input.project, 'template.write');
  return inTransaction(db, async (tx) => {
    if (await findTemplateByName(tx, access.scope, input.name)) {
      throw new KilnError(
        'CONFLICT',
        `template "${input.name}" already exists in project "${input.project}"`,
      );
    }
    const createdBy = actorId(actor) ?? 'system';
    const template = await insertTemplate(tx, { ...access.scope, name: input.name, createdBy });
    const revision = await insertNextRevision(tx, {
      ...access.scope,
      templateId: template.id,
      filename,
      content: input.content,
      sha256: sha256(input.content),
      createdBy,
    });
    await insertAuditEvent(tx, {
      ...access.scope,
      actor,
      action: 'template.created',
      targetType: 'template',
      targetId: template.id,
      data: { name: template.name, revision: revision.number, sha256: revision.sha256 },
    });
    return { template, revision };
  });
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}
