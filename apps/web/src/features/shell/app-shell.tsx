import Link from 'next/link';
import type { ReactNode } from 'react';
import { NavLink } from './nav-link.tsx';
import { SignOutButton } from './sign-out-button.tsx';

export interface ShellProject {
  slug: string;
  name: string;
}

export function AppShell({
  org,
  orgName,
  projects,
  userEmail,
  children,
}: {
  org: string;
  orgName: string;
  projects: ShellProject[];
  userEmail: string;
  children: ReactNode;
}) {
  const base = `/orgs/${org}`;
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col bg-slate-900 px-3 py-4 text-slate-100">
        <Link href="/" className="mb-6 flex items-center gap-2 px-3 text-lg font-semibold">
          <span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-orange-500" />
          Kiln
        </Link>
        <nav aria-label="Main" className="flex-1 space-y-6">
          <div>
            <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              {orgName}
            </p>
            <NavLink href={base} exact>
              Projects
            </NavLink>
            <NavLink href={`${base}/settings`}>Settings</NavLink>
          </div>
          {projects.length > 0 ? (
            <div>
              <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                Projects
              </p>
              {projects.map((project) => (
                <NavLink key={project.slug} href={`${base}/projects/${project.slug}`}>
                  {project.name}
                </NavLink>
              ))}
            </div>
          ) : null}
        </nav>
        <div className="border-t border-slate-800 px-3 pt-3">
          <p className="truncate text-sm text-slate-300" title={userEmail}>
            {userEmail}
          </p>
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-8">{children}</main>
    </div>
  );
}
