import { SYSTEM_ACTOR } from '../../actor.ts';
import { LATEST_CHANNEL } from '../../domain/channels.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { findRunExecutionContext } from '../../repositories/build-runs-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  insertBucketIfMissing,
  insertBuildsIfMissing,
  insertChannelIfMissing,
  insertVersionIfMissing,
  updateBucket,
} from '../../repositories/registry-repository.ts';
import { templateTypeOf } from '../templates/template-diagnostics.ts';
import { BUCKET_NAME_RULE, isValidBucketName } from '../../domain/buckets.ts';

export interface RegistryComponentInput {
  componentType: string;
  platform?: string;
  buildLabels?: Record<string, string>;
}

export interface RegisterRegistryVersionInput {
  buildRunId: string;
  bucketName: string;
  description?: string;
  bucketLabels?: Record<string, string>;
  components: RegistryComponentInput[];
}

/**
 * Makes sure the run's bucket (with its managed `latest` channel), its version (by the run's fingerprint) and
 * one build per component exist. Idempotent: a second call with the same input changes nothing.
 */
export async function registerRegistryVersion(
  db: Queryable,
  input: RegisterRegistryVersionInput,
): Promise<{ bucketId: string; versionId: string }> {
  if (!isValidBucketName(input.bucketName)) {
    throw new KilnError('INVALID', `bucket name "${input.bucketName}" is invalid: ${BUCKET_NAME_RULE}`);
  }
  return inTransaction(db, async (tx) => {
    const context = await findRunExecutionContext(tx, input.buildRunId);
    if (!context) throw KilnError.notFound(`build run ${input.buildRunId}`);
    const { run } = context;
    const scope = { organizationId: run.organizationId, projectId: run.projectId };
    const audit = { ...scope, actor: SYSTEM_ACTOR };

    const { bucket, created: bucketCreated } = await insertBucketIfMissing(tx, {
      ...scope,
      name: input.bucketName,
      description: input.description ?? '',
      labels: input.bucketLabels ?? {},
    });
    if (bucketCreated) {
      await insertChannelIfMissing(tx, {
        ...scope,
        bucketId: bucket.id,
        name: LATEST_CHANNEL,
        managed: true,
        restricted: true,
      });
      await insertAuditEvent(tx, {
        ...audit,
        action: 'registry.bucket.created',
        targetType: 'bucket',
        targetId: bucket.id,
        data: { name: bucket.name, buildRunId: run.id },
      });
    } else {
      const description = input.description ?? bucket.description;
      const labels = input.bucketLabels ?? bucket.labels;
      if (description !== bucket.description || !sameLabels(labels, bucket.labels)) {
        await updateBucket(tx, bucket.id, { description, labels });
        await insertAuditEvent(tx, {
          ...audit,
          action: 'registry.bucket.updated',
          targetType: 'bucket',
          targetId: bucket.id,
          data: { description, labels, buildRunId: run.id },
        });
      }
    }

    const { version, created: versionCreated } = await insertVersionIfMissing(tx, {
      ...scope,
      bucketId: bucket.id,
      fingerprint: run.fingerprint,
      templateType: templateTypeOf(context.revision.filename),
      buildRunId: run.id,
      createdBy: run.actorId ?? 'system',
    });
    if (versionCreated) {
      await insertAuditEvent(tx, {
        ...audit,
        action: 'registry.version.created',
        targetType: 'version',
        targetId: version.id,
        data: { bucket: bucket.name, fingerprint: version.fingerprint, buildRunId: run.id },
      });
    }

    await insertBuildsIfMissing(
      tx,
      input.components.map((c) => ({
        ...scope,
        versionId: version.id,
        componentType: c.componentType,
        platform: c.platform ?? '',
        labels: c.buildLabels ?? {},
      })),
    );
    return { bucketId: bucket.id, versionId: version.id };
  });
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
