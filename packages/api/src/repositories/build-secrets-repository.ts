import { and, buildRunSecrets, eq } from '@kiln/db';
import type { Queryable } from './queryable.ts';

export async function upsertBuildRunSecret(
  db: Queryable,
  values: { buildRunId: string; buildName: string; name: string; sealed: string },
): Promise<void> {
  await db
    .insert(buildRunSecrets)
    .values(values)
    .onConflictDoUpdate({
      target: [buildRunSecrets.buildRunId, buildRunSecrets.buildName, buildRunSecrets.name],
      set: { sealed: values.sealed },
    });
}

export async function findBuildRunSecret(
  db: Queryable,
  key: { buildRunId: string; buildName: string; name: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ sealed: buildRunSecrets.sealed })
    .from(buildRunSecrets)
    .where(
      and(
        eq(buildRunSecrets.buildRunId, key.buildRunId),
        eq(buildRunSecrets.buildName, key.buildName),
        eq(buildRunSecrets.name, key.name),
      ),
    );
  return row?.sealed;
}

export async function deleteBuildRunSecrets(db: Queryable, buildRunId: string): Promise<void> {
  await db.delete(buildRunSecrets).where(eq(buildRunSecrets.buildRunId, buildRunId));
}
