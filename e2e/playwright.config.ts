import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Fixed per run so the config evaluated in workers agrees with the one that started the server. */
const port = Number(process.env.KILN_E2E_PORT ?? 3210);
// One data folder per run, wiped when the next run starts (the server still uses it during teardown).
// Workers re-read this file: they inherit the variable and leave the folder alone.
if (!process.env.KILN_E2E_DATA_DIR) {
  const dir = path.join(here, '.data', 'run');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // PostgreSQL runs as its own unprivileged user when the tests run as root: it must reach the folder.
  chmodSync(path.dirname(dir), 0o755);
  chmodSync(dir, 0o755);
  process.env.KILN_E2E_DATA_DIR = dir;
}
const dataDir = process.env.KILN_E2E_DATA_DIR;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './src',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node ../infra/bin/start.mjs',
    cwd: here,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    // The start script stops its children (web, worker, Temporal, PostgreSQL) in order on SIGTERM.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      KILN_DATA_DIR: dataDir,
      KILN_WEB_PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
