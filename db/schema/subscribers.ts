import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { EmployerType, Focus, Seniority, Stack } from "../../src/domain/facets";

/**
 * A person who asked for the digest. `status` moves pending → confirmed → unsubscribed (and back
 * to pending on an explicit new subscription). Preferences live in their own table, 1:1.
 */
export const subscribers = sqliteTable(
  "subscribers",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(),
    status: text("status", { enum: ["pending", "confirmed", "unsubscribed"] }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    unsubscribedAt: integer("unsubscribed_at", { mode: "timestamp_ms" }),
    unsubscribeReason: text("unsubscribe_reason"),
    pausedUntil: integer("paused_until", { mode: "timestamp_ms" }),
    origin: text("origin", { enum: ["form", "import"] })
      .notNull()
      .default("form"),
    /** When the latest confirmation link was mailed: links expire 7 days later (null: use updatedAt). */
    confirmationSentAt: integer("confirmation_sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("subscribers_status_idx").on(t.status)],
);

/** What a subscriber asked for (DESIGN.md §2.1). Empty arrays mean "no filter". */
export const preferences = sqliteTable(
  "preferences",
  {
    subscriberId: text("subscriber_id")
      .primaryKey()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    focus: text("focus", { mode: "json" }).$type<Focus[]>().notNull(),
    stacks: text("stacks", { mode: "json" }).$type<Stack[]>().notNull(),
    seniority: text("seniority", { mode: "json" }).$type<Seniority[]>().notNull(),
    minSalaryUsd: integer("min_salary_usd"),
    includeNoSalary: integer("include_no_salary", { mode: "boolean" }).notNull(),
    country: text("country"),
    timezone: text("timezone").notNull(),
    employerTypes: text("employer_types", { mode: "json" }).$type<EmployerType[]>().notNull(),
    /** With employer types chosen: whether listings whose employer type nobody states still come. */
    includeUnknownEmployer: integer("include_unknown_employer", { mode: "boolean" }).notNull().default(true),
    mustHaveKeywords: text("must_have_keywords", { mode: "json" }).$type<string[]>().notNull(),
    excludedKeywords: text("excluded_keywords", { mode: "json" }).$type<string[]>().notNull(),
    excludedCompanies: text("excluded_companies", { mode: "json" }).$type<string[]>().notNull(),
    /** ISO weekday: 1 = Monday … 7 = Sunday, in the subscriber's timezone. */
    sendWeekday: integer("send_weekday").notNull(),
    sendHour: integer("send_hour").notNull(),
    maxListings: integer("max_listings").notNull(),
    /** After two empty weeks in a row: mail one short note with the nearest misses (src/digest/empty-weeks.ts). */
    emptyWeekNotes: integer("empty_week_notes", { mode: "boolean" }).notNull().default(true),
  },
  // The scheduler asks "who is due" one timezone at a time.
  (t) => [index("preferences_timezone_idx").on(t.timezone)],
);

/**
 * New choices sent through the subscribe form for an address that already exists: kept here, not
 * applied, until the link mailed to that address is followed (its token signs this row's id).
 */
export const preferenceRequests = sqliteTable(
  "preference_requests",
  {
    id: text("id").primaryKey(),
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    preferences: text("preferences", { mode: "json" })
      .$type<Omit<typeof preferences.$inferSelect, "subscriberId" | "emptyWeekNotes">>()
      .notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("preference_requests_subscriber_idx").on(t.subscriberId),
    index("preference_requests_created_idx").on(t.createdAt),
  ],
);

export type SubscriberRow = typeof subscribers.$inferSelect;
export type PreferencesRow = typeof preferences.$inferSelect;
