import { defineConfig } from 'vitest/config';

// Unit tests are pure (shared/, renderer logic, policies); integration tests touch real SQLite
// files and sockets on loopback. E2E has its own config (test/e2e/vitest.e2e.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'renderer/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
