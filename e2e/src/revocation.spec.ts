import { expect, type Page, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

const projectPath = `/orgs/${DEMO.org}/projects/${DEMO.project}`;

/** A template whose one source copies the demo image read through `production`: a child of that version. */
const CHILD_TEMPLATE = `data "hcp-packer-artifact" "base" {
  bucket_name  = "demo"
  channel_name = "production"
  platform     = "local"
  region       = "local"
}

source "file" "app" {
  source = data.hcp-packer-artifact.base.external_identifier
  target = "app.txt"
}

build {
  name    = "app"
  sources = ["source.file.app"]

  hcp_packer_registry {
    bucket_name = "app"
  }
}
`;

/** Builds `template` from its page and waits for the run to succeed. */
async function build(page: Page, template: string) {
  await page.goto(`${projectPath}/templates/${template}`);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${projectPath}/runs/[0-9A-Z]+$`));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 120_000,
  });
}

test('revoke a version: the dialog shows its reach, descendants inherit, channels roll back; then restore', async ({
  page,
}) => {
  await signIn(page);
  await build(page, DEMO.template);
  await build(page, DEMO.template);

  // The newest demo version goes to production (after the one before it).
  await page.goto(`${projectPath}/buckets/${DEMO.bucket}`);
  const versions = page.getByTestId('version');
  const newest = versions.first();
  const newestName = (await newest.getAttribute('data-version'))!;
  const previousName = (await versions.nth(1).getAttribute('data-version'))!;
  const form = page.getByRole('form', { name: 'Assign a channel' });
  for (const name of [previousName, newestName]) {
    const select = form.getByLabel('Version');
    const value = await select.locator('option', { hasText: `${name} (` }).getAttribute('value');
    await select.selectOption(value!);
    await form.getByLabel('Channel').fill('production');
    await form.getByRole('button', { name: 'Assign' }).click();
    await expect(page.getByText(`Channel production now points at ${name}.`)).toBeVisible();
  }

  // A child template built from production's image.
  const childName = `app-${Date.now()}`;
  const created = await page.request.post('/api/trpc/templates.create', {
    data: { json: { org: DEMO.org, project: DEMO.project, name: childName, content: CHILD_TEMPLATE } },
  });
  expect(created.status()).toBe(200);
  await build(page, childName);
  await page.goto(`${projectPath}/buckets/app`);
  const child = page.getByTestId('version').first();
  await expect(child.getByTestId('build-parent')).toContainText(`demo ${newestName} via production`);
  const childVersion = (await child.getAttribute('data-version'))!;

  // The dialog shows what the revocation reaches before anything happens.
  await page.goto(`${projectPath}/buckets/${DEMO.bucket}`);
  await page
    .locator(`[data-testid="version"][data-version="${newestName}"]`)
    .getByRole('button', { name: 'Revoke' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Revoke ${newestName}` });
  await expect(dialog).toBeVisible();
  await expect(
    dialog.getByTestId('preview-descendant').filter({ hasText: `app ${childVersion}` }),
  ).toContainText('inherits the revocation');
  await expect(dialog.getByTestId('preview-channel').filter({ hasText: 'demo/production' })).toContainText(
    `→ ${previousName}`,
  );
  await dialog.getByLabel('Reason').fill('CVE-2026-4242 in the base image');
  await dialog.getByRole('button', { name: `Revoke ${newestName}` }).click();
  await expect(dialog).toBeHidden();

  const revoked = page.locator(`[data-testid="version"][data-version="${newestName}"]`);
  await expect(revoked).toHaveAttribute('data-status', 'revoked');
  await expect(revoked.getByTestId('revocation')).toContainText('CVE-2026-4242 in the base image');
  await expect(revoked.getByTestId('revocation')).toContainText(`by Demo User (${DEMO.email})`);
  const production = page.locator('[data-testid="channel"][data-channel="production"]');
  await expect(production.getByTestId('channel-version')).toHaveText(previousName);
  await expect(production.getByTestId('channel-history-entry').first()).toContainText(
    `rolled back: demo ${newestName} was revoked`,
  );

  // The child inherited it, naming the ancestor.
  await page.goto(`${projectPath}/buckets/app`);
  const inherited = page.locator(`[data-testid="version"][data-version="${childVersion}"]`);
  await expect(inherited).toHaveAttribute('data-status', 'revoked');
  await expect(inherited.getByTestId('revocation-inherited')).toHaveText(
    `(inherited from demo ${newestName})`,
  );

  // Restore lifts both.
  await page.goto(`${projectPath}/buckets/${DEMO.bucket}`);
  await revoked.getByRole('button', { name: 'Restore' }).click();
  await expect(revoked).toHaveAttribute('data-status', 'active');
  await expect(revoked.getByTestId('revocation')).toHaveCount(0);
  await page.goto(`${projectPath}/buckets/app`);
  await expect(inherited).toHaveAttribute('data-status', 'active');

  // Unassigning a channel leaves it without a version, in its history too.
  await page.goto(`${projectPath}/buckets/${DEMO.bucket}`);
  await production.getByRole('button', { name: 'Unassign' }).click();
  await expect(production.getByTestId('channel-version')).toHaveText('unassigned');
  await expect(production.getByTestId('channel-history-entry').first()).toContainText('unassigned');
});
