import { defineConfig } from "vitest/config";

// Three tiers (STYLE.md §16): unit is pure and fast, integration uses real libSQL files,
// real HTTP and the fake Resend server, browser drives Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.{ts,tsx}"] } },
      {
        extends: true,
        test: { name: "integration", include: ["test/integration/**/*.test.{ts,tsx}"], testTimeout: 30_000 },
      },
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
