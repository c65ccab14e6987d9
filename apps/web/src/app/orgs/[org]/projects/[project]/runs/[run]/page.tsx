import { BuildRunView } from '~/features/builds/build-run-view.tsx';

export default async function BuildRunPage({
  params,
}: {
  params: Promise<{ org: string; project: string; run: string }>;
}) {
  const { org, project, run } = await params;
  return <BuildRunView org={org} project={project} runId={run} />;
}
