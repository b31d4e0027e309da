import { boundRawListing, LISTING_LIMITS, listingLabel } from "./bounds";
import {
  SourceParseError,
  type ParsedPayload,
  type RawListing,
  type SourceAdapter,
  type SourceContext,
} from "./raw-listing";

/** The items of a payload as its envelope holds them, and the context to parse them in. */
export interface PayloadItems {
  items: unknown[];
  /** Facts from the envelope every item needs (Workable's account name). */
  ctx?: SourceContext;
}

/** What each source file supplies; defineAdapter adds the per-item error handling and the caps. */
export interface AdapterParts {
  type: string;
  /** Reads the envelope; throws SourceParseError when it is malformed. */
  items(payloadText: string, ctx: SourceContext): PayloadItems;
  parseItem(item: unknown, ctx: SourceContext): RawListing;
  /** A last step over the whole payload's listings (Workable merges one job listed per location). */
  combine?(listings: RawListing[]): RawListing[];
  fetchUrl: SourceAdapter["fetchUrl"];
  attribution?: string;
}

const MAX_PROBLEMS = 5;

// Why one item could not be read, said so an operator can act on it.
function itemProblem(error: unknown): string {
  if (error instanceof SourceParseError) return error.problem;
  // A stack overflow in an adapter means a structure nested far deeper than any real listing.
  if (error instanceof RangeError) return "item too deeply nested";
  return `bad item: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The listings with one per source id, the first of each; each later one is skipped and counted,
 * with its reason among the problems. A listing is stored under its source's id, so a later item
 * with the same id used to overwrite the earlier one in the same fetch: a broken or hostile feed
 * could replace a real job with anything and count it `updated`. `import` applies it to listings
 * saved one by one too (loose-payload.ts), which `classify` prints one per item.
 */
export function keepFirstOfEachId(parsed: ParsedPayload): ParsedPayload {
  const seen = new Set<string>();
  const listings: RawListing[] = [];
  const problems = [...parsed.problems];
  let skipped = parsed.skipped;
  for (const listing of parsed.listings) {
    if (!seen.has(listing.sourceId)) {
      seen.add(listing.sourceId);
      listings.push(listing);
      continue;
    }
    skipped++;
    if (problems.length < MAX_PROBLEMS)
      problems.push(`duplicate id (${shownId(listing.sourceId)}): the first item with it kept`);
  }
  return { listings, skipped, problems };
}

// An id as an operator's summary may quote it: a source's text, so one short line with no
// control or bidi characters (a terminal would run or reorder them).
const shownId = (id: string) => listingLabel(id, 40);

/**
 * A source adapter from its parts. Every listing it returns is within LISTING_LIMITS
 * (bounds.ts). One malformed item (not an object, no id, nested too deeply, an adapter bug)
 * is skipped and counted instead of failing its whole source; a payload whose every item is
 * malformed is a parse error, so a broken feed is a failed fetch and closes nothing.
 */
export function defineAdapter(parts: AdapterParts): SourceAdapter {
  const parseItem = (item: unknown, ctx: SourceContext) => {
    const raw = parts.parseItem(item, ctx);
    const max = LISTING_LIMITS.sourceIdChars;
    if (raw.sourceId.length > max) throw new SourceParseError(parts.type, `id longer than ${max} characters`);
    return boundRawListing(raw);
  };
  const parsePayload = (payloadText: string, ctx: SourceContext): ParsedPayload => {
    const { items, ctx: itemCtx = ctx } = parts.items(payloadText, ctx);
    const listings: RawListing[] = [];
    const problems: string[] = [];
    let skipped = 0;
    let firstError: unknown;
    for (const item of items) {
      try {
        listings.push(parseItem(item, itemCtx));
      } catch (error) {
        skipped++;
        firstError ??= error;
        if (problems.length < MAX_PROBLEMS) problems.push(itemProblem(error));
      }
    }
    if (items.length > 0 && listings.length === 0) {
      if (firstError instanceof SourceParseError) throw firstError;
      throw new SourceParseError(parts.type, `every item is malformed (${problems[0]})`);
    }
    return keepFirstOfEachId({ listings: parts.combine ? parts.combine(listings) : listings, skipped, problems });
  };
  return {
    type: parts.type,
    parsePayload,
    parse: (payloadText, ctx) => parsePayload(payloadText, ctx).listings,
    parseItem,
    fetchUrl: parts.fetchUrl,
    ...(parts.attribution ? { attribution: parts.attribution } : {}),
  };
}
