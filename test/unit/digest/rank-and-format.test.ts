import { describe, expect, it } from "vitest";
import type { ListingRow } from "../../../db/schema";
import { toCandidate, type Candidate } from "../../../src/digest/candidate";
import { digestHeading, digestPreview, formatRemote, formatSalary } from "../../../src/digest/format";
import type { Match } from "../../../src/digest/match";
import { applyLimits, rank } from "../../../src/digest/rank";
import {
  inCountries,
  inRegions,
  listingRow,
  remoteUnknown,
  usdYear,
  worldwide,
  type ListingOverrides,
} from "../../support/listing-factory";
import { seeded } from "../../support/seeded";
import { FACET_LABELS, type Stack } from "../../../src/domain/facets";

const NOW = new Date("2026-03-23T08:00:00Z");
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const match = (overrides: ListingOverrides, score = 0): Match => ({
  candidate: toCandidate(listingRow(overrides)),
  score,
  reasons: [],
});
const titles = (cs: Candidate[]) => cs.map((c) => c.row.title);
const rankMatches = (ms: Match[], nowMs: number) =>
  rank(
    ms.map((m) => m.candidate),
    ms.map((m) => m.score),
    nowMs,
  );

describe("rankMatches", () => {
  it("puts the stronger match first, then the fresher, then the one stating a salary", () => {
    const ranked = rankMatches(
      [
        match({ title: "old weak", firstSeenAt: daysAgo(13) }, 2),
        match({ title: "strong", firstSeenAt: daysAgo(6) }, 6),
        match({ title: "fresh weak", firstSeenAt: daysAgo(0) }, 2),
        match({ title: "old weak with salary", firstSeenAt: daysAgo(13), salary: usdYear(150_000, 180_000) }, 2),
      ],
      NOW.getTime(),
    );
    expect(titles(ranked)).toEqual(["strong", "fresh weak", "old weak with salary", "old weak"]);
  });

  it("is deterministic on ties: newer first, then by id", () => {
    const a = match({ id: "b", title: "b", firstSeenAt: daysAgo(20) });
    const b = match({ id: "a", title: "a", firstSeenAt: daysAgo(20) });
    const c = match({ id: "c", title: "c", firstSeenAt: daysAgo(20) });
    expect(titles(rankMatches([a, b, c], NOW.getTime()))).toEqual(["a", "b", "c"]);
    expect(titles(rankMatches([c, b, a], NOW.getTime()))).toEqual(["a", "b", "c"]);
  });
});

describe("applyLimits", () => {
  it("keeps at most two listings per company, counting 'Acme' and 'ACME, Inc.' as one, in ranked order", () => {
    const ranked = [
      match({ title: "a1", company: "Acme" }),
      match({ title: "b1", company: "Beta" }),
      match({ title: "a2", company: "ACME" }),
      match({ title: "a3", company: "acme" }),
      match({ title: "b2", company: "Beta" }),
    ];
    expect(
      titles(
        applyLimits(
          ranked.map((m) => m.candidate),
          20,
        ),
      ),
    ).toEqual(["a1", "b1", "a2", "b2"]);
  });

  it("stops at the subscriber's maximum, skipping a third listing of one company rather than counting it", () => {
    const ranked = ["A", "A", "A", "B", "C", "D"].map((company, i) => match({ title: `${company}${i}`, company }));
    expect(
      titles(
        applyLimits(
          ranked.map((m) => m.candidate),
          4,
        ),
      ),
    ).toEqual(["A0", "A1", "B3", "C4"]);
    expect(
      applyLimits(
        ranked.map((m) => m.candidate),
        1,
      ),
    ).toHaveLength(1);
  });
});

