import { TemplateWorkbench } from '~/features/templates/template-workbench.tsx';
import { serverCaller } from '~/server/caller.ts';
import { orNotFound } from '~/server/not-found.ts';

export const dynamic = 'force-dynamic';

export default async function TemplatePage({
  params,
}: {
  params: Promise<{ org: string; project: string; template: string }>;
}) {
  const { org, project, template: raw } = await params;
  const template = decodeURIComponent(raw);
  // A template that does not exist (or is not the reader's) is the 404 page, not an endless "Loading".
  await orNotFound((await serverCaller()).templates.get({ org, project, template }));
  return <TemplateWorkbench org={org} project={project} template={template} />;
}
