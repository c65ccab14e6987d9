import { TemplateWorkbench } from '~/features/templates/template-workbench.tsx';

export default async function TemplatePage({
  params,
}: {
  params: Promise<{ org: string; project: string; template: string }>;
}) {
  const { org, project, template } = await params;
  return <TemplateWorkbench org={org} project={project} template={decodeURIComponent(template)} />;
}
