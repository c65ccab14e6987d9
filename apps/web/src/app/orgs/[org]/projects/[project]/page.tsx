import Link from 'next/link';
import { RecentRuns } from '~/features/builds/recent-runs.tsx';
import { PageHeader, Section, tableClass, tdClass, thClass } from '~/features/ui/section.tsx';
import { formatTime } from '~/features/ui/format.ts';
import { serverCaller } from '~/server/caller.ts';
import { orNotFound } from '~/server/not-found.ts';

export const dynamic = 'force-dynamic';

export default async function ProjectPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  const caller = await serverCaller();
  const [details, templates, buckets] = await Promise.all([
    orNotFound(caller.projects.get({ org, project })),
    orNotFound(caller.templates.list({ org, project })),
    orNotFound(caller.registry.listBuckets({ org, project })),
  ]);
  const base = `/orgs/${org}/projects/${project}`;
  return (
    <>
      <PageHeader
        title={details.project.name}
        subtitle={`${details.organization.name} · project ${project}`}
      />
      <Section title="Templates">
        {templates.length === 0 ? (
          <p className="text-sm text-slate-500">No templates yet.</p>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>Name</th>
                <th className={thClass}>Latest</th>
                <th className={thClass}>Created</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((template) => (
                <tr key={template.id}>
                  <td className={tdClass}>
                    <Link
                      href={`${base}/templates/${template.name}`}
                      className="font-medium text-orange-700 hover:underline"
                    >
                      {template.name}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    {template.latestRevision ? `revision ${template.latestRevision.number}` : '—'}
                  </td>
                  <td className={tdClass}>{formatTime(template.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Buckets">
        {buckets.length === 0 ? (
          <p className="text-sm text-slate-500">No buckets yet. A build creates its bucket.</p>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>Bucket</th>
                <th className={thClass}>Description</th>
                <th className={thClass}>Versions</th>
                <th className={thClass}>Updated</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((bucket) => (
                <tr key={bucket.id}>
                  <td className={tdClass}>
                    <Link
                      href={`${base}/buckets/${bucket.name}`}
                      className="font-medium text-orange-700 hover:underline"
                    >
                      {bucket.name}
                    </Link>
                  </td>
                  <td className={tdClass}>{bucket.description || '—'}</td>
                  <td className={tdClass}>{bucket.versionCount}</td>
                  <td className={tdClass}>{formatTime(bucket.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <RecentRuns org={org} project={project} />
    </>
  );
}
