import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { listings, listingSources, type ListingRow } from "../../db/schema";
import type { EmployerType } from "../domain/facets";
import { AppError } from "../errors";
import { toCandidates } from "./candidates";
import { SOURCE_ADAPTERS, SourceParseError } from "./sources";
import { closeStaleListings } from "./closing";
import { storeFetchedListings } from "./store";

/**
 * Adds (or updates) a listing written by hand by the operator. It goes through the same
 * classification and identity as fetched listings, so a hand-added copy of a fetched job merges.
 * Manual listings are never closed for "missing from source"; expiry and age still apply, at once:
 * a listing added already expired (or older than `maxAgeDays`) is stored closed.
 */
export async function addManualListing(
  db: Db,
  input: { body: unknown; employerType: EmployerType | null; now: Date; maxAgeDays: number },
): Promise<{ listing: ListingRow; created: boolean }> {
  let raw;
  try {
    raw = SOURCE_ADAPTERS.manual.parseItem(input.body, { sourceName: "manual" });
  } catch (err) {
    if (err instanceof SourceParseError) throw new AppError("VALIDATION_FAILED", `Invalid listing: ${err.problem}`);
    throw err;
  }
  if (!raw.company) throw new AppError("VALIDATION_FAILED", "Invalid listing: company is required.");
  const { candidates, rejected } = toCandidates([raw], {
    type: "manual",
    employerType: input.employerType,
    now: input.now,
  });
  if (rejected || !candidates[0])
    throw new AppError("VALIDATION_FAILED", "Invalid listing: it needs a title and an http(s) URL.");
  const summary = await storeFetchedListings(db, {
    sourceName: "manual",
    candidates,
    now: input.now,
    complete: false,
    manual: true,
  });
  await closeStaleListings(db, input.now, input.maxAgeDays);
  const [link] = await db
    .select()
    .from(listingSources)
    .where(and(eq(listingSources.source, "manual"), eq(listingSources.sourceId, candidates[0].sourceId)));
  const [listing] = await db.select().from(listings).where(eq(listings.id, link!.listingId));
  return { listing: listing!, created: summary.new === 1 };
}

/** Closes a listing by hand. Idempotent: closing a closed listing changes nothing. */
export async function closeListing(db: Db, id: string, now: Date): Promise<ListingRow> {
  const [row] = await db.select().from(listings).where(eq(listings.id, id));
  if (!row) throw new AppError("NOT_FOUND", `No listing with id ${id}.`);
  if (row.status === "closed") return row;
  const [closed] = await db
    .update(listings)
    .set({ status: "closed", closedAt: now, closedReason: "closed_by_operator" })
    .where(eq(listings.id, id))
    .returning();
  return closed!;
}
