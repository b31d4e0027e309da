import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { EmployerType, Focus, RemoteScope, Seniority, Stack } from "../../src/domain/facets";
import type { Remote, Salary } from "../../src/listings/listing";

/**
 * One job, whatever the number of sources carrying it: the fingerprint (company, normalised title,
 * remote scope) is unique, so cross-posts and reposts merge into this row (DESIGN.md §3).
 */
export const listings = sqliteTable(
  "listings",
  {
    id: text("id").primaryKey(),
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    url: text("url").notNull(),
    title: text("title").notNull(),
    company: text("company").notNull(),
    description: text("description").notNull(),
    postedAt: integer("posted_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    firstSeenAt: integer("first_seen_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    closedReason: text("closed_reason"),
    /**
     * When a closed listing last came back. For "new since the previous digest" it counts as seen
     * then (first seen stays the first sighting): someone who was never mailed its fingerprint can
     * still get it; whoever was mailed it never gets it again (mailed_fingerprints).
     */
    reopenedAt: integer("reopened_at", { mode: "timestamp_ms" }),
    isBackend: integer("is_backend", { mode: "boolean" }).notNull(),
    focus: text("focus", { mode: "json" }).$type<Focus[]>().notNull(),
    stacks: text("stacks", { mode: "json" }).$type<Stack[]>().notNull(),
    seniority: text("seniority").$type<Seniority>(),
    /** Every level the listing is open to; `seniority` is the single best of them (DESIGN.md §3). */
    seniorities: text("seniorities", { mode: "json" }).$type<Seniority[]>().notNull().default([]),
    salary: text("salary", { mode: "json" }).$type<Salary>(),
    remote: text("remote", { mode: "json" }).$type<Remote>().notNull(),
    remoteScope: text("remote_scope").$type<RemoteScope>().notNull(),
    employerType: text("employer_type").$type<EmployerType>(),
    /** The source's own tags and categories, as it spelled them: keyword filters search them. */
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    fingerprint: text("fingerprint").notNull().unique(),
    scamSignals: text("scam_signals", { mode: "json" }).$type<string[]>().notNull(),
    repostCount: integer("repost_count").notNull().default(0),
    manual: integer("manual", { mode: "boolean" }).notNull().default(false),
    /** When the weekly run last re-checked at the source that the listing is still there (src/digest/recheck.ts). */
    verifiedAt: integer("verified_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("listings_status_first_seen_idx").on(t.status, t.firstSeenAt)],
);

/** Which configured source carries a listing, and how many successful fetches have missed it. */
export const listingSources = sqliteTable(
  "listing_sources",
  {
    listingId: text("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    sourceId: text("source_id").notNull(),
    url: text("url").notNull(),
    firstSeenAt: integer("first_seen_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    missedFetches: integer("missed_fetches").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.source, t.sourceId] }), index("listing_sources_listing_idx").on(t.listingId)],
);

/** Per configured source: politeness and conditional-request state. */
export const sourceStates = sqliteTable("source_states", {
  name: text("name").primaryKey(),
  lastAttemptAt: integer("last_attempt_at", { mode: "timestamp_ms" }),
  lastSuccessAt: integer("last_success_at", { mode: "timestamp_ms" }),
  etag: text("etag"),
  lastModified: text("last_modified"),
  lastError: text("last_error"),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  /** How many items the last fetch trusted to close listings returned: the evidence a new fetch is compared with. */
  trustedCount: integer("trusted_count"),
  /** Since when successful fetches have returned nothing or under half of `trustedCount` (null: they have not). */
  suspiciousSince: integer("suspicious_since", { mode: "timestamp_ms" }),
});

/**
 * A counter that SQLite triggers (migration 0010) raise on every insert, update or delete of a
 * listing, from any connection: the weekly run checks it before each page of subscribers to know
 * whether its candidate pool is still what the database holds, in one row read. The triggers are
 * not part of this schema: a generated migration that rebuilds `listings` (drizzle-kit copies
 * the table, then drops the old one) must create them again (test/integration/listings/
 * change-counter.test.ts fails if they are missing).
 */
export const listingChanges = sqliteTable("listing_changes", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});

export type ListingRow = typeof listings.$inferSelect;
export type ListingSourceRow = typeof listingSources.$inferSelect;
