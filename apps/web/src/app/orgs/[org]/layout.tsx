import type { ReactNode } from 'react';
import { AppShell } from '~/features/shell/app-shell.tsx';
import { requireUser } from '~/server/auth.ts';
import { serverCaller } from '~/server/caller.ts';
import { orNotFound } from '~/server/not-found.ts';

export const dynamic = 'force-dynamic';

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  const user = await requireUser(`/orgs/${org}`);
  const caller = await serverCaller();
  const me = await caller.me.get();
  const organization = me.organizations.find((o) => o.slug === org);
  const projects = await orNotFound(caller.projects.list({ org }));
  return (
    <AppShell
      org={org}
      orgName={organization?.name ?? org}
      projects={projects.map((p) => ({ slug: p.slug, name: p.name }))}
      userEmail={user.email}
    >
      {children}
    </AppShell>
  );
}
