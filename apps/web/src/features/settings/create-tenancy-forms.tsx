'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '~/features/ui/error-message.ts';
import { TextField } from '~/features/ui/field.tsx';
import { buttonClass, ErrorNote } from '~/features/ui/section.tsx';
import { useTRPC } from '~/trpc/react.tsx';

/** A slug and a name, then `create`; then opens the page `create` returns. */
function SlugNameForm({
  label,
  pending,
  create,
}: {
  label: string;
  pending: boolean;
  create: (input: { slug: string; name: string }) => Promise<string>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(undefined);
    try {
      const href = await create({
        slug: String(form.get('slug') ?? '').trim(),
        name: String(form.get('name') ?? '').trim(),
      });
      router.push(href);
      router.refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  return (
    <form onSubmit={onSubmit} aria-label={label} className="flex flex-wrap items-end gap-3">
      <TextField label="Slug" name="slug" required placeholder="web-images" />
      <TextField label="Name" name="name" required placeholder="Web images" />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? 'Creating…' : 'Create'}
      </button>
      <div className="basis-full" aria-live="polite">
        {error ? <ErrorNote>{error}</ErrorNote> : null}
      </div>
    </form>
  );
}

export function CreateProjectForm({ org }: { org: string }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.projects.create.mutationOptions());
  return (
    <SlugNameForm
      label="Create a project"
      pending={create.isPending}
      create={async (input) => {
        const project = await create.mutateAsync({ org, ...input });
        return `/orgs/${encodeURIComponent(org)}/projects/${encodeURIComponent(project.slug)}`;
      }}
    />
  );
}

export function CreateOrganizationForm() {
  const trpc = useTRPC();
  const create = useMutation(trpc.organizations.create.mutationOptions());
  return (
    <SlugNameForm
      label="Create an organization"
      pending={create.isPending}
      create={async (input) => `/orgs/${encodeURIComponent((await create.mutateAsync(input)).slug)}`}
    />
  );
}
