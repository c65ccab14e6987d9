import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.int.test.ts'],
    globalSetup: ['@kiln/testing/vitest/postgres-setup'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
