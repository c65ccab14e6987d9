import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Bundling the workflows takes seconds, more on a busy two-core machine.
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.int.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
