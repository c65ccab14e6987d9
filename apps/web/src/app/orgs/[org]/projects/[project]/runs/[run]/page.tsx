import { notFound } from 'next/navigation';
import { BuildRunView } from '~/features/builds/build-run-view.tsx';
import { serverCaller } from '~/server/caller.ts';
import { orNotFound } from '~/server/not-found.ts';

export const dynamic = 'force-dynamic';

export default async function BuildRunPage({
  params,
}: {
  params: Promise<{ org: string; project: string; run: string }>;
}) {
  const { org, project, run } = await params;
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(run)) notFound();
  await orNotFound((await serverCaller()).buildRuns.get({ org, project, id: run }));
  return <BuildRunView org={org} project={project} runId={run} />;
}
