import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

test('create an organization and a project, keep its owner, and manage a project service principal', async ({
  page,
}) => {
  await signIn(page);
  const slug = `acme-${Date.now().toString(36)}`;

  // A new organization: its creator is its owner.
  await page.goto(`/orgs/${DEMO.org}/settings`);
  const newOrg = page.getByRole('form', { name: 'Create an organization' });
  await newOrg.getByLabel('Slug').fill(slug);
  await newOrg.getByLabel('Name').fill('Acme Images');
  await newOrg.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}$`));
  await expect(page.getByText('No projects yet.')).toBeVisible();

  // A project in it.
  const newProject = page.getByRole('form', { name: 'Create a project' });
  await newProject.getByLabel('Slug').fill('web');
  await newProject.getByLabel('Name').fill('Web images');
  await newProject.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${slug}/projects/web$`));

  // Members: the creator is owner, and the last owner cannot leave.
  await page.goto(`/orgs/${slug}/settings`);
  const members = page.getByRole('region', { name: 'Members' });
  const me = members.locator(`[data-testid="member"][data-email="${DEMO.email}"]`);
  await expect(me.getByLabel(`Role of ${DEMO.email}`)).toHaveValue('owner');
  await me.getByRole('button', { name: 'Remove' }).click();
  await expect(members.getByRole('alert')).toContainText('the organization would be left without an owner');
  await me.getByLabel(`Role of ${DEMO.email}`).selectOption('admin');
  await expect(members.getByRole('alert')).toContainText('without an owner');

  // A service principal for the project only, then revoked.
  const principals = page.getByRole('region', { name: 'Service principals' });
  const form = principals.getByRole('form', { name: 'Create a service principal' });
  await form.getByLabel('Name').fill('web-ci');
  await form.getByLabel('Role').selectOption('contributor');
  await form.getByLabel('Project').selectOption('web');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(principals.getByRole('status')).toContainText('Service principal web-ci created');
  const row = principals.getByRole('row').filter({ hasText: 'web-ci' });
  await expect(row).toContainText('web');
  await expect(row).toContainText('active');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('revoked');

  // All of it is in the organization's audit trail.
  const audit = page.getByRole('region', { name: 'Audit trail' });
  for (const action of [
    'tenancy.organization.created',
    'tenancy.project.created',
    'auth.service-principal.created',
    'auth.service-principal.revoked',
  ]) {
    await expect(audit.locator(`[data-testid="audit-event"][data-action="${action}"]`)).toHaveCount(1);
  }
});
