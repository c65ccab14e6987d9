import { KilnError } from '../../errors.ts';
import type { Queryable } from '../../repositories/queryable.ts';
import {
  findBucketByName,
  findVersionInProject,
  type VersionWithBucketRow,
} from '../../repositories/registry-repository.ts';
import type { ProjectScope } from '../../repositories/templates-repository.ts';

/** The version `versionId` of bucket `bucketName`, with the bucket's name; NOT_FOUND outside the scope. */
export async function findVersionForRevocation(
  db: Queryable,
  scope: ProjectScope,
  input: { project: string; bucket: string; versionId: string },
  options: { lock?: boolean } = {},
): Promise<VersionWithBucketRow> {
  const bucket = await findBucketByName(db, scope, input.bucket);
  if (!bucket) throw KilnError.notFound(`bucket "${input.bucket}" in project "${input.project}"`);
  const version = await findVersionInProject(db, scope, input.versionId, options);
  if (!version || version.bucketId !== bucket.id) {
    throw KilnError.notFound(`version ${input.versionId} in bucket "${bucket.name}"`);
  }
  return { ...version, bucketName: bucket.name };
}
