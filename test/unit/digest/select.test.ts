import { describe, expect, it } from "vitest";
import { toCandidate } from "../../../src/digest/candidate";
import { CandidatePool } from "../../../src/digest/pool";
import { selectForSubscriber } from "../../../src/digest/select";
import { DEFAULT_PREFERENCES, type Preferences } from "../../../src/subscribers/preferences";
import { listingRow, worldwide, type ListingOverrides } from "../../support/listing-factory";

const NOW = new Date("2026-03-30T08:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

function select(listings: ListingOverrides[], opts: { prefs?: Partial<Preferences>; now?: Date; previous?: Date | null; mailed?: string[] } = {}) {
  const pool = new CandidatePool(listings.map((l) => toCandidate(listingRow(l))));
  const selection = selectForSubscriber(pool, {
    prefs: { ...DEFAULT_PREFERENCES, ...opts.prefs },
    now: opts.now ?? NOW,
    previousComposedAt: opts.previous ?? null,
    mailedFingerprints: new Set(opts.mailed ?? []),
  });
  return { picked: selection.picked.map((m) => m.candidate.row.title), all: selection.all.map((c) => c.row.title) };
}

describe("selectForSubscriber", () => {
  it("after a previous digest, takes only listings first seen since it was composed", () => {
    const previous = ago(7);
    const { picked } = select(
      [
        { title: "before", firstSeenAt: new Date(previous.getTime() - 1) },
        { title: "after", firstSeenAt: new Date(previous.getTime() + 60_000) },
      ],
      { previous },
    );
    expect(picked).toEqual(["after"]);
  });

  it("never picks a fingerprint already mailed to this subscriber, however new the row", () => {
    const { picked } = select([{ title: "repost", fingerprint: "fp-mailed", firstSeenAt: ago(1) }, { title: "fresh", firstSeenAt: ago(1) }], { mailed: ["fp-mailed"] });
    expect(picked).toEqual(["fresh"]);
  });

  it("lists a listing with several chosen stacks once", () => {
    const { all } = select([{ title: "polyglot", stacks: ["go", "python"], firstSeenAt: ago(1) }], { prefs: { stacks: ["go", "python"] } });
    expect(all).toEqual(["polyglot"]);
  });

  it("compares a UTC-offset window with the subscriber's offset on that day (London: +0 in winter, +1 in summer)", () => {
    const plusOne = [{ title: "UTC+1 only", remote: worldwide({ utcOffsetMin: 1, utcOffsetMax: 1 }), firstSeenAt: new Date("2026-03-20T12:00:00Z") }];
    const london = { timezone: "Europe/London" };
    expect(select(plusOne, { prefs: london, now: new Date("2026-03-23T09:00:00Z") }).picked).toEqual([]);
    expect(select(plusOne, { prefs: london, now: new Date("2026-03-26T09:00:00Z") }).picked).toEqual([]);
    const summer = [{ ...plusOne[0]!, firstSeenAt: new Date("2026-03-30T06:00:00Z") }];
    expect(select(summer, { prefs: london, now: new Date("2026-03-30T08:00:00Z") }).picked).toEqual(["UTC+1 only"]);
  });

  it("keeps every match in `all` while the email gets at most the maximum", () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ title: `job ${i}`, firstSeenAt: ago(1) }));
    const { picked, all } = select(many, { prefs: { maxListings: 3 } });
    expect(picked).toHaveLength(3);
    expect(all).toHaveLength(5);
  });
});
