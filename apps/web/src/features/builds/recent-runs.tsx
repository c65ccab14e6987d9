'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { errorMessage } from '~/features/ui/error-message.ts';
import { formatDuration, formatTime } from '~/features/ui/format.ts';
import { ErrorNote, Section, tableClass, tdClass, thClass } from '~/features/ui/section.tsx';
import { StatusBadge } from '~/features/ui/status-badge.tsx';
import { useTRPC } from '~/trpc/react.tsx';

export function RecentRuns({ org, project, template }: { org: string; project: string; template?: string }) {
  const trpc = useTRPC();
  const runs = useQuery({
    ...trpc.buildRuns.list.queryOptions({ org, project, ...(template ? { template } : {}) }),
    refetchInterval: 5_000,
  });
  return (
    <Section title="Recent runs">
      {runs.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : runs.isError ? (
        <ErrorNote>{errorMessage(runs.error)}</ErrorNote>
      ) : runs.data.length === 0 ? (
        <p data-testid="recent-runs" data-count={0} className="text-sm text-slate-500">
          No runs yet.
        </p>
      ) : (
        <table data-testid="recent-runs" data-count={runs.data.length} className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>Run</th>
              <th className={thClass}>Status</th>
              <th className={thClass}>Started by</th>
              <th className={thClass}>Created</th>
              <th className={thClass}>Duration</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((run) => (
              <tr key={run.id}>
                <td className={tdClass}>
                  <Link
                    href={`/orgs/${org}/projects/${project}/runs/${run.id}`}
                    className="font-mono text-xs text-orange-700 hover:underline"
                  >
                    {run.id}
                  </Link>
                </td>
                <td className={tdClass}>
                  <StatusBadge status={run.status} />
                </td>
                <td className={tdClass}>{run.actorName}</td>
                <td className={tdClass}>{formatTime(run.createdAt)}</td>
                <td className={tdClass}>{formatDuration(run.startedAt, run.finishedAt) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
