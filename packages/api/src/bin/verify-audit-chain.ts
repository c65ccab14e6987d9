/**
 * `npm run audit:verify -w @kiln/api [-- --org <slug>]`: recomputes the audit chain of every organization
 * (or one) in the database at DATABASE_URL and reports each edited or deleted event. Exit status 1 when a
 * chain is broken, 2 when the command cannot run.
 */
import { parseArgs } from 'node:util';
import { createDb } from '@kiln/db';
import { verifyOrganizationAuditChain } from '../services/audit/verify-audit-chain.ts';
import { findOrganizationBySlug, listOrganizations } from '../repositories/tenancy-repository.ts';
import { readCommandEnv } from './command-env.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { org: { type: 'string' } } });
  const env = readCommandEnv();
  const handle = createDb(env.databaseUrl, { max: 2 });
  try {
    const organizations = values.org
      ? [await findOrganizationBySlug(handle.db, values.org)].filter((o) => o !== undefined)
      : await listOrganizations(handle.db);
    if (values.org && organizations.length === 0) {
      console.error(`audit:verify: organization "${values.org}" was not found`);
      return 2;
    }
    let broken = 0;
    for (const organization of organizations) {
      const result = await verifyOrganizationAuditChain(handle.db, organization.id);
      const unchained = result.unchained > 0 ? `, ${result.unchained} older events outside the chain` : '';
      console.log(
        `${organization.slug}: ${result.ok ? 'intact' : 'BROKEN'} (${result.checked} events checked${unchained})`,
      );
      for (const problem of result.problems) console.log(`  ${problem.kind}: ${problem.message}`);
      if (!result.ok) broken += 1;
    }
    return broken > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:verify: ${(error as Error).message}`);
    process.exit(2);
  },
);
