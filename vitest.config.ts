import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// One config, four projects: `npm test` runs tool + widgets (PGlite, offline);
// `npm run test:pg` runs the database suites against a real PostgreSQL server;
// `npm run test:e2e` drives Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'tool',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/widgets/**', 'test/pg-only/**'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [preact()],
        test: {
          name: 'widgets',
          environment: 'happy-dom',
          include: ['test/widgets/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'tool-pg',
          environment: 'node',
          include: ['test/**/integration/**/*.test.ts', 'test/pg-only/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/widgets/**'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
