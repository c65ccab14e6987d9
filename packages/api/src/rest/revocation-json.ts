import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { MAX_REVOCATION_REASON } from '../domain/revocation.ts';
import { KilnError } from '../errors.ts';
import type { Queryable } from '../repositories/queryable.ts';
import { previewRevocation } from '../services/registry/preview-revocation.ts';
import { restoreVersion } from '../services/registry/restore-version.ts';
import { revokeVersion } from '../services/registry/revoke-version.ts';

interface VersionAddress {
  org: string;
  project: string;
  bucket: string;
  versionId: string;
}

const Timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const RevokeBodySchema = z.strictObject({
  reason: z.string().min(1).max(MAX_REVOCATION_REASON),
  revoke_at: Timestamp.optional(),
  skip_descendants: z.boolean().optional(),
  keep_channels: z.boolean().optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw new KilnError('INVALID', `${what} is invalid: ${problems}`);
}

/** `GET .../versions/{id}/revocation-preview?revoke_at=&skip_descendants=true` */
export async function previewRevocationJson(
  db: Queryable,
  actor: Actor,
  address: VersionAddress,
  query: URLSearchParams,
) {
  const revokeAt = query.get('revoke_at');
  const preview = await previewRevocation(db, actor, {
    ...address,
    revokeAt: revokeAt ? parse(Timestamp, revokeAt, 'revoke_at') : undefined,
    skipDescendants: query.get('skip_descendants') === 'true',
  });
  return {
    version: { id: preview.version.id, name: preview.version.name, bucket: preview.version.bucketName },
    effect_at: preview.effectAt.toISOString(),
    immediate: preview.immediate,
    descendants: preview.descendants.map((d) => ({
      id: d.id,
      name: d.name,
      bucket: d.bucketName,
      fingerprint: d.fingerprint,
      inherits: d.inherits,
    })),
    channels: preview.channels.map((c) => ({
      name: c.name,
      bucket: c.bucketName,
      version_name: c.versionName,
      rollback_to: c.rollbackTo?.name ?? null,
    })),
    lookup_window_days: preview.lookupWindowDays,
    lookups: preview.lookups.map((l) => ({
      version_name: l.versionName,
      bucket: l.bucketName,
      channel: l.channelName,
      actor: l.actorName,
      count: l.count,
      last_at: l.lastAt.toISOString(),
    })),
  };
}

/** `POST .../versions/{id}/revoke` with `{ reason, revoke_at?, skip_descendants?, keep_channels? }` */
export async function revokeVersionJson(db: Queryable, actor: Actor, address: VersionAddress, body: unknown) {
  const input = parse(RevokeBodySchema, body, 'the revocation');
  const result = await revokeVersion(db, actor, {
    ...address,
    reason: input.reason,
    revokeAt: input.revoke_at,
    skipDescendants: input.skip_descendants,
    keepChannels: input.keep_channels,
  });
  return {
    version_id: result.versionId,
    revoke_at: result.revokeAt.toISOString(),
    immediate: result.immediate,
    inherited_by: result.inherited.map((d) => ({ id: d.id, name: d.name, bucket: d.bucketName })),
    channels: result.channels.map((c) => ({
      name: c.name,
      bucket: c.bucketName,
      from: c.fromVersionName,
      to: c.toVersionName,
      moved: c.moved,
    })),
  };
}

/** `POST .../versions/{id}/restore` */
export async function restoreVersionJson(db: Queryable, actor: Actor, address: VersionAddress) {
  const result = await restoreVersion(db, actor, address);
  return { version_id: result.versionId, restored: result.restored };
}
