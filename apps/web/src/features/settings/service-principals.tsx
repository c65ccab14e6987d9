'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '~/features/ui/error-message.ts';
import { type Role, RoleSelect, TextField } from '~/features/ui/field.tsx';
import { formatTime } from '~/features/ui/format.ts';
import {
  buttonClass,
  ErrorNote,
  inputClass,
  Section,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '~/features/ui/section.tsx';
import { useTRPC } from '~/trpc/react.tsx';

export function ServicePrincipals({ org }: { org: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.servicePrincipals.list.queryOptions({ org }));
  const create = useMutation(trpc.servicePrincipals.create.mutationOptions());
  const revoke = useMutation(trpc.servicePrincipals.revoke.mutationOptions());
  const projects = useQuery(trpc.projects.list.queryOptions({ org }));
  const projectNames = new Map((projects.data ?? []).map((p) => [p.id, p.slug]));

  /** The list, and the audit trail that now records the change. */
  async function refresh() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.servicePrincipals.list.queryKey({ org }) }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() }),
    ]);
  }

  async function onRevoke(id: string) {
    await revoke.mutateAsync({ org, id });
    await refresh();
  }
  const [created, setCreated] = useState<{ name: string; clientId: string; clientSecret: string }>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get('name') ?? '').trim();
    const role = String(form.get('role') ?? 'viewer') as Role;
    const project = String(form.get('project') ?? '') || undefined;
    setCreated(undefined);
    const result = await create.mutateAsync({ org, name, role, project });
    setCreated({ name, clientId: result.clientId, clientSecret: result.clientSecret });
    formElement.reset();
    await refresh();
  }

  return (
    <Section title="Service principals">
      <form
        onSubmit={(event) => void onSubmit(event).catch(() => {})}
        aria-label="Create a service principal"
        className="mb-6 flex flex-wrap items-end gap-3"
      >
        <TextField label="Name" name="name" required placeholder="ci-pipeline" />
        <RoleSelect label="Role" name="role" />
        <label className="flex flex-col text-sm">
          <span className="mb-1 font-medium">Project</span>
          <select name="project" defaultValue="" className={inputClass}>
            <option value="">every project</option>
            {(projects.data ?? []).map((p) => (
              <option key={p.id} value={p.slug}>
                {p.slug}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={create.isPending} className={buttonClass}>
          {create.isPending ? 'Creating…' : 'Create'}
        </button>
      </form>
      {create.isError ? <ErrorNote>{errorMessage(create.error)}</ErrorNote> : null}
      {revoke.isError ? <ErrorNote>{errorMessage(revoke.error)}</ErrorNote> : null}
      {created ? (
        <div role="status" className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="mb-2 font-medium">
            Service principal {created.name} created. Copy the secret now: it is shown only once.
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-xs">
            <dt className="font-sans text-slate-500">Client ID</dt>
            <dd data-testid="client-id">{created.clientId}</dd>
            <dt className="font-sans text-slate-500">Client secret</dt>
            <dd data-testid="client-secret" className="break-all">
              {created.clientSecret}
            </dd>
          </dl>
        </div>
      ) : null}
      {list.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : list.isError ? (
        <ErrorNote>{errorMessage(list.error)}</ErrorNote>
      ) : list.data.length === 0 ? (
        <p className="text-sm text-slate-500">No service principals yet.</p>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>Name</th>
              <th className={thClass}>Client ID</th>
              <th className={thClass}>Role</th>
              <th className={thClass}>Project</th>
              <th className={thClass}>Created</th>
              <th className={thClass}>Status</th>
              <th className={thClass}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((principal) => (
              <tr key={principal.id}>
                <td className={tdClass}>{principal.name}</td>
                <td className={`${tdClass} font-mono text-xs`}>{principal.clientId}</td>
                <td className={tdClass}>{principal.role}</td>
                <td className={tdClass}>
                  {principal.projectId
                    ? (projectNames.get(principal.projectId) ?? principal.projectId)
                    : 'every project'}
                </td>
                <td className={tdClass}>{formatTime(principal.createdAt)}</td>
                <td className={tdClass}>
                  {principal.revokedAt ? `revoked ${formatTime(principal.revokedAt)}` : 'active'}
                </td>
                <td className={tdClass}>
                  {principal.revokedAt ? null : (
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      disabled={revoke.isPending}
                      onClick={() => void onRevoke(principal.id).catch(() => {})}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
