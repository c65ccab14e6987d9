import { type Actor, SYSTEM_ACTOR } from '../../actor.ts';
import { type ParentVersion, parentVersionOf } from '../../domain/ancestry.ts';
import { LATEST_CHANNEL } from '../../domain/channels.ts';
import { isVersionComplete, nextVersionSequence, versionName } from '../../domain/versions.ts';
import { KilnError } from '../../errors.ts';
import { insertAuditEvent } from '../../repositories/audit-repository.ts';
import { findBuildRunById } from '../../repositories/build-runs-repository.ts';
import { findDatasourceOutputs } from '../../repositories/datasource-outputs-repository.ts';
import { inTransaction, type Queryable } from '../../repositories/queryable.ts';
import {
  findBucketByName,
  findBuild,
  findChannelByName,
  findVersionByFingerprint,
  findVersionInProject,
  highestVersionSequence,
  insertArtifactsIfMissing,
  insertChannelAssignment,
  listBuilds,
  setChannelVersion,
  updateBuild,
  updateVersion,
} from '../../repositories/registry-repository.ts';
import type { ProjectScope } from '../../repositories/templates-repository.ts';

export interface RegistryArtifactInput {
  builderId: string;
  id: string;
  platform: string;
  images: { region: string; externalId: string }[];
  files: unknown;
  labels: Record<string, string>;
  /** The image the artifact was built from; links the build to its parent version. */
  sourceImageId?: string;
}

export interface CompleteRegistryBuildInput {
  buildRunId: string;
  bucketName: string;
  componentType: string;
  status: 'done' | 'failed';
  artifact?: RegistryArtifactInput;
}

/**
 * Records the outcome of one build. When it was the version's last build to finish, the version is completed
 * in the same transaction: named `v<next>`, made active, assigned to `latest`, with history and audit.
 * Idempotent: repeating a call changes nothing.
 */
export async function completeRegistryBuild(db: Queryable, input: CompleteRegistryBuildInput): Promise<void> {
  await inTransaction(db, async (tx) => {
    const run = await findBuildRunById(tx, input.buildRunId);
    if (!run) throw KilnError.notFound(`build run ${input.buildRunId}`);
    const scope = { organizationId: run.organizationId, projectId: run.projectId };
    // Lock order: bucket, then version. Completions in one bucket serialise on the bucket row.
    const bucket = await findBucketByName(tx, scope, input.bucketName, { lock: true });
    if (!bucket) throw KilnError.notFound(`bucket "${input.bucketName}" of build run ${run.id}`);
    const version = await findVersionByFingerprint(tx, bucket.id, run.fingerprint, { lock: true });
    if (!version) throw KilnError.notFound(`version ${run.fingerprint} in bucket "${bucket.name}"`);
    const build = await findBuild(tx, version.id, input.componentType);
    if (!build) {
      throw KilnError.notFound(
        `build "${input.componentType}" of version ${run.fingerprint} in bucket "${bucket.name}"`,
      );
    }
    if (build.status === input.status) return;
    if (build.status === 'done') {
      throw new KilnError(
        'PRECONDITION_FAILED',
        `build "${build.componentType}" of version ${version.fingerprint} is already done and cannot become ${input.status}`,
      );
    }

    const artifact = input.artifact;
    const parent = artifact?.sourceImageId
      ? await parentInProject(tx, scope, run.id, artifact.sourceImageId)
      : undefined;
    await updateBuild(tx, build.id, {
      status: input.status,
      ...(artifact
        ? {
            platform: artifact.platform || build.platform,
            labels: { ...build.labels, ...artifact.labels },
            metadata: {
              ...build.metadata,
              builderId: artifact.builderId,
              artifactId: artifact.id,
              files: artifact.files,
            },
            sourceExternalIdentifier: artifact.sourceImageId ?? null,
            parentVersionId: parent?.versionId ?? null,
            parentChannelId: parent?.channelId ?? null,
          }
        : {}),
    });
    if (artifact) {
      await insertArtifactsIfMissing(
        tx,
        artifact.images.map((image) => ({
          ...scope,
          buildId: build.id,
          externalIdentifier: image.externalId,
          region: image.region,
        })),
      );
    }
    const audit = { ...scope, actor: SYSTEM_ACTOR as Actor };
    await insertAuditEvent(tx, {
      ...audit,
      action: input.status === 'done' ? 'registry.build.done' : 'registry.build.failed',
      targetType: 'build',
      targetId: build.id,
      data: {
        bucket: bucket.name,
        fingerprint: version.fingerprint,
        componentType: build.componentType,
        ...(parent ? { parentVersionId: parent.versionId, parentChannelId: parent.channelId } : {}),
      },
    });

    if (input.status === 'failed') {
      if (version.status === 'running') await updateVersion(tx, version.id, { status: 'failed' });
      return;
    }
    const builds = await listBuilds(tx, [version.id]);
    if (version.sequence !== null || !isVersionComplete(builds)) return;

    const sequence = nextVersionSequence(await highestVersionSequence(tx, bucket.id));
    const name = versionName(sequence);
    await updateVersion(tx, version.id, { sequence, name, status: 'active' });
    await insertAuditEvent(tx, {
      ...audit,
      action: 'registry.version.completed',
      targetType: 'version',
      targetId: version.id,
      data: { bucket: bucket.name, fingerprint: version.fingerprint, name },
    });
    const latest = await findChannelByName(tx, bucket, LATEST_CHANNEL, { lock: true });
    if (!latest)
      throw new KilnError('INTERNAL', `bucket "${bucket.name}" (${bucket.id}) has no "latest" channel`);
    await setChannelVersion(tx, latest.id, version.id);
    await insertChannelAssignment(tx, {
      ...scope,
      channelId: latest.id,
      versionId: version.id,
      actorType: 'system',
      actorId: null,
    });
    await insertAuditEvent(tx, {
      ...audit,
      action: 'registry.channel.assigned',
      targetType: 'channel',
      targetId: latest.id,
      data: { bucket: bucket.name, channel: latest.name, versionId: version.id, versionName: name },
    });
  });
}

/**
 * The parent version of a build made from `sourceImageId`, from the data sources its run read
 * (kept until the run finishes); only a version of the run's own project qualifies.
 */
async function parentInProject(
  db: Queryable,
  scope: ProjectScope,
  buildRunId: string,
  sourceImageId: string,
): Promise<ParentVersion | undefined> {
  const outputs = await findDatasourceOutputs(db, buildRunId);
  const parent = outputs ? parentVersionOf(outputs, sourceImageId) : undefined;
  if (!parent || !(await findVersionInProject(db, scope, parent.versionId))) return undefined;
  return parent;
}
