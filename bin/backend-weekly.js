#!/usr/bin/env node
// The installed `backend-weekly` command: runs the TypeScript CLI through tsx.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx/cli");
const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
// V8 start-up flags the service runs with (see START_FLAGS in src/node/heap.ts); tsx passes NODE_OPTIONS on.
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=32`.trim() };
const result = spawnSync(process.execPath, [tsx, cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
