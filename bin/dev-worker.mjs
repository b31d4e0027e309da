#!/usr/bin/env node
// npm run dev:worker [-- wrangler dev arguments]: the Worker locally, like `npm start` — local D1
// with the migrations applied and the demo listings, local Queues, mail in the outbox
// (/dev/outbox) since .dev.vars sets no RESEND_API_KEY. Writes .dev.vars once (development values
// and a generated TOKEN_SECRET; git-ignored; PUBLIC_URL follows --port), then hands every extra
// argument to `wrangler dev`.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tsImport } from "tsx/esm/api";

const args = process.argv.slice(2);
const portAt = args.findIndex((a) => a === "--port" || a.startsWith("--port="));
const port = portAt < 0 ? "8787" : args[portAt].includes("=") ? args[portAt].split("=")[1] : args[portAt + 1];

// src/node/dev-vars.ts (through tsx, as seed-local-d1.ts runs below): written once, its PUBLIC_URL
// moved to this run's port.
const { devVars } = await tsImport("../src/node/dev-vars.ts", import.meta.url);
const existing = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : null;
const vars = devVars(existing, port, () => randomBytes(32).toString("base64url"));
if (vars !== existing) {
  writeFileSync(".dev.vars", vars, { mode: 0o600 });
  console.error(
    existing === null
      ? "Wrote .dev.vars (development settings, a generated TOKEN_SECRET)."
      : `Set PUBLIC_URL in .dev.vars to http://localhost:${port}, this run's port.`,
  );
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
