import Link from 'next/link';
import { CreateProjectForm } from '~/features/settings/create-tenancy-forms.tsx';
import { PageHeader, Section } from '~/features/ui/section.tsx';
import { serverCaller } from '~/server/caller.ts';
import { orNotFound } from '~/server/not-found.ts';

export const dynamic = 'force-dynamic';

export default async function OrgPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const caller = await serverCaller();
  const projects = await orNotFound(caller.projects.list({ org }));
  return (
    <>
      <PageHeader title="Projects" subtitle={`Organization ${org}`} />
      <Section title="All projects">
        {projects.length === 0 ? (
          <p className="text-sm text-slate-500">No projects yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {projects.map((project) => (
              <li key={project.slug}>
                <Link
                  href={`/orgs/${org}/projects/${project.slug}`}
                  className="flex items-baseline gap-3 py-3 hover:text-orange-700"
                >
                  <span className="font-medium">{project.name}</span>
                  <span className="text-sm text-slate-500">{project.slug}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="New project">
        <CreateProjectForm org={org} />
      </Section>
    </>
  );
}
