import { defineConfig } from "vitest/config";

/**
 * The slow tests: real process kills, a 100,000-row import, and the renderer's byte-equivalence
 * over hundreds of generated digests. `npm test` leaves them out; `npm run test:slow` and .ci/run
 * run them.
 */
const SLOW = [
  "test/integration/digest/crash.test.ts",
  "test/integration/digest/crash-refused.test.ts",
  "test/integration/manage/import-kill.test.ts",
  "test/integration/manage/import-kill-refused.test.ts",
  "test/integration/manage/import-large.test.ts",
  "test/unit/digest-render/equivalence.test.ts",
];

// Four tiers (STYLE.md §16): unit is pure and fast, integration uses real libSQL files,
// real HTTP and the fake Resend server, slow holds the long ones of both, browser drives
// Debian's Chromium.
export default defineConfig({
  test: {
    // D1's statement limits on every database the suite opens, the service and CLI processes it
    // starts included (they inherit the environment): the crash and concurrency tests prove the
    // code portable too (db/statement-limits.ts).
    env: { DATABASE_STATEMENT_LIMITS: "d1" },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.{ts,tsx}"], exclude: SLOW } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.{ts,tsx}"],
          exclude: SLOW,
          testTimeout: 30_000,
        },
      },
      { extends: true, test: { name: "slow", include: SLOW, testTimeout: 240_000, hookTimeout: 60_000 } },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.{ts,tsx}"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
