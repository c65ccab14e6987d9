import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

const MISSPELT = `source "file" "hello" {
  content = "hello"
  targt   = "hello.txt"
}

build {
  sources = ["source.file.hello"]
}
`;

test('the editor checks settings against the plugins while typing, as a build would', async ({ page }) => {
  await signIn(page);
  await page.goto(`/orgs/${DEMO.org}/projects/${DEMO.project}/templates/${DEMO.template}`);
  await expect(page.getByRole('list', { name: 'Template source' })).toBeVisible();

  await page.getByLabel('Template editor').fill(MISSPELT);
  const live = page.getByRole('list', { name: 'Live diagnostics' });
  await expect(live).toContainText('Unsupported argument');
  await expect(live).toContainText('targt   = "hello.txt"');
  await expect(live).toContainText('Missing required argument');
});
