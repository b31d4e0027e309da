/**
 * How long successive fetches must keep returning nothing (or under half of what the last trusted
 * fetch returned) before the shrink is believed and its missing listings start counting misses.
 */
export const SHRINK_CONFIRM_MS = 24 * 3_600_000;

export interface FetchVerdict {
  /** Whether what the fetch lacked counts as missing (a miss toward closing). */
  closes: boolean;
  /** Why the fetch was not trusted to close anything, for the summary and the logs (null: it was). */
  suspicious: string | null;
  /** What the source's state keeps for the next fetch. */
  trustedCount: number | null;
  suspiciousSince: Date | null;
}

/**
 * Judges a successful fetch as evidence (DESIGN.md §3, issue 17): a source that suddenly returns
 * nothing, or fewer than half the items of the last fetch trusted to close listings, is more
 * likely broken (an API answering `{"jobs":[]}`, a board mid-migration) than emptied, so it closes
 * nothing and is reported. A shrink that lasts SHRINK_CONFIRM_MS is real: it becomes the new
 * baseline and the listings it lacks count misses again (closing after two such fetches). A fetch
 * cut at the source's listing cap is never complete evidence either.
 */
export function judgeFetch(input: {
  returned: number;
  baseline: number | null;
  capped: boolean;
  suspiciousSince: Date | null;
  now: Date;
}): FetchVerdict {
  const { returned, baseline, now } = input;
  const trusted = (): FetchVerdict => ({
    closes: !input.capped,
    suspicious: null,
    trustedCount: returned,
    suspiciousSince: null,
  });
  if (!baseline || returned * 2 >= baseline) return trusted();
  // A mark left in the future by a run with a clock ahead starts again now.
  const since = input.suspiciousSince && input.suspiciousSince <= now ? input.suspiciousSince : now;
  if (now.getTime() - since.getTime() >= SHRINK_CONFIRM_MS) return trusted();
  const what = returned === 0 ? "nothing" : `${returned} items`;
  return {
    closes: false,
    suspicious: `returned ${what}, under half of the ${baseline} of the last trusted fetch: closed nothing (believed if it lasts ${SHRINK_CONFIRM_MS / 3_600_000} hours, since ${since.toISOString()})`,
    trustedCount: baseline,
    suspiciousSince: since,
  };
}