describe("digest heading and preview", () => {
  const rows = (stacks: ListingRow["stacks"][]) => stacks.map((s) => listingRow({ stacks: s }));

  it("names one or two stacks only when every listing carries one of them: '7 new remote Go and Python roles'", () => {
    const seven = rows([["go"], ["go"], ["go", "python"], ["python"], ["python"], ["go"], ["python", "rust"]]);
    expect(digestHeading(seven, [])).toBe("7 new remote Go and Python roles");
    expect(digestHeading(rows([["go"], ["go", "rust"]]), [])).toBe("2 new remote Go roles");
    expect(digestHeading(rows([["go"], ["python"], ["ruby"]]), [])).toBe("3 new remote backend roles");
  });

  it("only names stacks the subscriber asked for", () => {
    expect(digestHeading(rows([["go", "rust"], ["rust", "python"], ["python"]]), ["python", "go"])).toBe(
      "3 new remote Python and Go roles",
    );
    expect(digestHeading(rows([["rust"], ["rust"]]), ["rust"])).toBe("2 new remote Rust roles");
    expect(digestHeading(rows([["go"], ["node"], ["python"]]), ["go", "node", "python"])).toBe(
      "3 new remote backend roles",
    );
  });

  it("never names a stack some listing lacks, and says 'backend' only when no two stacks cover all (seeded)", () => {
    const r = seeded(11);
    const STACKS: Stack[] = ["go", "python", "rust", "java", "node", "ruby", "elixir"];
    const label = new Map(STACKS.map((s) => [FACET_LABELS[s], s]));
    for (let i = 0; i < 500; i++) {
      const list = rows(Array.from({ length: r.int(1, 12) }, () => (r.chance(0.1) ? [] : r.some(STACKS, 2))));
      const preferred = r.chance(0.5) ? [] : r.some(STACKS, 3);
      const allowed = preferred.length ? preferred : STACKS;
      const covers = (set: Stack[]) => list.every((row) => row.stacks.some((s) => set.includes(s as Stack)));
      const kind = /^\d+ new remote (.+) roles?$/.exec(digestHeading(list, preferred))![1]!;
      if (kind === "backend") {
        for (const a of allowed) for (const b of allowed) expect(covers([a, b])).toBe(false);
      } else {
        const named = kind.split(" and ").map((l) => label.get(l)!);
        expect(named.every((s) => allowed.includes(s))).toBe(true);
        expect(covers(named)).toBe(true);
      }
    }
  });

  it("says 'backend' when no stack is stated, and the singular for one role", () => {
    expect(digestHeading(rows([[]]), [])).toBe("1 new remote backend role");
  });

  it("says when the email shows only the top of the week's matches, without naming the cards' stacks", () => {
    expect(digestHeading(rows([["go"]]), [], 14)).toBe("Your top 1 of 14 new remote backend roles");
    expect(digestHeading(rows([["go"], ["go"]]), ["go"], 2)).toBe("2 new remote Go roles");
  });

  it("previews the first two listings by name and counts the rest", () => {
    const three = [
      listingRow({ title: "API Engineer", company: "Acme" }),
      listingRow({ title: "SRE", company: "Beta" }),
      listingRow(),
    ];
    expect(digestPreview(three)).toBe("API Engineer at Acme, SRE at Beta, and 1 more");
    expect(digestPreview(three.slice(0, 1))).toBe("API Engineer at Acme");
  });
});

describe("listing facts in the email", () => {
  it("states salaries as given, and 'salary not stated' when there is none", () => {
    expect(formatSalary(usdYear(160_000, 190_000))).toBe("$160k–$190k/year");
    expect(formatSalary(usdYear(120_000, null))).toBe("from $120k/year");
    expect(
      formatSalary({ min: null, max: 90, currency: "USD", period: "hour", minUsdYear: null, maxUsdYear: 187_200 }),
    ).toBe("up to $90/hour");
    expect(
      formatSalary({
        min: 70_000,
        max: 85_000,
        currency: "EUR",
        period: "year",
        minUsdYear: 75_000,
        maxUsdYear: 92_000,
      }),
    ).toBe("€70k–€85k/year");
    expect(formatSalary(null)).toBe("salary not stated");
    expect(
      formatSalary({ min: null, max: null, currency: "USD", period: "year", minUsdYear: null, maxUsdYear: null }),
    ).toBe("salary not stated");
  });

  it("says where from one may apply, including when the listing does not say", () => {
    expect(formatRemote(worldwide())).toBe("Remote, worldwide");
    expect(formatRemote(inRegions("europe"))).toBe("Remote in Europe");
    expect(formatRemote(inCountries("DE", "PL"))).toBe("Remote from Germany, Poland");
    expect(formatRemote(inCountries("US", "GB"))).toBe("Remote from United States, United Kingdom");
    expect(formatRemote(inCountries("1"))).toBe("Remote from 1"); // not a region code: as stored
    expect(formatRemote(remoteUnknown())).toBe("Remote, where from not stated");
  });
});
