import { SourceParseError, type ParsedPayload, type SourceAdapter, type SourceContext } from "./raw-listing";

const MAX_PROBLEMS = 5;

/**
 * Parses a file a person saved, for `import` and `classify`: the source's own payload first,
 * then the shapes people save listings in when they are not a whole payload: one item of the
 * payload, a JSON array of items, or JSON Lines of items (one per line). A line may also be a
 * labelled record (`{ "source", "raw", … }`, as in test/fixtures/labelled/), whose `raw` is the
 * item; RSS `<item>` elements may come without their feed. Fetched payloads never come through here: a source that changes shape is a failed fetch.
 */
export function parseSavedPayload(adapter: SourceAdapter, text: string, ctx: SourceContext): ParsedPayload {
  try {
    return adapter.parsePayload(text, ctx);
  } catch (payloadError) {
    if (!(payloadError instanceof SourceParseError)) throw payloadError;
    if (/^\s*<item[\s>]/i.test(text)) return itemsWithoutFeed(adapter, text, ctx, payloadError);
    const items = looseItems(text);
    if (!items) throw payloadError;
    const parsed = parseEach(adapter, items, ctx);
    // Nothing readable as items either: the payload's own complaint is the one that explains it.
    if (parsed.listings.length === 0) throw payloadError;
    return parsed;
  }
}

// RSS <item> elements saved without their feed around them (one We Work Remotely item, say).
function itemsWithoutFeed(adapter: SourceAdapter, text: string, ctx: SourceContext, payloadError: Error) {
  try {
    return adapter.parsePayload(`<rss><channel>${text}</channel></rss>`, ctx);
  } catch {
    throw payloadError;
  }
}

// The items of a file that holds one JSON value or JSON Lines; null when it is neither.
function looseItems(text: string): unknown[] | null {
  const whole = tryJson(text);
  if (whole.ok) return flatten([whole.value]);
  const values: unknown[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const value = tryJson(line);
    if (!value.ok) return null;
    values.push(value.value);
  }
  return values.length > 0 ? flatten(values) : null;
}

function flatten(values: unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? value : [value])).map(unwrapLabelled);
}

// A labelled record carries the item exactly as its source sent it in `raw`.
function unwrapLabelled(value: unknown): unknown {
  if (value && typeof value === "object" && "raw" in value && "source" in value) return value.raw;
  return value;
}

/**
 * Each loose item through the adapter. One that gives neither a title nor a link is not an item of
 * this type (a Lever posting read as a Greenhouse job has an id and nothing else it knows): it
 * counts as unreadable, so a file of another source's items is refused as not this type's payload.
 */
function parseEach(adapter: SourceAdapter, items: unknown[], ctx: SourceContext): ParsedPayload {
  const parsed: ParsedPayload = { listings: [], skipped: 0, problems: [] };
  const skip = (problem: string) => {
    parsed.skipped++;
    if (parsed.problems.length < MAX_PROBLEMS) parsed.problems.push(problem);
  };
  for (const item of items) {
    try {
      const listing = adapter.parseItem(item, ctx);
      if (listing.title.trim() === "" && listing.url.trim() === "")
        skip(`not a ${adapter.type} item (no title, no link)`);
      else parsed.listings.push(listing);
    } catch (error) {
      skip(error instanceof SourceParseError ? error.problem : "item could not be read");
    }
  }
  return parsed;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
