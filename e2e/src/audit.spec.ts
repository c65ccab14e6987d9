import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/demo.ts';

test('the audit trail filters, verifies its chain and exports as CSV and JSON lines', async ({ page }) => {
  await signIn(page);
  await page.goto(`/orgs/${DEMO.org}/settings`);
  const audit = page.getByRole('region', { name: 'Audit trail' });
  await expect(audit.getByTestId('audit-event').first()).toBeVisible();

  // Filtering by an action prefix keeps only those actions.
  const filter = audit.getByRole('form', { name: 'Filter the audit trail' });
  await filter.getByLabel('Action').fill('auth.*');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(audit.getByTestId('audit-event').first()).toHaveAttribute('data-action', /^auth\./);
  const actions = await audit
    .getByTestId('audit-event')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.every((a) => a?.startsWith('auth.'))).toBe(true);

  // The hash chain verifies.
  await audit.getByRole('button', { name: 'Verify chain' }).click();
  const verification = audit.getByTestId('audit-verification');
  await expect(verification).toHaveAttribute('data-ok', 'true');
  await expect(verification).toContainText(/Chain intact: \d+ events checked/);

  // Exports hold the filtered events.
  const csvDownload = page.waitForEvent('download');
  await audit.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(new RegExp(`^audit-${DEMO.org}-\\d{8}T\\d{6}\\.csv$`));
  const csvLines = (await readFile((await csv.path())!, 'utf8')).trimEnd().split('\r\n');
  expect(csvLines[0]).toBe(
    'sequence,id,created_at,project_id,actor_type,actor_id,actor_name,action,target_type,target_id,data,hash',
  );
  expect(csvLines.length - 1).toBe(actions.length);

  const jsonlDownload = page.waitForEvent('download');
  await audit.getByRole('button', { name: 'Export JSON lines' }).click();
  const jsonl = await jsonlDownload;
  const events = (await readFile((await jsonl.path())!, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { action: string; hash: string });
  expect(events.map((e) => e.action).sort()).toEqual([...actions].sort());
  expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
});
