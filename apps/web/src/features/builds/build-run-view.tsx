'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { errorMessage } from '~/features/ui/error-message.ts';
import { formatDuration, formatTime } from '~/features/ui/format.ts';
import { ErrorNote, PageHeader, Section, tableClass, tdClass, thClass } from '~/features/ui/section.tsx';
import { StatusBadge } from '~/features/ui/status-badge.tsx';
import { useTRPC } from '~/trpc/react.tsx';
import { BuildLog } from './build-log.tsx';
import { CancelRunButton, ResumeBuildButton } from './run-controls.tsx';
import { RunResources } from './run-resources.tsx';
import { useBuildEvents } from './use-build-events.ts';

export function BuildRunView({ org, project, runId }: { org: string; project: string; runId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runKey = trpc.buildRuns.get.queryKey({ org, project, id: runId });
  const events = useBuildEvents(
    { org, project },
    runId,
    () => void queryClient.invalidateQueries({ queryKey: runKey }),
  );
  const run = useQuery({
    ...trpc.buildRuns.get.queryOptions({ org, project, id: runId }),
    refetchInterval: (query) => (query.state.data?.finishedAt ? false : 2_000),
  });

  if (run.isPending) return <p className="text-sm text-slate-500">Loading build run…</p>;
  if (run.isError) return <ErrorNote>{errorMessage(run.error)}</ErrorNote>;

  const data = run.data;
  const status = events.finished ? (events.status ?? data.status) : data.status;
  const base = `/orgs/${org}/projects/${project}`;
  return (
    <>
      <PageHeader
        title={`Build run ${data.id}`}
        subtitle={
          <>
            Template{' '}
            <Link href={`${base}/templates/${data.templateName}`} className="text-orange-700 hover:underline">
              {data.templateName}
            </Link>{' '}
            · fingerprint <span className="font-mono">{data.fingerprint}</span>
          </>
        }
        actions={
          <span className="inline-flex items-center gap-3">
            {status === 'queued' || status === 'running' ? (
              <CancelRunButton org={org} project={project} runId={runId} />
            ) : null}
            <span data-testid="run-status" data-status={status} className="text-base">
              <StatusBadge status={status} />
            </span>
          </span>
        }
      />
      <Section title="Summary">
        <dl className="grid grid-cols-2 gap-x-8 gap-y-3 text-sm md:grid-cols-4">
          <Fact label="Status">
            <StatusBadge status={status} />
          </Fact>
          <Fact label="Started by">{data.actorName}</Fact>
          <Fact label="Created">{formatTime(data.createdAt)}</Fact>
          <Fact label="Started">{formatTime(data.startedAt)}</Fact>
          <Fact label="Finished">{formatTime(data.finishedAt)}</Fact>
          <Fact label="Duration">{formatDuration(data.startedAt, data.finishedAt) ?? '—'}</Fact>
          {data.failureClass ? <Fact label="Failure">{data.failureClass}</Fact> : null}
        </dl>
        {data.error ? <ErrorNote>{data.error}</ErrorNote> : null}
      </Section>
      <Section title="Steps">
        {data.steps.length === 0 ? (
          <p className="text-sm text-slate-500">No steps yet.</p>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>Build</th>
                <th className={thClass}>#</th>
                <th className={thClass}>Step</th>
                <th className={thClass}>Kind</th>
                <th className={thClass}>Status</th>
                <th className={thClass}>Attempts</th>
                <th className={thClass}>Duration</th>
              </tr>
            </thead>
            <tbody>
              {data.steps.map((step) => (
                <tr key={`${step.buildName}:${step.stepIndex}`}>
                  <td className={tdClass}>{step.buildName}</td>
                  <td className={tdClass}>{step.stepIndex + 1}</td>
                  <td className={tdClass}>
                    {step.stepName}
                    {step.message ? <p className="text-xs text-slate-500">{step.message}</p> : null}
                  </td>
                  <td className={tdClass}>{step.kind}</td>
                  <td className={tdClass}>
                    <StatusBadge status={step.status} />
                    {step.status === 'paused' ? (
                      <span className="ml-2">
                        <ResumeBuildButton org={org} project={project} runId={runId} build={step.buildName} />
                      </span>
                    ) : null}
                  </td>
                  <td className={tdClass}>{step.attempts}</td>
                  <td className={tdClass}>{formatDuration(step.startedAt, step.finishedAt) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Resources">
        <RunResources org={org} project={project} runId={runId} finished={Boolean(data.finishedAt)} />
      </Section>
      <Section title="Log">
        {events.failure ? <ErrorNote>{events.failure}</ErrorNote> : null}
        <BuildLog lines={events.lines} finished={events.finished} />
      </Section>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
