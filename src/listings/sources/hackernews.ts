import { z } from "zod";
import { cleanInline } from "../classify/text";
import { parseHiringHeader } from "./hackernews-header";
import { asObject, parseEnvelope, parseJsonPayload, readString, toIsoDate, type JsonObject } from "./payload";
import { SourceParseError, type RawListing, type SourceContext } from "./raw-listing";
import { defineAdapter } from "./define-adapter";

const TYPE = "hackernews";
// Algolia answers a thread as an item tree, a search as { hits }.
const Envelope = z.union([z.object({ children: z.array(z.unknown()) }), z.object({ hits: z.array(z.unknown()) })]);
// A closed post with no date: expired at the epoch, before any run's "now".
const CLOSED_UNDATED = new Date(0).toISOString();
const ROLE_SENTENCE = /\b(engineers?|developers?|sre|devops|programmers?|scientists?|designers?|roles?)\b/i;

// The official API says `by`/`time` (seconds), Algolia items `author`/`created_at`, Algolia hits `comment_text`.
// `full_html` is a 2018 public dataset's name for the comment's HTML (it links the item in `url`).
function commentText(comment: JsonObject): string {
  return readString(comment, "text", "comment_text", "full_html");
}

function commentId(comment: JsonObject): string {
  return readString(comment, "id", "objectID") || (/[?&]id=(\d+)/.exec(readString(comment, "url"))?.[1] ?? "");
}

// Without a role in the first line, the next paragraph usually names it ("Open roles: …").
function fallbackTitle(html: string): string {
  const paragraphs = html
    .split(/<p>|\n/i)
    .slice(1, 3)
    .map(cleanInline);
  return paragraphs.find((p) => ROLE_SENTENCE.test(p))?.slice(0, 120) ?? "";
}

/**
 * One top-level "Who is hiring" comment (official API, Algolia item or Algolia hit shape, or the
 * 2018 dataset's `{ full_html, user, url }`).
 * Company, role and location come from its first line (`Company | Role | Location | …`).
 */
export function parseHackerNewsComment(item: unknown, ctx: SourceContext): RawListing {
  const comment = asObject(TYPE, item);
  const id = commentId(comment);
  if (!id) throw new SourceParseError(TYPE, "comment without an id");
  const html = commentText(comment);
  const header = parseHiringHeader(html);
  const postedAt = toIsoDate(comment.created_at) ?? toIsoDate(comment.time) ?? toIsoDate(comment.created_at_i);
  return {
    sourceId: id,
    url: `https://news.ycombinator.com/item?id=${id}`,
    title: header.title || fallbackTitle(html) || header.line,
    company: ctx.company ?? header.company,
    descriptionHtml: html || null,
    descriptionText: null,
    postedAt,
    // A post its author marked closed is a filled job: expired (so never mailed) since it was posted.
    expiresAt: header.closed ? (postedAt ?? CLOSED_UNDATED) : null,
    location: header.location,
    hints: { locations: [header.line] },
  };
}

function isJobComment(item: unknown, storyId: unknown): boolean {
  if (!item || typeof item !== "object") return false;
  const comment = item as JsonObject;
  if (comment.deleted === true || comment.dead === true || !commentText(comment)) return false;
  // In a search answer only comments directly under the story are job posts.
  const parent = comment.parent_id ?? comment.parent;
  const story = storyId ?? comment.story_id;
  return parent === undefined || story === undefined || parent === story;
}

// A story (a search hit or an item of type "story"), never a comment: comments have no title of their own.
function isStory(item: unknown): boolean {
  if (!item || typeof item !== "object") return false;
  const entry = item as JsonObject;
  return entry.type === "story" || (typeof entry.title === "string" && entry.title.trim() !== "");
}

/**
 * Hacker News "Who is hiring" thread via Algolia: one listing per top-level comment. A search
 * answer that lists stories (the threads themselves) is not a thread: it holds no job post, and
 * reading it as "no jobs" would hide that the wrong file or URL was given.
 */
export const hackernews = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const payload = parseJsonPayload(TYPE, payloadText);
    const envelope = parseEnvelope(TYPE, Envelope, payload);
    const storyId = "children" in envelope ? (payload as JsonObject).id : undefined;
    const comments = "children" in envelope ? envelope.children : envelope.hits;
    if (comments.length > 0 && comments.every(isStory)) {
      throw new SourceParseError(TYPE, `a list of ${comments.length} stories, not the comments of one thread`);
    }
    return { items: comments.filter((c) => isJobComment(c, storyId)) };
  },
  parseItem: parseHackerNewsComment,
  fetchUrl: ({ board }) => `https://hn.algolia.com/api/v1/items/${encodeURIComponent(board)}`,
});
