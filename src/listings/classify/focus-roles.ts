import type { Focus } from "../../domain/facets";
import { roleKind } from "./role-kind";

/** One engineering role a post lists in its text, with what the post says about it on the same line. */
export interface ListedRole {
  role: string;
  detail: string;
}

// Only engineering role nouns: a multi-role post's analysts, designers and managers are not backend roles.
const ROLE_NOUN = /^(engineers?|developers?|programmers?|sres?|devops)$/i;
// Words that make the start of a line a sentence ("We're looking for engineers"), not a role name.
const PROSE_WORD =
  /^(we|we're|we've|you|you'll|you're|our|your|the|a|an|with|to|for|are|is|as|of|in|on|at|be|will|join|work|looking|hiring|seeking|who|this|that|if|and|or|all|any|other|team|teams|\||mentor|support|help|manage|hire|coach|train|guide|partner|collaborate|make|build|own|design|write|create|drive|ship|improve|develop|by|no|current)$/i;
const MAX_ROLE_WORDS = 7;
// What may follow a role name on its line: nothing, a dash, colon, bracket, comma, bar or a link.
const AFTER_ROLE = /^(\s*$|\s*[–—:(|,]|\s*\.(\s|$)|\s+-\s|\s+https?:)/;
// A list marker at the start of a line ("* ", "- ", "2. ", "-> ").
const LIST_MARKER = /^\s*(?:->|[-*•·>]+|\d{1,2}[.)])\s*/;
// Bullets run together on one line (" * Backend / DevOps: …  * AI Engineer: …").
const INLINE_BULLET = /\s[*•]\s+(?=\S)/g;
// "We're hiring: a, b and c" / "looking for a devops engineer, web developer and …": a list of roles.
const HIRING_LEAD = /\b(hiring|looking for|seeking|open roles|open positions|positions|roles)\b[^:.;]{0,40}?[:—–]?\s/i;
// The lookbehind starts a match only at the first space of a run, so a run of spaces is scanned once.
const LIST_SEPARATOR = /,(?:\s+(?:and|or)\b)?|(?<!\s)\s+(?:and|or|&)(?!\S)/i;
const MAX_LINES = 400;
const MAX_LINE_CHARS = 2_000;

const WORD = /\S+/g;
const TRAILING_PUNCTUATION = /[*_:,.)]+$/;

/** A role name at the start of a fragment: up to seven words ending in an engineering role noun. */
function roleAtStart(fragment: string): ListedRole | null {
  const head = fragment.slice(0, 200);
  let index = 0;
  for (const match of head.matchAll(WORD)) {
    if (index++ >= MAX_ROLE_WORDS) return null;
    const word = match[0].replace(/^[*_(]+/, "").replace(TRAILING_PUNCTUATION, "");
    if (PROSE_WORD.test(word) || word.includes("|")) return null;
    if (!ROLE_NOUN.test(word)) continue;
    // The noun's own trailing punctuation ("Engineer:", "Engineer,") separates it from its detail.
    const nounEnd = match.index + match[0].replace(TRAILING_PUNCTUATION, "").length;
    const rest = fragment.slice(nounEnd);
    if (!AFTER_ROLE.test(rest)) return null;
    return {
      role: fragment
        .slice(0, nounEnd)
        .replace(/^[*_]+/, "")
        .trim(),
      detail: rest.slice(0, 300),
    };
  }
  return null;
}

/** Every fragment of a line that could start a role: the line itself, or the items of a hiring list. */
function candidateFragments(line: string): string[] {
  const fragments = line.replace(INLINE_BULLET, "\n").split("\n");
  const lead = HIRING_LEAD.exec(line);
  const listed = lead ? line.slice((lead.index ?? 0) + lead[0].length) : line;
  const items = listed.split(LIST_SEPARATOR).map((item) => item.trim().replace(/^(an?|the)\s+/i, ""));
  // A comma list counts only when most of it is role names ("Data Engineer, Platform Engineer and …").
  const roleItems = items.filter((item) => item.split(/\s+/).length <= 6 && roleAtStart(item));
  if (roleItems.length >= 2) fragments.push(...roleItems.map((item) => item.trim()));
  return fragments.map((fragment) => fragment.replace(LIST_MARKER, ""));
}

/**
 * The engineering roles a post lists in its text (a role per line or bullet, or a "we're hiring: …"
 * list), each with what its line says after the name. Roles a post only mentions in a sentence
 * ("you will work with data engineers") are not listed. Roles of other kinds (frontend, QA…) are dropped.
 */
export function listedRoles(text: string): ListedRole[] {
  const found: ListedRole[] = [];
  for (const line of text.split("\n").slice(0, MAX_LINES)) {
    for (const fragment of candidateFragments(line.slice(0, MAX_LINE_CHARS))) {
      const listed = roleAtStart(fragment);
      if (listed && roleKind(listed.role) !== "other") found.push(listed);
    }
  }
  return found;
}

/** Role names of each kind a post may advertise in a sentence ("we're hiring an SRE"). */
const FOCUS_ROLE_IN_TEXT: ReadonlyArray<[Focus, RegExp]> = [
  [
    "platform",
    /\b(platform|infrastructure|infra|devops|site reliability|reliability|cloud|ops)\s+(engineers?|developers?|engs?|devs?)\b|\bSREs?\b/i,
  ],
  // An "ML engineer" beside the backend roles is modelling work (README: not backend); MLOps is data work.
  ["data", /\b(data|mlops|analytics)\s+(engineers?|developers?|engs?|devs?)\b/i],
  [
    "api",
    /\b(back[- ]?end|api|rails|python|golang|go|java|ruby|php|elixir|node(?:\.?js)?|django|\.net|scala|kotlin)\s+(engineers?|developers?|engs?|devs?)\b/i,
  ],
];

// "work closely with our data engineers": colleagues the role works with, not a role the post advertises.
const COLLEAGUES_BEFORE =
  /\b(with|alongside|among|between|supporting|support|help|helping|for|by|from|of)\s+(?:(?:our|the|other|fellow|your|a|existing)\s+)?$/i;

/** Whether the text names a role of this kind as one it hires for, not only as colleagues. */
function advertisesRole(pattern: RegExp, text: string): boolean {
  for (const match of text.matchAll(new RegExp(pattern.source, "gi"))) {
    const before = text.slice(Math.max(0, match.index - 30), match.index);
    if (!COLLEAGUES_BEFORE.test(before)) return true;
  }
  return false;
}

/** The kinds of the roles a post advertises anywhere in its text, colleagues it only names aside. */
export function advertisedKinds(text: string): Focus[] {
  return FOCUS_ROLE_IN_TEXT.filter(([, pattern]) => advertisesRole(pattern, text)).map(([kind]) => kind);
}
