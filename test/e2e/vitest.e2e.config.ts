import { defineConfig } from 'vitest/config';

// End-to-end specs drive the real console (browser mode in Chromium here; Electron through
// Playwright's _electron where E2E_TARGET=electron). One file at a time: Chromium on 2 cores.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
