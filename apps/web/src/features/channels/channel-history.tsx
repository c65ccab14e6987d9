'use client';

import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '~/features/ui/error-message.ts';
import { formatTime } from '~/features/ui/format.ts';
import { ErrorNote } from '~/features/ui/section.tsx';
import { useTRPC } from '~/trpc/react.tsx';

/** Every assignment of one channel, newest first. */
export function ChannelHistory({
  org,
  project,
  bucket,
  channel,
}: {
  org: string;
  project: string;
  bucket: string;
  channel: string;
}) {
  const trpc = useTRPC();
  const history = useQuery(trpc.registry.channelHistory.queryOptions({ org, project, bucket, channel }));
  if (history.isPending) return <p className="text-sm text-slate-500">Loading history…</p>;
  if (history.isError) return <ErrorNote>{errorMessage(history.error)}</ErrorNote>;
  if (history.data.length === 0) return <p className="text-sm text-slate-500">Never assigned.</p>;
  return (
    <ol aria-label={`History of channel ${channel}`} className="space-y-1 text-sm">
      {history.data.map((entry) => (
        <li key={entry.id} data-testid="channel-history-entry" className="flex flex-wrap gap-x-3">
          <span className="font-medium">{entry.versionName ?? 'unassigned'}</span>
          <span className="text-slate-500">by {entry.actorName}</span>
          <span className="text-slate-500">{formatTime(entry.createdAt)}</span>
          {entry.reason ? <span className="basis-full text-xs text-amber-800">{entry.reason}</span> : null}
        </li>
      ))}
    </ol>
  );
}
