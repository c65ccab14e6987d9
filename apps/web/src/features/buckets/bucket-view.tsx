'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AssignChannelForm } from '~/features/channels/assign-channel-form.tsx';
import { ChannelHistory } from '~/features/channels/channel-history.tsx';
import { errorMessage } from '~/features/ui/error-message.ts';
import { ErrorNote, PageHeader, Section, secondaryButtonClass } from '~/features/ui/section.tsx';
import { type RevokeTarget, RevokeVersionDialog } from '~/features/versions/revoke-version-dialog.tsx';
import { VersionList, type VersionView } from '~/features/versions/version-list.tsx';
import { useTRPC } from '~/trpc/react.tsx';

export function BucketView({ org, project, bucket }: { org: string; project: string; bucket: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const details = useQuery(trpc.registry.getBucket.queryOptions({ org, project, bucket }));
  const assign = useMutation(trpc.registry.assignChannel.mutationOptions());
  const restore = useMutation(trpc.registry.restoreVersion.mutationOptions());
  const unassign = useMutation(trpc.registry.unassignChannel.mutationOptions());
  const [revoking, setRevoking] = useState<RevokeTarget>();
  const [actionError, setActionError] = useState<string>();

  /** Revocations move channels in this bucket and in the buckets built from it: refresh every registry read. */
  async function refreshRegistry() {
    await queryClient.invalidateQueries({ queryKey: trpc.registry.pathKey() });
  }

  async function onUnassign(channel: string) {
    setActionError(undefined);
    try {
      await unassign.mutateAsync({ org, project, bucket, channel });
      await refreshRegistry();
    } catch (failure) {
      setActionError(errorMessage(failure));
    }
  }

  async function onRestore(version: VersionView) {
    setActionError(undefined);
    try {
      await restore.mutateAsync({ org, project, bucket, versionId: version.id });
      await refreshRegistry();
    } catch (failure) {
      setActionError(errorMessage(failure));
    }
  }

  async function onAssign(input: { channel: string; versionId: string }) {
    await assign.mutateAsync({ org, project, bucket, channel: input.channel, versionId: input.versionId });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.registry.getBucket.queryKey({ org, project, bucket }) }),
      queryClient.invalidateQueries({
        queryKey: trpc.registry.channelHistory.queryKey({ org, project, bucket, channel: input.channel }),
      }),
    ]);
  }

  if (details.isPending) return <p className="text-sm text-slate-500">Loading bucket…</p>;
  if (details.isError) return <ErrorNote>{errorMessage(details.error)}</ErrorNote>;

  const data = details.data;
  const channelsByVersion = new Map<string, string[]>();
  for (const channel of data.channels) {
    if (!channel.versionId) continue;
    channelsByVersion.set(channel.versionId, [
      ...(channelsByVersion.get(channel.versionId) ?? []),
      channel.name,
    ]);
  }
  const versionNames = new Map(data.versions.map((version) => [version.id, version.name]));
  const versions = data.versions.map((version) => ({
    ...version,
    createdBy: version.createdByName,
    channels: channelsByVersion.get(version.id) ?? [],
    revocation:
      version.revokeAt && version.revocation
        ? {
            revokeAt: version.revokeAt,
            message: version.revocationMessage,
            revokedByName: version.revocation.revokedByName,
            inheritedFrom: version.revocation.inheritedFrom,
          }
        : null,
  }));
  const assignable = data.versions.filter((version) => version.status === 'active');

  return (
    <>
      <PageHeader title={`Bucket ${data.name}`} subtitle={data.description || `Project ${project}`} />
      <Section title="Versions">
        {actionError ? <ErrorNote>{actionError}</ErrorNote> : null}
        <VersionList
          versions={versions}
          actions={(version) =>
            version.revocation ? (
              <button
                type="button"
                className={secondaryButtonClass}
                disabled={restore.isPending}
                onClick={() => onRestore(version)}
              >
                Restore
              </button>
            ) : version.status === 'active' ? (
              <button
                type="button"
                className={secondaryButtonClass}
                onClick={() =>
                  setRevoking({ org, project, bucket, versionId: version.id, versionName: version.name })
                }
              >
                Revoke
              </button>
            ) : null
          }
          bucketHref={(name) =>
            `/orgs/${encodeURIComponent(org)}/projects/${encodeURIComponent(project)}/buckets/${encodeURIComponent(name)}`
          }
        />
      </Section>
      <Section title="Channels">
        <AssignChannelForm versions={assignable} onAssign={onAssign} pending={assign.isPending} />
        {data.channels.length === 0 ? (
          <p className="mt-6 text-sm text-slate-500">No channels yet.</p>
        ) : (
          <ul aria-label="Channels" className="mt-6 grid gap-4 md:grid-cols-2">
            {data.channels.map((channel) => (
              <li
                key={channel.id}
                data-testid="channel"
                data-channel={channel.name}
                className="rounded-lg border border-slate-200 p-4"
              >
                <div className="mb-2 flex items-baseline justify-between gap-2">
                  <h3 className="font-semibold">
                    {channel.name}
                    {channel.managed ? (
                      <span className="ml-2 text-xs font-normal text-slate-500">managed</span>
                    ) : null}
                  </h3>
                  <span className="text-sm">
                    →{' '}
                    <span data-testid="channel-version" className="font-medium">
                      {(channel.versionId && versionNames.get(channel.versionId)) ?? 'unassigned'}
                    </span>
                    {channel.revoked ? (
                      <span data-testid="channel-revoked" className="ml-2 text-xs text-amber-800">
                        revoked: lookups fail
                      </span>
                    ) : null}
                    {channel.effectiveVersionId && channel.effectiveVersionId !== channel.versionId ? (
                      <span data-testid="channel-rolled-back" className="ml-2 text-xs text-amber-800">
                        answers {versionNames.get(channel.effectiveVersionId)} (rolled back)
                      </span>
                    ) : null}
                    {!channel.managed && channel.versionId ? (
                      <button
                        type="button"
                        className="ml-3 text-xs text-orange-700 hover:underline"
                        disabled={unassign.isPending}
                        onClick={() => onUnassign(channel.name)}
                      >
                        Unassign
                      </button>
                    ) : null}
                  </span>
                </div>
                <ChannelHistory org={org} project={project} bucket={bucket} channel={channel.name} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      {revoking ? (
        <RevokeVersionDialog
          target={revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={async () => {
            setRevoking(undefined);
            await refreshRegistry();
          }}
        />
      ) : null}
    </>
  );
}
