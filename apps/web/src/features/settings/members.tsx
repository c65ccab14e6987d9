'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '~/features/ui/error-message.ts';
import { type Role, RoleSelect, TextField } from '~/features/ui/field.tsx';
import { formatTime } from '~/features/ui/format.ts';
import {
  buttonClass,
  ErrorNote,
  Section,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '~/features/ui/section.tsx';
import { useTRPC } from '~/trpc/react.tsx';

/** The organization's members: add a Kiln user by email, change a member's role, remove a member. */
export function Members({ org }: { org: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions({ org }));
  const add = useMutation(trpc.members.add.mutationOptions());
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions());
  const remove = useMutation(trpc.members.remove.mutationOptions());
  const [error, setError] = useState<string>();

  async function act(fn: () => Promise<unknown>) {
    setError(undefined);
    try {
      await fn();
      await queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey({ org }) });
      await queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get('email') ?? '').trim();
    const role = String(form.get('role') ?? 'viewer') as Role;
    void act(async () => {
      await add.mutateAsync({ org, email, role });
      formElement.reset();
    });
  }

  return (
    <Section title="Members">
      <form onSubmit={onAdd} aria-label="Add a member" className="mb-6 flex flex-wrap items-end gap-3">
        <TextField label="Email" name="email" type="email" required placeholder="ada@example.com" />
        <RoleSelect label="Role" name="role" />
        <button type="submit" disabled={add.isPending} className={buttonClass}>
          {add.isPending ? 'Adding…' : 'Add'}
        </button>
      </form>
      <div aria-live="polite" className="mb-4">
        {error ? <ErrorNote>{error}</ErrorNote> : null}
      </div>
      {members.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : members.isError ? (
        <ErrorNote>{errorMessage(members.error)}</ErrorNote>
      ) : (
        <table className={tableClass} aria-label="Members">
          <thead>
            <tr>
              <th className={thClass}>Name</th>
              <th className={thClass}>Email</th>
              <th className={thClass}>Role</th>
              <th className={thClass}>Member since</th>
              <th className={thClass}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((member) => (
              <tr key={member.userId} data-testid="member" data-email={member.email}>
                <td className={tdClass}>{member.name}</td>
                <td className={tdClass}>{member.email}</td>
                <td className={tdClass}>
                  <RoleSelect
                    ariaLabel={`Role of ${member.email}`}
                    value={member.role}
                    onChange={(role) =>
                      void act(() => changeRole.mutateAsync({ org, userId: member.userId, role }))
                    }
                  />
                </td>
                <td className={tdClass}>{formatTime(member.since)}</td>
                <td className={tdClass}>
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    onClick={() => void act(() => remove.mutateAsync({ org, userId: member.userId }))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
