'use client';

import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '~/features/ui/error-message.ts';
import { ErrorNote, tableClass, tdClass, thClass } from '~/features/ui/section.tsx';
import { StatusBadge } from '~/features/ui/status-badge.tsx';
import { useTRPC } from '~/trpc/react.tsx';

/** The run's ledger: every temporary resource its builds created, and how to remove an orphan. */
export function RunResources({
  org,
  project,
  runId,
  finished,
}: {
  org: string;
  project: string;
  runId: string;
  finished: boolean;
}) {
  const trpc = useTRPC();
  const resources = useQuery({
    ...trpc.buildRuns.resources.queryOptions({ org, project, id: runId }),
    refetchInterval: finished ? false : 3_000,
  });
  if (resources.isPending) return <p className="text-sm text-slate-500">Loading resources…</p>;
  if (resources.isError) return <ErrorNote>{errorMessage(resources.error)}</ErrorNote>;
  if (resources.data.length === 0)
    return <p className="text-sm text-slate-500">This run created no temporary resources.</p>;
  const orphans = resources.data.filter((r) => r.status === 'orphaned');
  return (
    <>
      {orphans.length > 0 ? (
        <ErrorNote>
          {orphans.length} resource(s) could not be removed and are left behind: see how to remove them below.
        </ErrorNote>
      ) : null}
      <table className={tableClass} data-testid="run-resources">
        <thead>
          <tr>
            <th className={thClass}>Build</th>
            <th className={thClass}>Resource</th>
            <th className={thClass}>Id</th>
            <th className={thClass}>Status</th>
            <th className={thClass}>Notes</th>
          </tr>
        </thead>
        <tbody>
          {resources.data.map((r) => (
            <tr key={`${r.build}:${r.key}`} data-status={r.status}>
              <td className={tdClass}>{r.build}</td>
              <td className={tdClass}>
                {r.kind}
                <p className="text-xs text-slate-500">{r.description}</p>
              </td>
              <td className={`${tdClass} font-mono text-xs`}>{r.externalId ?? '—'}</td>
              <td className={tdClass}>
                <StatusBadge status={r.status} />
              </td>
              <td className={`${tdClass} text-xs`}>
                {r.reason ? <p className="text-red-700">{r.reason}</p> : null}
                {r.status === 'deleted' ? null : r.removal}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
