import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs framework-free tests of src/, studio/ and content/;
// `server` builds and starts the real site once and runs page and browser tests against it.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/pages/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/server-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
