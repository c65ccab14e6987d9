import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

const WITH_BREAKPOINT = `source "file" "hello" {
  content = "hello from kiln"
  target  = "hello.txt"
}

build {
  name    = "demo"
  sources = ["source.file.hello"]

  provisioner "breakpoint" {
    note = "look at hello.txt"
  }

  provisioner "shell-local" {
    inline = ["echo resumed-ok", "sleep 60", "echo never-printed"]
  }
}
`;

test('a build waits at its breakpoint until Resume, and Cancel stops it, cleaning up', async ({
  page,
}, testInfo) => {
  await signIn(page);
  const templatePath = `/orgs/${DEMO.org}/projects/${DEMO.project}/templates/${DEMO.template}`;
  await page.goto(templatePath);
  const editor = page.getByLabel('Template editor');
  await expect(editor).toBeVisible();
  const original = await editor.inputValue();
  try {
    await editor.fill(WITH_BREAKPOINT);
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    await expect(page).toHaveURL(/\/runs\/[0-9A-Z]+$/);

    const resume = page.getByTestId('resume-build');
    await expect(resume).toBeVisible({ timeout: 120_000 });
    const log = page.getByRole('log', { name: 'Build log' });
    await expect(log.getByText(/Paused at a breakpoint \(look at hello.txt\)/).first()).toBeVisible();
    await expect(log.getByText('resumed-ok')).toHaveCount(0);
    await resume.click();
    await expect(log.getByText('resumed-ok').first()).toBeVisible({ timeout: 60_000 });

    await page.getByTestId('cancel-run').click();
    const status = page.getByTestId('run-status');
    await expect(status).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
    await expect(log.getByText('never-printed')).toHaveCount(0);
    await expect(page.getByText('This run created no temporary resources.')).toBeVisible();
    const screenshot = testInfo.outputPath('cancelled-run.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('cancelled run', { path: screenshot, contentType: 'image/png' });
  } finally {
    // Leave the demo template as the other specs know it.
    await page.goto(templatePath);
    await page.getByLabel('Template editor').fill(original);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('No problems found.')).toBeVisible();
  }
});
