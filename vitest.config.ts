import { configDefaults, defineConfig } from 'vitest/config';

const SERVER_TESTS = 'server/src/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is single-threaded WASM: a few workers keep memory and CPU in check on 2 cores.
    maxWorkers: 2,
    // jest-dom matchers; Testing Library's cleanup in the jsdom test files.
    setupFiles: ['./web/src/testing/setup-dom.ts'],
    // The API suite runs twice: on the embedded PGlite, and through `pg` over the PostgreSQL wire
    // protocol as in production (`DATABASE_URL`). `openTestDatabase()` reads `testDatabase`.
    projects: [
      {
        extends: true,
        test: {
          name: 'packages',
          include: ['*/src/**/*.test.ts', '*/test/**/*.test.ts', '*/src/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, SERVER_TESTS],
          provide: { testDatabase: 'pglite' },
        },
      },
      {
        extends: true,
        test: { name: 'server over PGlite', include: [SERVER_TESTS], provide: { testDatabase: 'pglite' } },
      },
      {
        extends: true,
        test: {
          name: 'server over the PostgreSQL protocol',
          include: [SERVER_TESTS],
          provide: { testDatabase: 'postgres-protocol' },
        },
      },
    ],
  },
});
