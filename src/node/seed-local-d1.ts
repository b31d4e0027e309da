import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../../db/schema";
import { systemClock } from "../clock";
import { createLogger } from "../log";
import { hasNoListings, seedDemo } from "./seed-demo";

/**
 * `npm run dev:worker`'s demo listings: the local D1 that `wrangler dev` uses is a SQLite file
 * under .wrangler/state; before wrangler starts, the recorded feeds (the same as `npm start`
 * loads) are stored in it when it has no listing yet. Development only: never a remote database.
 */
async function main() {
  const dir = join(process.argv[2] ?? ".wrangler/state", "v3/d1/miniflare-D1DatabaseObject");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files[0]) throw new Error(`no local D1 database in ${dir}: apply the migrations first`);
  const client = createClient({ url: `file:${files[0]}` });
  const deps = { db: drizzle(client, { schema }), clock: systemClock, log: createLogger(() => {}) };
  try {
    if (!(await hasNoListings(deps))) return;
    const seeded = await seedDemo(deps);
    console.error(`Loaded ${seeded.stored} demo listings into the local D1 (development only; see README).`);
  } finally {
    client.close();
  }
}

main().catch((err) => {
  console.error(`demo listings not loaded: ${(err as Error).message}`);
  process.exit(1);
});
