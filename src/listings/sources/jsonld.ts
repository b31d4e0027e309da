import { cleanInline } from "../classify/text";
import { readArray, readLabel, readObject, readString, toIsoDate, type JsonObject } from "./payload";
import { createMarkupParser } from "../classify/markup-parser";
import { defineAdapter } from "./define-adapter";
import { SourceParseError, type RawListing, type SourceContext, type WorkplaceHint } from "./raw-listing";
import { salaryHint } from "./salary-hint";

const TYPE = "jsonld";
// Real JSON-LD nests under ten levels (posting → place → address → country); deeper is hostile,
// and walking it recursively would overflow the stack.
const MAX_JSON_DEPTH = 32;

function isJobPosting(item: JsonObject): boolean {
  const type = item["@type"];
  return type === "JobPosting" || (Array.isArray(type) && type.includes("JobPosting"));
}

// The JSON-LD blocks of a page: the text of each <script type="application/ld+json">, read with
// htmlparser2 (linear; a regular expression over the page was not).
function jsonLdBlocks(html: string): string[] {
  const blocks: string[] = [];
  let current: string[] | null = null;
  const parser = createMarkupParser(
    {
      onopentag(name, attributes) {
        const type = (attributes.type ?? "").trim().toLowerCase();
        if (name === "script" && type === "application/ld+json") current = [];
      },
      ontext: (text) => void current?.push(text),
      onclosetag(name) {
        if (name === "script" && current) blocks.push(current.join("")), (current = null);
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return blocks;
}

// How deeply a parsed JSON value nests, walked without recursion; stops counting past `max`.
function depthExceeds(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (!node || typeof node !== "object") continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

// A block may hold one node, an array of nodes, or an @graph (nesting already bounded).
function nodesOf(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.flatMap(nodesOf);
  if (!value || typeof value !== "object") return [];
  const node = value as JsonObject;
  return [node, ...nodesOf(node["@graph"])];
}

function many(value: unknown): JsonObject[] {
  const items = Array.isArray(value) ? value : value ? [value] : [];
  return items.filter((v): v is JsonObject => !!v && typeof v === "object");
}

function placeText(place: JsonObject): string {
  const address = readObject(place, "address");
  const country = address?.addressCountry;
  const countryName =
    typeof country === "object" && country
      ? readLabel(country as JsonObject, "name")
      : readLabel(address, "addressCountry");
  return [readLabel(address, "addressLocality"), readLabel(address, "addressRegion"), countryName]
    .filter(Boolean)
    .join(", ");
}

function salary(posting: JsonObject) {
  const base = readObject(posting, "baseSalary");
  const value = readObject(base, "value");
  if (!base || !value) return null;
  return salaryHint(
    value.minValue ?? value.value,
    value.maxValue ?? value.value,
    readString(base, "currency"),
    readString(value, "unitText"),
  );
}

// schema.org states experience in months; the seniority rules read years.
function experience(posting: JsonObject): string | null {
  const months = Number(readObject(posting, "experienceRequirements")?.monthsOfExperience);
  return Number.isFinite(months) && months > 0 ? `${Math.round(months / 12)}+ years` : null;
}

/** One schema.org JobPosting node (already parsed from its JSON-LD block). */
export function parseJobPostingNode(item: unknown, ctx: SourceContext & { pageUrl?: string }): RawListing {
  if (!item || typeof item !== "object" || !isJobPosting(item as JsonObject))
    throw new SourceParseError(TYPE, "item is not a JobPosting");
  const posting = item as JsonObject;
  const url = readString(posting, "url") || ctx.pageUrl || "";
  const id = readString(readObject(posting, "identifier"), "value") || readString(posting, "identifier") || url;
  if (!id) throw new SourceParseError(TYPE, "JobPosting without an identifier or url");
  const remote = /telecommute/i.test(JSON.stringify(posting.jobLocationType ?? ""));
  const applicants = many(posting.applicantLocationRequirements)
    .map((req) => readLabel(req, "name"))
    .filter(Boolean);
  // schema.org allows a Country by its ISO code ("JP") as well as by name.
  const codes = applicants.filter((name) => /^[A-Z]{2}$/.test(name));
  const places = many(posting.jobLocation).map(placeText).filter(Boolean);
  const workplace: WorkplaceHint | null = remote ? "remote" : places.length ? "onsite" : null;
  return {
    sourceId: id,
    url,
    title: readLabel(posting, "title"),
    company: ctx.company ?? readLabel(readObject(posting, "hiringOrganization"), "name"),
    descriptionHtml: readString(posting, "description") || null,
    descriptionText: null,
    postedAt: toIsoDate(posting.datePosted),
    expiresAt: toIsoDate(posting.validThrough),
    location: remote ? applicants.join(", ") : places.join(" | "),
    hints: {
      workplace,
      salary: salary(posting),
      applicantLocations: applicants.filter((name) => !codes.includes(name)),
      countryCodes: codes,
      officeLocations: places,
      level: experience(posting),
      categories: [readLabel(posting, "occupationalCategory")].filter(Boolean),
      tags: readArray(posting, "skills").filter((s): s is string => typeof s === "string"),
      employmentType: cleanInline(String(posting.employmentType ?? "")) || null,
    },
  };
}

/** Any HTML page with schema.org JobPosting JSON-LD; the configured board is the page URL. */
export const jsonld = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const postings: JsonObject[] = [];
    let tooDeep = false;
    for (const block of jsonLdBlocks(payloadText)) {
      let value: unknown;
      try {
        value = JSON.parse(block);
      } catch {
        continue; // One broken block (pages often have several) does not hide a valid JobPosting.
      }
      if (depthExceeds(value, MAX_JSON_DEPTH)) tooDeep = true;
      else postings.push(...nodesOf(value).filter(isJobPosting));
    }
    if (postings.length === 0 && tooDeep)
      throw new SourceParseError(TYPE, `JSON-LD too deeply nested (over ${MAX_JSON_DEPTH} levels)`);
    if (postings.length === 0) throw new SourceParseError(TYPE, "page has no schema.org JobPosting JSON-LD");
    return { items: postings };
  },
  parseItem: parseJobPostingNode,
  fetchUrl: ({ board }) => board,
});
