import { BucketView } from '~/features/buckets/bucket-view.tsx';

export default async function BucketPage({
  params,
}: {
  params: Promise<{ org: string; project: string; bucket: string }>;
}) {
  const { org, project, bucket } = await params;
  return <BucketView org={org} project={project} bucket={decodeURIComponent(bucket)} />;
}
