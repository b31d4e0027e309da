import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The text of a recorded payload under test/fixtures/feeds/ (e.g. "lever/ATS_Polling__lever.json"). */
export function readFeed(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../fixtures/feeds/${path}`, import.meta.url)), "utf8");
}

/** Fixed "now" for normalised listings. */
export const NOW = "2026-09-10T08:00:00.000Z";
