import type { Actor } from '../../actor.ts';
import { AuditChainVerifier } from '../../domain/audit-chain.ts';
import {
  countUnchainedAuditEvents,
  findAuditChainHead,
  listChainedAuditEvents,
} from '../../repositories/audit-repository.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import { resolveOrganizationAccess } from '../access/resolve-access.ts';

const PAGE = 1000;

/**
 * Recomputes an organization's audit chain from its first event to its head and reports every event that was
 * edited or deleted since it was written. Reads only.
 */
export async function verifyOrganizationAuditChain(db: Queryable, organizationId: string) {
  const verifier = new AuditChainVerifier();
  let after = 0;
  for (;;) {
    const page = await listChainedAuditEvents(db, organizationId, after, PAGE);
    for (const event of page) verifier.add(event);
    if (page.length < PAGE) break;
    after = page.at(-1)!.sequence;
  }
  verifier.finish(await findAuditChainHead(db, organizationId));
  return {
    ok: verifier.problems.length === 0,
    checked: verifier.checked,
    unchained: await countUnchainedAuditEvents(db, organizationId),
    problems: verifier.problems,
  };
}

/** The organization's audit chain verification, for those who may read its audit trail. */
export async function verifyAuditChain(db: Queryable, actor: Actor, input: { org: string }) {
  const access = await resolveOrganizationAccess(db, actor, input.org, 'audit.read');
  return {
    organization: access.organization.slug,
    ...(await verifyOrganizationAuditChain(db, access.organization.id)),
  };
}
