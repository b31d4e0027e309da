/// <reference types="vite/client" />

// Every recorded payload's text, bundled by Vite (`?raw`): works in the Node pool and inside
// workerd (test/workers/vitest.config.ts runs the source tests there too), where node:fs does not.
const FEEDS = import.meta.glob<string>("../../../fixtures/feeds/**/*", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** The text of a recorded payload under test/fixtures/feeds/ (e.g. "lever/ATS_Polling__lever.json"). */
export function readFeed(path: string): string {
  const text = FEEDS[`../../../fixtures/feeds/${path}`];
  if (text === undefined) throw new Error(`no fixture test/fixtures/feeds/${path}`);
  return text;
}

/** Fixed "now" for normalised listings. */
export const NOW = "2026-09-10T08:00:00.000Z";
