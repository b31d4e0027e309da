/**
 * The bench's deterministic workload (same seed, same database): confirmed subscribers with
 * varied filters, timezones and schedules, open listings of which some are new this week, last
 * week's digests for about half the subscribers (so "new since the previous digest" and "never
 * mailed before" do real work), and a few suppressed addresses. Every subscriber's slot has
 * already passed at NOW in their own timezone, so the whole population is due.
 */
import type { InferInsertModel } from "drizzle-orm";
import type { Db } from "../db/client";
import { deliveries, listings, preferences, subscribers, suppressions } from "../db/schema";
import { EMPLOYER_TYPES, FOCUSES, REGIONS, SENIORITIES, STACKS } from "../src/domain/facets";
import { localTime } from "../src/digest/local-time";
import { sha256Hex } from "../src/security/web-crypto";
import { insertRows, runBatch } from "../db/bulk";
import { seeded as rng } from "../test/support/seeded";

/** Wednesday noon UTC: Wednesday (or early Thursday) everywhere, so Monday–Wednesday slots have passed. */
export const NOW = new Date("2026-11-25T12:00:00Z");
const DAY = 86_400_000;

export interface WorkloadSize {
  subscribers: number;
  listings: number;
  /** Of `listings`, how many were first seen in the last 7 days. */
  fresh: number;
}

const ZONES = [
  "UTC",
  "Europe/Lisbon",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Warsaw",
  "Europe/Kyiv",
  "Africa/Lagos",
  "Africa/Nairobi",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/Sao_Paulo",
  "America/Argentina/Buenos_Aires",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Mexico_City",
  "America/Bogota",
  "Pacific/Honolulu",
  "Asia/Manila",
];
const COUNTRY_OF: Record<string, string> = {
  "Europe/Lisbon": "PT",
  "Europe/London": "GB",
  "Europe/Berlin": "DE",
  "Europe/Warsaw": "PL",
  "Europe/Kyiv": "UA",
  "Africa/Lagos": "NG",
  "Africa/Nairobi": "KE",
  "Asia/Dubai": "AE",
  "Asia/Kolkata": "IN",
  "Asia/Singapore": "SG",
  "Asia/Tokyo": "JP",
  "Australia/Sydney": "AU",
  "Pacific/Auckland": "NZ",
  "America/Sao_Paulo": "BR",
  "America/Argentina/Buenos_Aires": "AR",
  "America/New_York": "US",
  "America/Chicago": "US",
  "America/Denver": "US",
  "America/Los_Angeles": "US",
  "America/Mexico_City": "MX",
  "America/Bogota": "CO",
  "Pacific/Honolulu": "US",
  "Asia/Manila": "PH",
};
const COMPANIES = Array.from({ length: 900 }, (_, i) =>
  `${["Acme", "Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne"][i % 10]} ${["Payments", "Data", "Labs", "Cloud", "Health", "Systems", "AI", "Logistics", "Energy"][Math.floor(i / 10) % 9]} ${Math.floor(i / 90) || ""}`.trim(),
);
const TITLES = [
  "Backend Engineer",
  "Senior Backend Engineer",
  "Staff Software Engineer",
  "Platform Engineer",
  "Data Engineer",
  "Site Reliability Engineer",
  "API Engineer",
  "Software Engineer, Infrastructure",
  "Principal Engineer",
  "Backend Developer",
];
const WORDS =
  "we build reliable distributed systems for payments data pipelines kafka postgres kubernetes terraform grpc graphql microservices observability on-call mentoring remote async team product customers scale latency throughput security compliance".split(
    " ",
  );
const KEYWORDS = [
  "kafka",
  "postgres",
  "kubernetes",
  "graphql",
  "terraform",
  "grpc",
  "fintech",
  "crypto",
  "blockchain",
  "gambling",
  "defense",
];
const SOURCES = [
  "greenhouse",
  "lever",
  "ashby",
  "workable",
  "remoteok",
  "weworkremotely",
  "himalayas",
  "jobicy",
  "hackernews",
  "jsonld",
];

