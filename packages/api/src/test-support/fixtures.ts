import type { KilnDb } from '@kiln/db';
import type { Actor } from '../actor.ts';
import { hashPassword } from '../services/auth/password.ts';
import { keepDatasourceOutputs } from '../services/build-runs/keep-datasource-outputs.ts';
import { startBuildRun } from '../services/build-runs/start-build-run.ts';
import { seedDemo } from '../services/demo/seed-demo.ts';
import { completeRegistryBuild } from '../services/registry/complete-registry-build.ts';
import { registerRegistryVersion } from '../services/registry/register-registry-version.ts';
import {
  insertOrganizationIfMissing,
  insertProjectIfMissing,
  insertUserIfMissing,
  upsertMembership,
} from '../repositories/tenancy-repository.ts';
import { RecordingBuildStarter, testSealer } from './recording-build-starter.ts';

export const DEMO = { org: 'demo', project: 'default' } as const;

export async function seedDemoWithOwner(db: KilnDb) {
  const seeded = await seedDemo(db);
  const owner: Actor = { type: 'user', id: seeded.userId };
  return { ...seeded, owner };
}

/** Another organization `other` with project `default` and a user of the given role. */
export async function seedOtherOrganization(db: KilnDb, role: 'owner' | 'viewer' = 'owner') {
  const organization = await insertOrganizationIfMissing(db, { slug: 'other', name: 'Other Organization' });
  const project = await insertProjectIfMissing(db, {
    organizationId: organization.id,
    slug: 'default',
    name: 'Other Default',
  });
  const user = await insertUserIfMissing(db, {
    email: `${role}@other.example`,
    name: `Other ${role}`,
    passwordHash: await hashPassword('other-password'),
  });
  await upsertMembership(db, { organizationId: organization.id, userId: user.id, role });
  return { organization, project, user, actor: { type: 'user', id: user.id } as Actor };
}

/**
 * Runs the demo template's registry path to completion, as the worker would: a run, its version in bucket
 * `demo` with one build `file.hello`, done with one artifact per region.
 */
export async function completeDemoVersion(
  db: KilnDb,
  actor: Actor,
  images: { region: string; externalId: string }[] = [
    { region: 'local', externalId: 'hello.txt' },
    { region: 'eu-west-1', externalId: 'ami-0123456789abcdef0' },
  ],
) {
  const starter = new RecordingBuildStarter();
  const { id: buildRunId } = await startBuildRun(
    db,
    actor,
    { ...DEMO, template: 'hello' },
    { buildStarter: starter, sealer: testSealer },
  );
  const { bucketId, versionId } = await registerRegistryVersion(db, {
    buildRunId,
    bucketName: 'demo',
    description: 'Demo image',
    components: [{ componentType: 'file.hello', platform: 'file' }],
  });
  await completeRegistryBuild(db, {
    buildRunId,
    bucketName: 'demo',
    componentType: 'file.hello',
    status: 'done',
    artifact: { builderId: 'kiln.file', id: 'hello.txt', platform: 'file', images, files: [], labels: {} },
  });
  return { buildRunId, bucketId, versionId };
}

/**
 * A version in bucket `bucketName` built from an artifact of `parent`, as the worker records it: the run's
 * `hcp-packer-artifact` data source read the parent's artifact (through `parent.channelId`), and the build's
 * source image is that artifact, so the registry records the parent version and channel.
 */
export async function completeChildVersion(
  db: KilnDb,
  actor: Actor,
  input: {
    bucketName: string;
    parent: { versionId: string; channelId: string; externalId: string };
    externalId: string;
  },
) {
  const { id: buildRunId } = await startBuildRun(
    db,
    actor,
    { ...DEMO, template: 'hello' },
    { buildStarter: new RecordingBuildStarter(), sealer: testSealer },
  );
  await keepDatasourceOutputs(db, {
    buildRunId,
    outputs: {
      'hcp-packer-artifact': {
        base: {
          external_identifier: input.parent.externalId,
          version_id: input.parent.versionId,
          channel_id: input.parent.channelId,
          platform: 'file',
          region: 'local',
        },
      },
    },
  });
  const { bucketId, versionId } = await registerRegistryVersion(db, {
    buildRunId,
    bucketName: input.bucketName,
    components: [{ componentType: 'file.hello', platform: 'file' }],
  });
  await completeRegistryBuild(db, {
    buildRunId,
    bucketName: input.bucketName,
    componentType: 'file.hello',
    status: 'done',
    artifact: {
      builderId: 'kiln.file',
      id: input.externalId,
      platform: 'file',
      images: [{ region: 'local', externalId: input.externalId }],
      files: [],
      labels: {},
      sourceImageId: input.parent.externalId,
    },
  });
  return { buildRunId, bucketId, versionId };
}
