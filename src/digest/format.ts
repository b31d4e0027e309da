import type { ListingRow } from "../../db/schema";
import { FACET_LABELS } from "../domain/facets";
import type { Salary } from "../listings/listing";
import { COUNTRIES } from "../domain/countries";

const SOURCE_NAMES: Record<string, string> = {
  greenhouse: "Greenhouse",
  lever: "Lever",
  ashby: "Ashby",
  workable: "Workable",
  recruitee: "Recruitee",
  smartrecruiters: "SmartRecruiters",
  remoteok: "Remote OK",
  weworkremotely: "We Work Remotely",
  himalayas: "Himalayas",
  jobicy: "Jobicy",
  hackernews: "Hacker News",
  jsonld: "the employer's site",
  manual: "Backend Weekly",
};
const SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£" };

export const sourceName = (source: string) => SOURCE_NAMES[source] ?? source;
/** A facet value as readers see it ("go" is "Go"). */
export const facetLabel = (id: string) => FACET_LABELS[id as keyof typeof FACET_LABELS] ?? id;
export const usdK = (n: number) => `$${Math.round(n / 1000)}k`;

function amount(n: number, currency: string): string {
  const symbol = SYMBOLS[currency];
  const short = n >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return symbol ? `${symbol}${short}` : `${short} ${currency}`;
}

/** "$160k–$190k/year", "from €70k/year", "up to $90/hour", or "salary not stated". */
export function formatSalary(salary: Salary | null | undefined): string {
  if (!salary || (salary.min === null && salary.max === null)) return "salary not stated";
  const per = `/${salary.period}`;
  const { min, max, currency } = salary;
  if (min !== null && max !== null && min !== max) return `${amount(min, currency)}–${amount(max, currency)}${per}`;
  if (min !== null && max === null) return `from ${amount(min, currency)}${per}`;
  if (min === null && max !== null) return `up to ${amount(max, currency)}${per}`;
  return `${amount((min ?? max)!, currency)}${per}`;
}

/** Facet values as readers see them, or `none` when there are none. */
export const formatFacets = (values: readonly string[], none: string) =>
  values.length ? values.map(facetLabel).join(", ") : none;
export const formatStacks = (stacks: readonly string[]) => formatFacets(stacks, "stack not stated");

/** "Germany" for "DE", as the subscribe form names it; a code the form does not list stays as stored. */
export const countryName = (code: string) => COUNTRIES[code] ?? code;

export function formatRemote(remote: ListingRow["remote"]): string {
  const regions = remote.regions.map(facetLabel);
  switch (remote.scope) {
    case "worldwide":
      return "Remote, worldwide";
    case "regions":
      return `Remote in ${[...regions, ...remote.countries.map(countryName)].join(", ")}`;
    case "countries":
      return `Remote from ${remote.countries.map(countryName).join(", ")}`;
    case "unknown":
      return "Remote, where from not stated";
    default:
      return "On-site or hybrid";
  }
}

/** "Nov 26" in the reader's timezone. */
export const dayFormat = (timeZone: string) =>
  new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone });
export const formatDay = (at: Date, timeZone: string) => dayFormat(timeZone).format(at);

/**
 * "7 new remote Go and Python roles": one or two stacks (of the subscriber's, if they chose some)
 * only when every listing carries one of them, else "backend": naming the stacks most listings
 * share would promise Go and Python to a reader whose digest also holds Ruby roles.
 */
export function digestHeading(rows: readonly ListingRow[], preferred: readonly string[], totalMatches = 0): string {
  // A digest cut short (the subscriber's per-email limit, or the size budget) says so: "1 new remote
  // Go role" above "See all 14 matches" undersells the week, and the stacks of the cards shown say
  // nothing of the rest.
  if (totalMatches > rows.length) return `Your top ${rows.length} of ${totalMatches} new remote backend roles`;
  const kind = coveringStacks(rows, preferred)?.map(facetLabel).join(" and ") ?? "backend";
  return `${rows.length} new remote ${kind} role${rows.length === 1 ? "" : "s"}`;
}

/** One stack every row carries, or two that between them cover every row (most listed first); else null. */
function coveringStacks(rows: readonly ListingRow[], preferred: readonly string[]): string[] | null {
  const counts = new Map<string, number>();
  for (const row of rows)
    for (const s of row.stacks) if (!preferred.length || preferred.includes(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
  const ranked = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1));
  const single = ranked.find((s) => counts.get(s) === rows.length);
  if (single) return [single];
  for (let i = 0; i < ranked.length; i++)
    for (let j = i + 1; j < ranked.length; j++) {
      const pair = [ranked[i]!, ranked[j]!];
      if (rows.every((row) => row.stacks.some((s) => pair.includes(s)))) return pair;
    }
  return null;
}

/** Preview text: the first listings by name. */
export function digestPreview(rows: readonly ListingRow[]): string {
  const named = rows.slice(0, 2).map((r) => `${r.title} at ${r.company}`);
  const rest = rows.length - named.length;
  return rest > 0 ? `${named.join(", ")}, and ${rest} more` : named.join(" and ");
}
