'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '~/features/ui/error-message.ts';
import { TextField } from '~/features/ui/field.tsx';
import { formatTime } from '~/features/ui/format.ts';
import {
  ErrorNote,
  inputClass,
  Section,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '~/features/ui/section.tsx';
import { useTRPC } from '~/trpc/react.tsx';

type ActorType = 'user' | 'service_principal' | 'system';

interface AuditFilter {
  action?: string;
  actorType?: ActorType;
  targetType?: string;
  since?: Date;
  until?: Date;
}

/** The filters the form holds; empty fields are left out. A date's `until` covers that whole day (UTC). */
function filterFrom(form: FormData): AuditFilter {
  const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
  const day = (name: string, plusDays = 0) => {
    const value = text(name);
    if (!value) return undefined;
    const date = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? undefined : new Date(date.getTime() + plusDays * 86_400_000);
  };
  const filter: AuditFilter = {};
  const action = text('action');
  const actorType = text('actorType') as ActorType | undefined;
  const targetType = text('targetType');
  const since = day('since');
  const until = day('until', 1);
  if (action) filter.action = action;
  if (actorType) filter.actorType = actorType;
  if (targetType) filter.targetType = targetType;
  if (since) filter.since = since;
  if (until) filter.until = until;
  return filter;
}

/** Hands `body` to the browser as a file download. */
function download(filename: string, contentType: string, body: string) {
  const url = URL.createObjectURL(new Blob([body], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The organization's audit trail: filters, export as JSON lines or CSV, and verification of its hash chain. */
export function AuditTrail({ org }: { org: string }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useQuery(trpc.audit.list.queryOptions({ org, filter }));
  const exportEvents = useMutation(trpc.audit.export.mutationOptions());
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const [error, setError] = useState<string>();

  function onFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilter(filterFrom(new FormData(event.currentTarget)));
  }

  async function onExport(format: 'jsonl' | 'csv') {
    setError(undefined);
    try {
      const file = await exportEvents.mutateAsync({ org, format, filter });
      download(file.filename, file.contentType, file.body);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function onVerify() {
    setError(undefined);
    try {
      await verify.mutateAsync({ org });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const verified = verify.data;
  return (
    <Section
      title="Audit trail"
      actions={
        <div className="flex gap-2">
          <button type="button" className={secondaryButtonClass} onClick={() => onExport('jsonl')}>
            Export JSON lines
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => onExport('csv')}>
            Export CSV
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={verify.isPending}
            onClick={onVerify}
          >
            {verify.isPending ? 'Verifying…' : 'Verify chain'}
          </button>
        </div>
      }
    >
      <form
        onSubmit={onFilter}
        aria-label="Filter the audit trail"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <TextField label="Action" name="action" placeholder="registry.* or an exact action" />
        <label className="flex flex-col text-sm">
          <span className="mb-1 font-medium">Actor</span>
          <select name="actorType" className={inputClass} defaultValue="">
            <option value="">anyone</option>
            <option value="user">users</option>
            <option value="service_principal">service principals</option>
            <option value="system">Kiln</option>
          </select>
        </label>
        <TextField label="Target type" name="targetType" placeholder="version" />
        <TextField label="From" name="since" type="date" />
        <TextField label="To" name="until" type="date" />
        <button type="submit" className={secondaryButtonClass}>
          Filter
        </button>
      </form>
      <div aria-live="polite" className="mb-4 space-y-2">
        {error ? <ErrorNote>{error}</ErrorNote> : null}
        {verified ? (
          <div
            role="status"
            data-testid="audit-verification"
            data-ok={String(verified.ok)}
            className="text-sm"
          >
            {verified.ok ? (
              <p className="text-emerald-700">
                Chain intact: {verified.checked} events checked
                {verified.unchained > 0 ? ` (${verified.unchained} older events outside the chain)` : ''}.
              </p>
            ) : (
              <>
                <p className="text-red-700">
                  Chain broken: {verified.problems.length} problem{verified.problems.length === 1 ? '' : 's'}{' '}
                  in {verified.checked} events.
                </p>
                <ul className="list-disc pl-5 text-red-700">
                  {verified.problems.map((p) => (
                    <li key={`${p.kind}-${p.sequence}`}>{p.message}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : null}
      </div>
      {events.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : events.isError ? (
        <ErrorNote>{errorMessage(events.error)}</ErrorNote>
      ) : events.data.length === 0 ? (
        <p className="text-sm text-slate-500">
          Nothing recorded{Object.keys(filter).length > 0 ? ' that matches' : ' yet'}.
        </p>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>#</th>
              <th className={thClass}>When</th>
              <th className={thClass}>Who</th>
              <th className={thClass}>Action</th>
              <th className={thClass}>Target</th>
            </tr>
          </thead>
          <tbody>
            {events.data.map((event) => (
              <tr key={event.id} data-testid="audit-event" data-action={event.action}>
                <td className={`${tdClass} text-slate-500`}>{event.sequence ?? '—'}</td>
                <td className={`${tdClass} whitespace-nowrap`}>{formatTime(event.createdAt)}</td>
                <td className={tdClass}>{event.actorName}</td>
                <td className={`${tdClass} font-mono text-xs`}>{event.action}</td>
                <td className={`${tdClass} font-mono text-xs`}>
                  {event.targetType} {event.targetId}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
