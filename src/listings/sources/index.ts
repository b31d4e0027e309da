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

/** The adapter for a type name; throws with the list of known types for an unknown one. */
export function getSourceAdapter(type: string): SourceAdapter {
  if (!isSourceType(type)) throw new Error(`Unknown source type "${type}" (known: ${SOURCE_TYPES.join(", ")})`);
  return SOURCE_ADAPTERS[type];
}
