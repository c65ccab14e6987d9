import { expect, type Page } from '@playwright/test';

/** What `seedDemo` creates and `npm start` prints. */
export const DEMO = {
  email: 'demo@kiln.local',
  password: 'kiln-demo',
  org: 'demo',
  project: 'default',
  template: 'hello',
  bucket: 'demo',
} as const;

export async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The only organization opens directly.
  await expect(page).toHaveURL(new RegExp(`/orgs/${DEMO.org}$`));
}
