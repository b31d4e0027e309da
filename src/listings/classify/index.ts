import type { EmployerType } from "../../domain/facets";
import type { NormalisedListing } from "../listing";
import type { RawListing } from "../sources/raw-listing";
import { isBackendRole } from "./backend";
import { classifyFocus } from "./focus";
import { fingerprint } from "./fingerprint";
import { classifyRemote } from "./remote";
import { classifySalary } from "./salary";
import { scamSignals } from "./scam";
import { classifySeniorities, classifySeniority } from "./seniority";
import { classifyStacks } from "./stacks";
import { englishRoleWords } from "./role-words";
import { cleanPlainText, htmlToText } from "./text";

export { htmlToText } from "./text";
export { fingerprint, normaliseCompany, normaliseTitle } from "./fingerprint";

/** Everything the classifier derives from one raw listing (description: the untrusted HTML reduced to text). */
export type Classification = Pick<
  NormalisedListing,
  "isBackend" | "focus" | "stacks" | "seniority" | "seniorities" | "salary" | "remote" | "scamSignals" | "description"
>;

/** The listing's description as plain text, whichever form the source gave it in. */
export function plainDescription(raw: RawListing): string {
  if (raw.descriptionHtml) return htmlToText(raw.descriptionHtml);
  return raw.descriptionText ? cleanPlainText(raw.descriptionText) : "";
}

/**
 * Classifies one raw listing into the DESIGN.md §1 facets. Pure and deterministic: the same
 * raw listing always gives the same result. `employerType` is passed through by the caller
 * (it comes from source configuration, not from the listing text).
 */
// `opts.employerType` is accepted for the contract; no facet here depends on it today.
export function classify(raw: RawListing, _opts: { employerType?: EmployerType | null } = {}): Classification {
  const description = plainDescription(raw);
  const context = [raw.location, ...(raw.hints.locations ?? [])].join("\n");
  const categories = (raw.hints.categories ?? []).join(" ");
  // Tags, not categories: a board's categories are departments and SEO families, not required languages.
  const stacks = classifyStacks(raw.title, description, raw.hints.tags ?? []);
  const roleTitle = englishRoleWords(raw.title);
  const isBackend = isBackendRole(roleTitle, `${categories}\n${description}`, stacks);
  const levelTitle = `${raw.title} ${categories.match(/early career|new grad|internship/i)?.[0] ?? ""}`;
  const seniority = classifySeniority(levelTitle, raw.hints.level, description);
  return {
    isBackend,
    focus: isBackend ? classifyFocus(roleTitle, description) : [],
    stacks,
    seniority,
    seniorities: classifySeniorities(levelTitle, seniority),
    salary: classifySalary(`${raw.title}\n${context}\n${description}`, raw.hints.salary),
    remote: classifyRemote(raw, description),
    scamSignals: scamSignals(raw, description),
    description,
  };
}

/**
 * Turns a raw listing into the normalised listing contract: id `${source}:${sourceId}`,
 * first/last seen at `now`, status open, fingerprint from company + title + remote scope.
 */
export function normalise(
  raw: RawListing,
  opts: { source: string; employerType?: EmployerType | null; now: Date | string },
): NormalisedListing {
  const facts = classify(raw, opts);
  const now = typeof opts.now === "string" ? new Date(opts.now).toISOString() : opts.now.toISOString();
  return {
    id: `${opts.source}:${raw.sourceId}`,
    source: opts.source,
    sourceId: raw.sourceId,
    url: raw.url,
    title: raw.title,
    company: raw.company,
    description: facts.description,
    postedAt: raw.postedAt,
    firstSeenAt: now,
    lastSeenAt: now,
    status: "open",
    isBackend: facts.isBackend,
    focus: facts.focus,
    stacks: facts.stacks,
    seniority: facts.seniority,
    seniorities: facts.seniorities,
    salary: facts.salary,
    remote: facts.remote,
    employerType: opts.employerType ?? null,
    fingerprint: fingerprint(raw.company, raw.title, facts.remote.scope),
    scamSignals: facts.scamSignals,
  };
}
