import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*/src/**/*.test.ts', '*/test/**/*.test.ts', '*/src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is single-threaded WASM: a few workers keep memory and CPU in check on 2 cores.
    maxWorkers: 2,
    // jest-dom matchers; Testing Library's cleanup in the jsdom test files.
    setupFiles: ['./web/src/testing/setup-dom.ts'],
  },
});
