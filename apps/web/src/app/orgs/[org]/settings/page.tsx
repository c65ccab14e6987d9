import { AuditTrail } from '~/features/audit/audit-trail.tsx';
import { ServicePrincipals } from '~/features/settings/service-principals.tsx';
import { PageHeader } from '~/features/ui/section.tsx';

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <>
      <PageHeader title="Settings" subtitle={`Organization ${org}`} />
      <ServicePrincipals org={org} />
      <AuditTrail org={org} />
    </>
  );
}
