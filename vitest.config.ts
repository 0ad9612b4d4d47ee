import { defineConfig } from 'vitest/config';

// Two projects:
//  - unit: test/unit/**/*.test.ts, no Docker Engine needed
//    (`npx vitest run test/unit` or `npm run test:unit`).
//  - e2e:  test/e2e/**/*.test.ts, talks to a Docker Engine. Its globalSetup
//    (test/global-setup.ts) only runs when at least one e2e file is selected; it
//    checks the engine answers and compiles src/ to dist/ for runCli().
//    Run them through `npm test` (scripts/with-test-services.sh starts a
//    private engine), or `bash scripts/with-test-services.sh npx vitest run test/e2e`.
//
// IMAGEGATE_E2E_WORKERS sets how many e2e files run at once (default 2; image
// builds on the vfs storage driver are disk heavy).
const e2eWorkers = Number.parseInt(process.env.IMAGEGATE_E2E_WORKERS ?? '', 10) || 2;

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 10_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          maxWorkers: e2eWorkers,
          // e2e files run after the unit files, in their own group, so they can
          // have their own worker count
          sequence: { groupOrder: 1 },
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
