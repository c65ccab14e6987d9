import { AuditTrail } from '~/features/audit/audit-trail.tsx';
import { CreateOrganizationForm } from '~/features/settings/create-tenancy-forms.tsx';
import { Members } from '~/features/settings/members.tsx';
import { ServicePrincipals } from '~/features/settings/service-principals.tsx';
import { PageHeader, Section } from '~/features/ui/section.tsx';

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <>
      <PageHeader title="Settings" subtitle={`Organization ${org}`} />
      <Members org={org} />
      <ServicePrincipals org={org} />
      <AuditTrail org={org} />
      <Section title="New organization">
        <CreateOrganizationForm />
      </Section>
    </>
  );
}
