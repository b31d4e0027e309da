import type { ListingRow } from "../../db/schema";
import type { Seniority } from "../domain/facets";
import type { NormalisedListing } from "./listing";

const toDate = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/** What a source said beside the normalised listing: its expiry, and its own tags and categories. */
export type SourceExtras = { expiresAt?: string | null; tags?: string[] };

/**
 * The columns a fetch may refresh on a listing it carries (identity and history excluded). What a
 * source may claim (a future posted date, an absurd salary) was bounded before (source-claims.ts).
 */
export function contentColumns(n: NormalisedListing & SourceExtras) {
  return {
    url: n.url,
    title: n.title,
    company: n.company,
    description: n.description,
    postedAt: toDate(n.postedAt),
    expiresAt: toDate(n.expiresAt),
    isBackend: n.isBackend,
    focus: n.focus,
    stacks: n.stacks,
    seniority: n.seniority,
    seniorities: seniorityRange(n.seniority, n.seniorities),
    salary: n.salary,
    remote: n.remote,
    remoteScope: n.remote.scope,
    employerType: n.employerType,
    tags: n.tags ?? [],
    fingerprint: n.fingerprint,
    scamSignals: n.scamSignals,
  };
}

/** True when a fetch brings something a reader would notice as changed. */
export function contentChanged(row: ListingRow, n: ReturnType<typeof contentColumns>): boolean {
  const json = (v: unknown) => JSON.stringify(v ?? null);
  return (
    row.title !== n.title ||
    row.url !== n.url ||
    row.company !== n.company ||
    row.description !== n.description ||
    row.seniority !== n.seniority ||
    row.isBackend !== n.isBackend ||
    row.employerType !== n.employerType ||
    (row.expiresAt?.getTime() ?? null) !== (n.expiresAt?.getTime() ?? null) ||
    json(row.salary) !== json(n.salary) ||
    json(row.remote) !== json(n.remote) ||
    json(row.stacks) !== json(n.stacks) ||
    json(row.focus) !== json(n.focus) ||
    json(row.seniorities) !== json(n.seniorities) ||
    json(row.tags) !== json(n.tags) ||
    json(row.scamSignals) !== json(n.scamSignals)
  );
}

/** A stored row in the normalised-listing contract (what `listings --json` prints). */
export function rowToNormalised(row: ListingRow): NormalisedListing {
  return {
    id: row.id,
    source: row.source,
    sourceId: row.sourceId,
    url: row.url,
    title: row.title,
    company: row.company,
    description: row.description,
    // DESIGN.md §3 gives every listing a posted date: one whose source states none (or nonsense) was
    // posted, as far as anyone can tell, when first seen, which is also the date its digest card shows.
    postedAt: (row.postedAt ?? row.firstSeenAt).toISOString(),
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    status: row.status,
    isBackend: row.isBackend,
    focus: row.focus,
    stacks: row.stacks,
    seniority: row.seniority ?? null,
    seniorities: seniorityRange(row.seniority, row.seniorities),
    salary: row.salary ?? null,
    remote: row.remote,
    employerType: row.employerType ?? null,
    fingerprint: row.fingerprint,
    scamSignals: row.scamSignals,
  };
}

/**
 * Every level a listing is open to, never without its single best one: a row stored before the
 * list existed (or written by code that only knows `seniority`) reads as that one level.
 */
export function seniorityRange(
  seniority: Seniority | null | undefined,
  seniorities: readonly Seniority[] | null | undefined,
): Seniority[] {
  const list = seniorities ?? [];
  if (!seniority || list.includes(seniority)) return [...list];
  return [seniority, ...list];
}
