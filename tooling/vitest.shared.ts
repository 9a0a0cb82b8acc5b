import { defineConfig } from 'vitest/config';

/**
 * Shared vitest configuration: resolve workspace packages to their TypeScript sources
 * (the `@infogeom/source` export condition), run tests beside the code.
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
    reporters: process.env['CI'] ? ['dot'] : ['default'],
  },
});
