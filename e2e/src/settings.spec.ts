import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

test('a new service principal shows its secret once, is audited, and authenticates on the REST API', async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  const name = `e2e-${Date.now()}`;
  const form = page.getByRole('form', { name: 'Create a service principal' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Create' }).click();

  const shown = page.getByRole('status');
  await expect(shown).toContainText(`Service principal ${name} created`);
  const clientId = (await shown.getByTestId('client-id').textContent())!.trim();
  const clientSecret = (await shown.getByTestId('client-secret').textContent())!.trim();
  expect(clientId).not.toBe('');
  expect(clientSecret.length).toBeGreaterThanOrEqual(32);

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(clientId);
  await expect(row).toContainText('viewer');
  await expect(row).not.toContainText(clientSecret);

  const audit = page.getByRole('region', { name: 'Audit trail' });
  await expect(
    audit.getByRole('row').filter({ hasText: 'auth.service-principal.created' }).first(),
  ).toBeVisible();

  // Once the page is left, the secret is gone for good.
  await page.reload();
  await expect(page.getByText(clientSecret)).toHaveCount(0);

  // The REST plane behind the web app: no credentials → 401; the new principal's → past authentication.
  const url = `/api/v1/orgs/${DEMO.org}/projects/${DEMO.project}/buckets/${DEMO.bucket}/channels/no-such-channel`;
  const anonymous = await page.request.get(url, { headers: { authorization: '' } });
  expect(anonymous.status()).toBe(401);
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  const authenticated = await page.request.get(url, { headers: { authorization: `Basic ${basic}` } });
  expect(authenticated.status()).toBe(404);
  const wrong = Buffer.from(`${clientId}:not-the-secret`).toString('base64');
  const refused = await page.request.get(url, { headers: { authorization: `Basic ${wrong}` } });
  expect(refused.status()).toBe(401);
});
