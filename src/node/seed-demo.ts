import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { count } from "drizzle-orm";
import { listings } from "../../db/schema";
import type { Deps } from "../deps";
import { toCandidates } from "../listings/candidates";
import { getSourceAdapter, type SourceType } from "../listings/sources";
import { storeFetchedListings } from "../listings/store";

/** Recorded real payloads (test/fixtures/feeds, see SOURCES.md there) that make a useful demo. */
const DEMO_FEEDS: { file: string; type: SourceType; company?: string }[] = [
  { file: "remoteok/remoteok_api_2024-12-04_excerpt.json", type: "remoteok" },
  { file: "remoteok/lcarlini_JobSearchAggregator__remoteok.json", type: "remoteok" },
  { file: "jobicy/jobicy_v2_remote-jobs_tag-python_2024-12-08.json", type: "jobicy" },
  { file: "jobicy/lcarlini_JobSearchAggregator__jobicy.json", type: "jobicy" },
  { file: "weworkremotely/louisinayinde_jobs__wwr_programming_excerpt.xml", type: "weworkremotely" },
  { file: "himalayas/louisinayinde_jobs__himalayas_excerpt.json", type: "himalayas" },
  { file: "hackernews/louisinayinde_jobs__hn_thread.json", type: "hackernews" },
  { file: "ashby/lcarlini_JobSearchAggregator__ashby.json", type: "ashby" },
  { file: "lever/ehddd3579-dot_career-page-job-monitor__lever_leverdemo.json", type: "lever", company: "Lever Demo" },
  { file: "jsonld/louisinayinde_jobs__japandev_job.html", type: "jsonld" },
];

const feedsDir = fileURLToPath(new URL("../../test/fixtures/feeds/", import.meta.url));

/**
 * Loads the demo listings. Their recorded dates are years old, so each listing's posted date is
 * moved into the last few days (and any expiry dropped): the demo shows a fresh week, which is
 * the point of it. Idempotent: loading twice merges into the same listings.
 */
export async function seedDemo(
  deps: Pick<Deps, "db" | "clock" | "log">,
): Promise<{ files: number; stored: number; failed: string[] }> {
  const now = deps.clock.now();
  let stored = 0;
  const failed: string[] = [];
  for (const [i, feed] of DEMO_FEEDS.entries()) {
    try {
      const text = await readFile(feedsDir + feed.file, "utf8");
      const raws = getSourceAdapter(feed.type).parse(text, {
        sourceName: `demo-${feed.type}`,
        ...(feed.company ? { company: feed.company } : {}),
      });
      const { candidates } = toCandidates(raws, { type: feed.type, employerType: null, now });
      const fresh = candidates.map((c, j) => ({
        ...c,
        postedAt: new Date(now.getTime() - ((i + j) % 6) * 86_400_000 - 3_600_000).toISOString(),
        expiresAt: null,
      }));
      const summary = await storeFetchedListings(deps.db, {
        sourceName: `demo-${i}-${feed.type}`,
        candidates: fresh,
        now,
        complete: false,
      });
      stored += summary.new;
    } catch (err) {
      failed.push(`${feed.file}: ${(err as Error).message}`);
    }
  }
  deps.log.info("seed_demo.finished", { files: DEMO_FEEDS.length, stored, failed: failed.length });
  return { files: DEMO_FEEDS.length, stored, failed };
}

/** True when no listing has ever been stored: a brand-new embedded database. */
export async function hasNoListings(deps: Pick<Deps, "db">): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(listings);
  return (row?.n ?? 0) === 0;
}
