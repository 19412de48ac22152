import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'sync-server/**/*.test.ts',
      'client/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
      // Real Chromium against a real server (e2e/harness.ts); each file sets its own longer timeouts.
      'e2e/**/*.e2e.test.ts',
    ],
    environment: 'node',
  },
});
