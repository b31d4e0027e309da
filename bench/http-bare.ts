/** The bare baseline for bench/http.ts: a Hono app answering every GET / with fixed bytes. */
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const [file, port] = process.argv.slice(2);
const body = readFileSync(file!, "utf8");
const app = new Hono().get("/", (c) => c.html(body));
serve({ fetch: app.fetch, port: Number(port), hostname: "127.0.0.1" }, () => console.log("ready"));