type ListingInsert = InferInsertModel<typeof listings>;

function listingRow(r: ReturnType<typeof rng>, i: number, fresh: boolean): ListingInsert {
  const firstSeen = new Date(NOW.getTime() - (fresh ? r.int(1, 7 * 24 - 1) * 3_600_000 : r.int(8, 40) * DAY));
  const stacks = r.chance(0.9) ? r.some(STACKS, 3) : [];
  const scope = r.pick(["worldwide", "worldwide", "regions", "regions", "countries", "unknown"] as const);
  const company = r.pick(COMPANIES);
  const title = `${r.pick(TITLES)}${stacks[0] && r.chance(0.5) ? ` (${stacks[0]})` : ""}`;
  const usd = r.int(60, 320) * 1000;
  const salary = r.chance(0.6)
    ? r.chance(0.8)
      ? {
          min: usd,
          max: usd + r.int(10, 60) * 1000,
          currency: "USD",
          period: "year" as const,
          minUsdYear: usd,
          maxUsdYear: usd + 40_000,
        }
      : {
          min: Math.round(usd * 0.9),
          max: null,
          currency: "EUR",
          period: "year" as const,
          minUsdYear: usd,
          maxUsdYear: null,
        }
    : null;
  const source = r.pick(SOURCES);
  return {
    id: r.uuid(),
    source,
    sourceId: `src-${i}`,
    url: `https://jobs.example.com/${source}/${i}?utm=bw&ref=${r.int(1, 999)}`,
    title,
    company,
    description: Array.from({ length: r.int(60, 160) }, () => (r.chance(0.03) ? r.pick(KEYWORDS) : r.pick(WORDS))).join(
      " ",
    ),
    postedAt: new Date(firstSeen.getTime() - r.int(0, 2) * DAY),
    firstSeenAt: firstSeen,
    lastSeenAt: NOW,
    status: "open",
    isBackend: true,
    focus: r.chance(0.8) ? r.some(FOCUSES, 2) : [],
    stacks,
    seniority: r.chance(0.8) ? r.pick(SENIORITIES) : null,
    salary,
    remote:
      scope === "regions"
        ? { scope, regions: r.some(REGIONS, 2), countries: [] }
        : scope === "countries"
          ? { scope, regions: [], countries: r.some(["US", "CA", "GB", "DE", "PT", "BR", "IN", "AU"], 3) }
          : r.chance(0.1)
            ? { scope, regions: [], countries: [], utcOffsetMin: -5, utcOffsetMax: 3 }
            : { scope, regions: [], countries: [] },
    remoteScope: scope,
    employerType: r.chance(0.7) ? r.pick(EMPLOYER_TYPES) : null,
    // The shape src/listings/classify/fingerprint.ts gives (16 hex digits), unique per listing here.
    fingerprint: r.uuid().replace(/-/g, "").slice(0, 16),
    scamSignals: [],
    repostCount: 0,
    manual: false,
  };
}

function preferenceRow(r: ReturnType<typeof rng>, subscriberId: string): InferInsertModel<typeof preferences> {
  const timezone = r.pick(ZONES);
  const local = localTime(NOW, timezone);
  // A slot already passed this local week: Monday or Tuesday at any hour, or today at an earlier hour.
  const today = r.chance(0.1);
  const sendWeekday = today ? local.weekday : r.chance(0.6) ? 1 : r.int(1, Math.max(1, local.weekday - 1));
  const sendHour = today ? r.int(0, local.hour) : r.chance(0.6) ? 8 : r.int(0, 23);
  return {
    subscriberId,
    focus: r.chance(0.3) ? r.some(FOCUSES, 2) : [],
    stacks: r.chance(0.75) ? r.some(STACKS, 3) : [],
    seniority: r.chance(0.4) ? r.some(SENIORITIES, 2) : [],
    minSalaryUsd: r.chance(0.3) ? r.int(8, 25) * 10_000 : null,
    includeNoSalary: r.chance(0.7),
    country: r.chance(0.6) ? (COUNTRY_OF[timezone] ?? null) : null,
    timezone,
    employerTypes: r.chance(0.15) ? r.some(EMPLOYER_TYPES, 2) : [],
    mustHaveKeywords: r.chance(0.05) ? [r.pick(KEYWORDS)] : [],
    excludedKeywords: r.chance(0.1) ? r.some(KEYWORDS, 2) : [],
    excludedCompanies: r.chance(0.05) ? [r.pick(COMPANIES).toLowerCase()] : [],
    sendWeekday,
    sendHour,
    maxListings: r.chance(0.6) ? 20 : r.pick([5, 10, 15, 30, 50]),
  };
}

