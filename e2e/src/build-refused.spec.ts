import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

const BROKEN = `source "file" "broken" {
  content = "one"
  target  = = "two"
}

build {
  sources = ["source.file.broken"
}
`;

test('a template with syntax errors is refused on Build with every diagnostic, and no run starts', async ({
  page,
}, testInfo) => {
  await signIn(page);
  const templatePath = `/orgs/${DEMO.org}/projects/${DEMO.project}/templates/${DEMO.template}`;
  await page.goto(templatePath);
  await expect(page.getByRole('list', { name: 'Template source' })).toBeVisible();

  const recentRuns = page.getByTestId('recent-runs');
  await expect(recentRuns).toHaveAttribute('data-count', /^\d+$/);
  const runsBefore = await recentRuns.getAttribute('data-count');

  // The live diagnostics already show the problems while typing.
  const editor = page.getByLabel('Template editor');
  const original = await editor.inputValue();
  await editor.fill(BROKEN);
  const live = page.getByRole('list', { name: 'Live diagnostics' });
  await expect(live.getByTestId('diagnostic').first()).toBeVisible();

  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const refusal = page.getByRole('list', { name: 'Refusal diagnostics' });
  await expect(refusal).toBeVisible();
  const diagnostics = refusal.getByTestId('diagnostic');
  const count = await diagnostics.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i += 1) {
    const item = diagnostics.nth(i);
    await expect(item).toContainText(/\S+\.pkr\.hcl:\d+:\d+/);
    await expect(item.locator('pre')).not.toBeEmpty();
  }
  await expect(refusal).toContainText('target  = = "two"');
  const screenshot = testInfo.outputPath('build-refused.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach('refused build', { path: screenshot, contentType: 'image/png' });

  // Still on the template page; no run was created and no revision was saved.
  await expect(page).toHaveURL(new RegExp(`${templatePath}$`));
  await page.reload();
  await expect(page.getByTestId('recent-runs')).toHaveAttribute('data-count', runsBefore!);
  await expect(editor).toHaveValue(original);
});

test('a template or build run that does not exist is the not-found page, not an endless "Loading"', async ({
  page,
}) => {
  await signIn(page);
  const base = `/orgs/${DEMO.org}/projects/${DEMO.project}`;
  for (const path of [
    `${base}/templates/no-such-template`,
    `${base}/runs/01ARZ3NDEKTSV4RRFFQ69G5FAV`,
    `${base}/runs/not-a-ulid`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByText('Loading template…')).toHaveCount(0);
  }
});
