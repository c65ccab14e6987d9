// A typed pass for what Biome cannot see: promises left floating (every Temporal call must be awaited).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/dist/**',
      '**/.data/**',
      '**/.tools/**',
      '**/*.mjs',
      '**/*.js',
      'e2e/**',
      '**/*.config.ts',
    ],
  },
  {
    files: ['apps/**/*.{ts,tsx}', 'packages/**/*.ts', 'infra/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
);
