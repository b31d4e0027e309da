#!/usr/bin/env node
// npm run dev:worker [-- wrangler dev arguments]: the Worker locally, like `npm start` — local D1
// with the migrations applied and the demo listings, local Queues, mail in the outbox
// (/dev/outbox) since .dev.vars sets no RESEND_API_KEY. Writes .dev.vars once (development values
// and a generated TOKEN_SECRET; git-ignored), then hands every extra argument to `wrangler dev`.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const portAt = args.findIndex((a) => a === "--port" || a.startsWith("--port="));
const port = portAt < 0 ? "8787" : args[portAt].includes("=") ? args[portAt].split("=")[1] : args[portAt + 1];

if (!existsSync(".dev.vars")) {
  const vars = {
    NODE_ENV: "development",
    PUBLIC_URL: `http://localhost:${port}`,
    TOKEN_SECRET: randomBytes(32).toString("base64url"),
    // One small slice per message, so a local run shows the fan-out.
    DIGEST_SLICE_SIZE: "50",
  };
  writeFileSync(
    ".dev.vars",
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
    { mode: 0o600 },
  );
  console.error("Wrote .dev.vars (development settings, a generated TOKEN_SECRET).");
}

const step = (cmd, list) => {
  const run = spawnSync(cmd, list, { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
};
step("npx", ["wrangler", "d1", "migrations", "apply", "backend-weekly", "--local"]);
step(process.execPath, ["--import", "tsx", "src/node/seed-local-d1.ts"]);
// --test-scheduled: /__scheduled?cron=… runs a Cron Trigger by hand (README "Cloudflare Workers").
const dev = spawnSync("npx", ["wrangler", "dev", "--test-scheduled", ...args], { stdio: "inherit" });
process.exit(dev.status ?? 0);
