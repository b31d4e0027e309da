import { arbeitnow } from "./arbeitnow";
import { ashby } from "./ashby";
import { greenhouse } from "./greenhouse";
import { hackernews } from "./hackernews";
import { himalayas } from "./himalayas";
import { jobicy } from "./jobicy";
import { jsonld } from "./jsonld";
import { lever } from "./lever";
import { manual } from "./manual";
import type { SourceAdapter } from "./raw-listing";
import { recruitee } from "./recruitee";
import { remoteok } from "./remoteok";
import { remotive } from "./remotive";
import { smartrecruiters } from "./smartrecruiters";
import { weworkremotely } from "./weworkremotely";
import { workable } from "./workable";

export type {
  ListingHints,
  RawListing,
  SalaryHint,
  SourceAdapter,
  SourceContext,
  SourceFetchConfig,
  WorkplaceHint,
} from "./raw-listing";
export { SourceParseError } from "./raw-listing";

/**
 * Every source type that can be configured. Remotive is deliberately absent: its API terms
 * forbid use for email sign-ups (DESIGN.md §3).
 */
export const SOURCE_TYPES = [
  "greenhouse",
  "lever",
  "ashby",
  "workable",
  "recruitee",
  "smartrecruiters",
  "remoteok",
  "weworkremotely",
  "himalayas",
  "jobicy",
  "hackernews",
  "jsonld",
  "manual",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Adapter per source type name. */
export const SOURCE_ADAPTERS: Readonly<Record<SourceType, SourceAdapter>> = {
  greenhouse,
  lever,
  ashby,
  workable,
  recruitee,
  smartrecruiters,
  remoteok,
  weworkremotely,
  himalayas,
  jobicy,
  hackernews,
  jsonld,
  manual,
};

/** Whether a configured type name is one we ship. */
export function isSourceType(type: string): type is SourceType {
  return (SOURCE_TYPES as readonly string[]).includes(type);
}

/**
 * Payload types `classify` also reads, though no source of them can be configured or imported:
 * Remotive's API terms forbid showing its jobs to collect email sign-ups (DESIGN.md §3), and
 * Arbeitnow is not one of DESIGN.md's sources. Classifying stores and mails nothing.
 */
export const CLASSIFY_ONLY_TYPES = ["remotive", "arbeitnow"] as const;
export type ClassifyOnlyType = (typeof CLASSIFY_ONLY_TYPES)[number];
/** Every payload type `classify` reads. */
export type ClassifiableType = SourceType | ClassifyOnlyType;
const CLASSIFY_ONLY_ADAPTERS: Readonly<Record<ClassifyOnlyType, SourceAdapter>> = { remotive, arbeitnow };
/** Why no listing of a classify-only type may be stored, said to whoever tries. */
export const NOT_A_SOURCE: Readonly<Record<ClassifyOnlyType, string>> = {
  remotive: "Remotive's API terms forbid showing its jobs to collect email sign-ups",
  arbeitnow: "Arbeitnow is not one of the sources Backend Weekly reads",
};

/** Whether `classify` can read payloads of this type (a shipped source or a classify-only one). */
export function isClassifiableType(type: string): type is ClassifiableType {
  return isSourceType(type) || (CLASSIFY_ONLY_TYPES as readonly string[]).includes(type);
}

/** The adapter `classify` reads a payload of this type with. */
export function getClassifyAdapter(type: ClassifiableType): SourceAdapter {
  return isSourceType(type) ? SOURCE_ADAPTERS[type] : CLASSIFY_ONLY_ADAPTERS[type];
}

/** The adapter for a type name; throws with the list of known types for an unknown one. */
export function getSourceAdapter(type: string): SourceAdapter {
  if (!isSourceType(type)) throw new Error(`Unknown source type "${type}" (known: ${SOURCE_TYPES.join(", ")})`);
  return SOURCE_ADAPTERS[type];
}