const CHUNK = 500;

/** Fills an empty, migrated database. Returns the row counts written. */
export async function buildWorkload(db: Db, size: WorkloadSize, seed = 42) {
  const r = rng(seed);
  const listingRows: ListingInsert[] = [];
  for (let i = 0; i < size.listings; i++) listingRows.push(listingRow(r, i, i < size.fresh));
  for (let i = 0; i < listingRows.length; i += CHUNK)
    await runBatch(db, [insertRows(db, listings, listingRows.slice(i, i + CHUNK))]);
  const oldFresh = listingRows.filter((l) => l.firstSeenAt!.getTime() < NOW.getTime() - 7 * DAY);

  let history = 0;
  let fingerprints = 0;
  const suppressed: string[] = [];
  for (let start = 0; start < size.subscribers; start += CHUNK) {
    const subs: InferInsertModel<typeof subscribers>[] = [];
    const prefs: InferInsertModel<typeof preferences>[] = [];
    const past: InferInsertModel<typeof deliveries>[] = [];
    for (let i = start; i < Math.min(size.subscribers, start + CHUNK); i++) {
      const id = r.uuid();
      const email = `reader${i}@example${i % 97}.com`;
      subs.push({
        id,
        email,
        status: "confirmed",
        createdAt: new Date(NOW.getTime() - 60 * DAY),
        updatedAt: NOW,
        confirmedAt: new Date(NOW.getTime() - 60 * DAY),
        pausedUntil: null,
        origin: "import",
      });
      prefs.push(preferenceRow(r, id));
      if (r.chance(0.002)) suppressed.push(email);
      if (r.chance(0.5)) {
        // Last week's digest, sent: the next one takes listings first seen after it.
        const composedAt = new Date(NOW.getTime() - 7 * DAY + r.int(-12, 12) * 3_600_000);
        const deliveryId = r.uuid();
        const mailed = new Set<string>();
        for (let k = 0; k < 5 && oldFresh.length; k++) mailed.add(r.pick(oldFresh).fingerprint);
        past.push({
          id: deliveryId,
          subscriberId: id,
          kind: "digest",
          period: "2026-W47",
          status: "sent",
          createdAt: composedAt,
          updatedAt: composedAt,
          composedAt,
          sentAt: composedAt,
          attempts: 1,
          listingIds: [],
          fingerprints: [...mailed],
          totalMatches: 5,
        });
        fingerprints += mailed.size;
      }
    }
    const statements = [insertRows(db, subscribers, subs), insertRows(db, preferences, prefs)];
    if (past.length) statements.push(insertRows(db, deliveries, past));
    await runBatch(db, statements);
    history += past.length;
  }
  if (suppressed.length) {
    const rows = await Promise.all(
      suppressed.map(async (e) => ({ emailHash: await sha256Hex(e), reason: "bounce" as const, createdAt: NOW })),
    );
    await runBatch(db, [insertRows(db, suppressions, rows)]);
  }
  return {
    subscribers: size.subscribers,
    listings: size.listings,
    fresh: size.fresh,
    previousDigests: history,
    mailedFingerprints: fingerprints,
    suppressed: suppressed.length,
  };
}
