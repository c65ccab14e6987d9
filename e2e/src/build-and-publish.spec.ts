import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

test('build the demo template, watch it live, and publish the version to a channel', async ({
  page,
}, testInfo) => {
  await signIn(page);

  // The demo organization and its default project.
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await page
    .getByRole('main')
    .getByRole('link', { name: new RegExp(DEMO.project, 'i') })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${DEMO.org}/projects/${DEMO.project}$`));

  // The demo template, with line numbers.
  await page.getByRole('link', { name: DEMO.template, exact: true }).click();
  const source = page.getByRole('list', { name: 'Template source' });
  await expect(source).toBeVisible();
  const lineNumbers = source.getByTestId('line-number');
  expect(await lineNumbers.count()).toBeGreaterThan(3);
  await expect(lineNumbers.first()).toHaveText('1');
  await expect(page.getByText('No problems found.')).toBeVisible();

  // Build: the run page opens and log lines arrive while the run is still going.
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${DEMO.org}/projects/${DEMO.project}/runs/[0-9A-Z]+$`));
  const runId = page.url().split('/').at(-1)!;
  const log = page.getByRole('log', { name: 'Build log' });
  const status = page.getByTestId('run-status');

  await expect(log.getByText('building hello').first()).toBeVisible({ timeout: 120_000 });
  const statusWhenLineArrived = await status.getAttribute('data-status');
  expect(['queued', 'running']).toContain(statusWhenLineArrived);

  await expect(status).toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });
  await expect(page.getByRole('table').getByText('completed').first()).toBeVisible();

  const screenshot = testInfo.outputPath(`build-run-${runId}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('build run page', { path: screenshot, contentType: 'image/png' });

  // The registry: bucket, the new version with who and when, its build per source, the artifact.
  await page.goto(`/orgs/${DEMO.org}/projects/${DEMO.project}`);
  await page.getByRole('link', { name: DEMO.bucket, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Bucket ${DEMO.bucket}` })).toBeVisible();
  const version = page.getByTestId('version').first();
  await expect(version).toBeVisible();
  await expect(version.getByText(/^v\d+$/)).toBeVisible();
  await expect(version.getByText('active')).toBeVisible();
  await expect(version.getByText(/Fingerprint/)).toBeVisible();
  expect(await version.getAttribute('data-fingerprint')).toMatch(/\S{8,}/);
  await expect(version).toContainText(`Created by Demo User (${DEMO.email})`);
  await expect(version.getByText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/)).toBeVisible();
  const builds = version.getByTestId('version-build');
  expect(await builds.count()).toBeGreaterThan(0);
  await expect(builds.first().getByText('done')).toBeVisible();
  await expect(version.getByTestId('artifact').first()).toBeVisible();
  const versionName = (await version.getByText(/^v\d+$/).textContent())?.trim();

  // Assign it to `production`; the channel and its history show it.
  const form = page.getByRole('form', { name: 'Assign a channel' });
  await form.getByLabel('Channel').fill('production');
  await form.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByText(`Channel production now points at ${versionName}.`)).toBeVisible();
  const production = page.locator('[data-testid="channel"][data-channel="production"]');
  await expect(production.getByTestId('channel-version')).toHaveText(versionName!);
  const history = production.getByTestId('channel-history-entry');
  await expect(history.first()).toContainText(versionName!);
  await expect(history.first()).toContainText(`by Demo User (${DEMO.email})`);
});
