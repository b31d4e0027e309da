import { describe, expect, it } from "vitest";
import { toCandidate } from "../../../src/digest/candidate";
import { CandidatePool } from "../../../src/digest/pool";
import { FIRST_DIGEST_LOOKBACK_MS, selectForSubscriber } from "../../../src/digest/select";
import { localTime } from "../../../src/digest/local-time";
import { matchListing, matchProfile } from "../../../src/digest/match";
import { rank } from "../../../src/digest/rank";
import { EMPLOYER_TYPES, FOCUSES, SENIORITIES, STACKS, type Seniority } from "../../../src/domain/facets";
import { seeded } from "../../support/seeded";
import { DEFAULT_PREFERENCES, type Preferences } from "../../../src/subscribers/preferences";
import {
  inCountries,
  inRegions,
  listingRow,
  remoteUnknown,
  usdYear,
  worldwide,
  type ListingOverrides,
} from "../../support/listing-factory";

const NOW = new Date("2026-03-30T08:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
/** A listing open to these levels ("Mid / Senior": two), the first as its single best one. */
const levels = (list: Seniority[]) => ({ seniority: list[0] ?? null, seniorities: list });

function select(
  listings: ListingOverrides[],
  opts: { prefs?: Partial<Preferences>; now?: Date; previous?: Date | null; mailed?: string[] } = {},
) {
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
    const { picked } = select(
      [
        { title: "repost", fingerprint: "fp-mailed", firstSeenAt: ago(1) },
        { title: "fresh", firstSeenAt: ago(1) },
      ],
      { mailed: ["fp-mailed"] },
    );
    expect(picked).toEqual(["fresh"]);
  });

  it("lists a listing with several chosen stacks once", () => {
    const { all } = select([{ title: "polyglot", stacks: ["go", "python"], firstSeenAt: ago(1) }], {
      prefs: { stacks: ["go", "python"] },
    });
    expect(all).toEqual(["polyglot"]);
  });

  it("compares a UTC-offset window with the subscriber's offset on that day (London: +0 in winter, +1 in summer)", () => {
    const plusOne = [
      {
        title: "UTC+1 only",
        remote: worldwide({ utcOffsetMin: 1, utcOffsetMax: 1 }),
        firstSeenAt: new Date("2026-03-20T12:00:00Z"),
      },
    ];
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

describe("selectForSubscriber against every listing checked one by one", () => {
  it.each([
    ["seeded, 400 subscribers", 7, 0.1, 0.15],
    ["seeded, 400 subscribers, most of them filtering on keywords, which then get bit sets of their own", 8, 0.6, 0.6],
  ])(
    "the pool's bit sets leave out nothing matchListing accepts, and the ranking is the same (%s)",
    (_name, seed, mustChance, excludeChance) => {
      const r = seeded(seed);
      const zones = [
        "Europe/Lisbon",
        "America/New_York",
        "Asia/Kolkata",
        "Australia/Sydney",
        "America/Sao_Paulo",
        "Europe/Berlin",
      ];
      const countries = ["PT", "US", "IN", "AU", "BR", "DE", "GB", "CA"];
      const rows = Array.from({ length: 300 }, (_, i) =>
        listingRow({
          id: `listing-${String(i).padStart(3, "0")}`,
          fingerprint: `fp-${i}`,
          title: `Backend engineer ${i}`,
          company: r.pick(["Acme", "Globex", "Initech", "Umbrella"]),
          description: r.pick([
            "We use kubernetes and postgres.",
            "Crypto payments team.",
            "Fintech APIs on AWS.",
            "Plain backend work.",
          ]),
          stacks: r.chance(0.9) ? r.some(STACKS, 3) : [],
          focus: r.chance(0.7) ? r.some(FOCUSES, 2) : [],
          ...levels(r.chance(0.7) ? r.some(SENIORITIES, 2) : []),
          employerType: r.chance(0.6) ? r.pick(EMPLOYER_TYPES) : null,
          salary: r.chance(0.5) ? usdYear(null, r.int(6, 25) * 10_000) : null,
          remote: r.pick([
            worldwide(),
            worldwide({ utcOffsetMin: -5, utcOffsetMax: 3 }),
            inRegions(r.pick(["europe", "americas", "apac"] as const)),
            inCountries(...r.some(countries, 2)),
            remoteUnknown(),
          ]),
          firstSeenAt: ago(r.int(0, 20) + r.next()),
        }),
      );
      const candidates = rows.map(toCandidate);
      const pool = new CandidatePool(candidates);
      for (let s = 0; s < 400; s++) {
        const timezone = r.pick(zones);
        const prefs: Preferences = {
          ...DEFAULT_PREFERENCES,
          timezone,
          stacks: r.chance(0.75) ? r.some(STACKS, 3) : [],
          focus: r.chance(0.3) ? r.some(FOCUSES, 2) : [],
          seniority: r.chance(0.4) ? r.some(SENIORITIES, 2) : [],
          employerTypes: r.chance(0.2) ? r.some(EMPLOYER_TYPES, 2) : [],
          includeUnknownEmployer: r.chance(0.5),
          minSalaryUsd: r.chance(0.3) ? r.int(8, 20) * 10_000 : null,
          includeNoSalary: r.chance(0.6),
          country: r.chance(0.7) ? r.pick(countries) : null,
          mustHaveKeywords: r.chance(mustChance) ? r.some(["kubernetes", "postgres", "aws"], 2) : [],
          excludedKeywords: r.chance(excludeChance) ? r.some(["crypto", "fintech"], 2) : [],
          excludedCompanies: r.chance(0.1) ? ["globex"] : [],
        };
        // Some previous digests older than every listing, so the oldest pool positions are reached too.
        const previous = r.chance(0.7) ? ago(r.chance(0.2) ? 30 : r.int(3, 10)) : null;
        const mailed = new Set(Array.from({ length: r.int(0, 20) }, () => `fp-${r.int(0, 299)}`));
        const selection = selectForSubscriber(pool, {
          prefs,
          now: NOW,
          previousComposedAt: previous,
          mailedFingerprints: mailed,
        });

        const since = previous ? previous.getTime() : NOW.getTime() - FIRST_DIGEST_LOOKBACK_MS;
        const profile = matchProfile(prefs, localTime(NOW, timezone).offsetMinutes);
        const oneByOne = candidates
          .filter((c) => c.firstSeenMs > since && !mailed.has(c.row.fingerprint))
          .map((c) => matchListing(c, profile))
          .filter((m) => m !== null);
        const expected = rank(
          oneByOne.map((m) => m.candidate),
          oneByOne.map((m) => m.score),
          NOW.getTime(),
        ).map((c) => c.row.id);
        expect(selection.all.map((c) => c.row.id)).toEqual(expected);
      }
    },
  );
});
