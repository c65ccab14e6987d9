import { expect, type Page, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

const projectPath = `/orgs/${DEMO.org}/projects/${DEMO.project}`;

/** Builds `template` from its page and waits for the run to succeed. */
async function build(page: Page, template: string) {
  await page.goto(`${projectPath}/templates/${template}`);
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${projectPath}/runs/[0-9A-Z]+$`));
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 120_000,
  });
}

// Inheritance by descendants is covered against PostgreSQL in packages/api (revocation.int.test.ts):
// a browser-built child of a local file artifact would have to copy another run's file, which path
// confinement refuses.
test('revoke a version: the dialog shows its reach, channels roll back; then restore', async ({ page }) => {
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

  // The dialog shows what the revocation reaches before anything happens.
  await page.goto(`${projectPath}/buckets/${DEMO.bucket}`);
  await page
    .locator(`[data-testid="version"][data-version="${newestName}"]`)
    .getByRole('button', { name: 'Revoke' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Revoke ${newestName}` });
  await expect(dialog).toBeVisible();
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

  // Restore lifts it.
  await revoked.getByRole('button', { name: 'Restore' }).click();
  await expect(revoked).toHaveAttribute('data-status', 'active');
  await expect(revoked.getByTestId('revocation')).toHaveCount(0);

  // Unassigning a channel leaves it without a version, in its history too.
  await page.goto(`${projectPath}/buckets/${DEMO.bucket}`);
  await production.getByRole('button', { name: 'Unassign' }).click();
  await expect(production.getByTestId('channel-version')).toHaveText('unassigned');
  await expect(production.getByTestId('channel-history-entry').first()).toContainText('unassigned');
});
