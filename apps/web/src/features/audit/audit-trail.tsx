'use client';

import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '~/features/ui/error-message.ts';
import { formatTime } from '~/features/ui/format.ts';
import { ErrorNote, Section, tableClass, tdClass, thClass } from '~/features/ui/section.tsx';
import { useTRPC } from '~/trpc/react.tsx';

export function AuditTrail({ org }: { org: string }) {
  const trpc = useTRPC();
  const events = useQuery(trpc.audit.list.queryOptions({ org }));
  return (
    <Section title="Audit trail">
      {events.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : events.isError ? (
        <ErrorNote>{errorMessage(events.error)}</ErrorNote>
      ) : events.data.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing recorded yet.</p>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>When</th>
              <th className={thClass}>Who</th>
              <th className={thClass}>Action</th>
              <th className={thClass}>Target</th>
            </tr>
          </thead>
          <tbody>
            {events.data.map((event) => (
              <tr key={event.id}>
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
