import type { getChannelWithVersion } from '../services/registry/get-channel-with-version.ts';

type ChannelView = Awaited<ReturnType<typeof getChannelWithVersion>>;

/** The `/api/v1` JSON of a channel: snake_case, its version with builds and artifacts nested. */
export function toChannelJson(view: ChannelView) {
  const v = view.version;
  return {
    organization: view.organization.slug,
    project: view.project.slug,
    bucket: view.bucket.name,
    channel: {
      id: view.channel.id,
      name: view.channel.name,
      managed: view.channel.managed,
      restricted: view.channel.restricted,
      updated_at: view.channel.updatedAt.toISOString(),
    },
    version: {
      id: v.id,
      fingerprint: v.fingerprint,
      name: v.name,
      status: v.status,
      template_type: v.templateType,
      created_at: v.createdAt.toISOString(),
      created_by: v.createdBy,
      revoke_at: v.revokeAt?.toISOString() ?? null,
      builds: v.builds.map((b) => ({
        id: b.id,
        component_type: b.componentType,
        platform: b.platform,
        status: b.status,
        labels: b.labels,
        created_at: b.createdAt.toISOString(),
        artifacts: b.artifacts.map((a) => ({ external_identifier: a.externalIdentifier, region: a.region })),
      })),
    },
  };
}
