import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// The `workers` project (npm run test:workers): tests inside workerd with the Worker of
// wrangler.toml, a real local D1 with the drizzle migrations, real local Queues, and the fake
// Resend (a Node server started by global-setup.ts) reached by the Worker's outbound fetch.
const root = new URL("../../", import.meta.url).pathname;

// Unit tests that read fixtures also run here, as proof that their fixture imports (Vite's `?raw`
// and glob, not node:fs) and the code under test work inside workerd: the source adapters on the
// recorded payloads, and every email template rendered by React Email.
const UNIT_IN_WORKERD = [
  "test/unit/listings/sources-ats.test.ts",
  "test/unit/listings/sources-boards.test.ts",
  "test/unit/emails/templates-render.test.ts",
];

export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      main: `${root}src/worker.ts`,
      wrangler: { configPath: `${root}wrangler.toml` },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(`${root}db/migrations`),
          NODE_ENV: "test",
          TOKEN_SECRET: "workers-test-secret-0123456789abcdef",
          PUBLIC_URL: "http://localhost:8787",
          MAIL_FROM: "Backend Weekly <digest@example.com>",
          RESEND_API_KEY: "re_workers_test",
          RESEND_BASE_URL: inject("fakeResendUrl"),
          FAKE_RESEND_CONTROL: inject("fakeResendControl"),
          FAKE_TURSO_TOKEN: inject("fakeTursoToken"),
          SEND_RATE_PER_SEC: "1000",
          DIGEST_SLICE_SIZE: "4",
        },
        queueConsumers: {
          "backend-weekly-digest": { maxBatchTimeout: 0.05 },
          "backend-weekly-ingest": { maxBatchTimeout: 0.05 },
        },
      },
    })),
  ],
  test: {
    name: "workers",
    root,
    include: ["test/workers/**/*.test.ts", ...UNIT_IN_WORKERD],
    globalSetup: ["test/workers/support/global-setup.ts"],
    setupFiles: ["test/workers/support/apply-migrations.ts"],
    // One fake Resend for the project: its files take turns.
    fileParallelism: false,
    testTimeout: 60_000,
    // The Worker logs a JSON line per request and job: keep the report readable.
    onConsoleLog: () => false,
  },
});
