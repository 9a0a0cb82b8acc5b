import { defineConfig } from 'vitest/config';

const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';

/**
 * Shared vitest configuration: resolve workspace packages to their TypeScript sources
 * (the `@infogeom/source` export condition), run tests beside the code. In CI a JSON report
 * is written to `test-results.json` so `tooling/scripts/test-summary.mjs` can total the run.
 */
export const sharedVitestConfig = defineConfig({
  resolve: {
    conditions: ['@infogeom/source'],
  },
  ssr: {
    resolve: {
      conditions: ['@infogeom/source'],
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
    reporters: ci ? ['dot', ['json', { outputFile: 'test-results.json' }]] : ['default'],
  },
});
