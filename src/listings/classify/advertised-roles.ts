/**
 * The roles a post lists one per line, as multi-role posts do ("* Senior SRE – own our infra",
 * "DevOps Engineer: https://…", "2. Staff Engineer — APIs and data pipelines"): each role's name
 * and what its line (or, for a bare heading, the paragraph under it) says about it.
 */
export interface AdvertisedRole {
  role: string;
  detail: string;
}

// A role name holds a role noun; "Lead the design…" is a duty, "Tech Lead" a role.
const ROLE_NOUN =
  /\b(engineers?|developers?|programmers?|SREs?|devops|architects?|scientists?|analysts?|designers?|managers?|directors?|specialists?|consultants?|administrators?|executives?|recruiters?|officers?|marketers?|writers?)\b|\b(tech|team|technical|engineering)\s+leads?\b|\bhead of\b/i;
// Words of a sentence, not of a role name ("Engineers who love Go", "You will work with engineers").
const SENTENCE_WORD =
  /\b(we|we're|you|you'll|your|our|us|who|will|are|is|was|be|to|for|the|a|an|with|love|looking|hiring|join|if|that|this|and more)\b/i;
// Where a role's name ends and its detail starts: a dash between spaces, a colon, a bar or a link.
// Brackets do not end it ("Full Stack Ruby (& Rails) Engineer (Austin, TX)"): they are dropped.
const NAME_END = /\s[–—-]+\s|:|\s\|\s|\shttps?:/;
const BRACKETED = /\([^()]{0,80}\)/g;
const BULLET = /^(?:[-*•·>]+|\d{1,2}[.)])\s*/;
const MAX_NAME_WORDS = 8;
/** Longest detail kept per role: one paragraph of duties, not the rest of the post. */
const MAX_DETAIL_CHARS = 1_200;

function roleName(line: string): { role: string; rest: string } | null {
  const bare = line
    .replace(BULLET, "")
    .replace(/^\*+|\*+$/g, "")
    .trim();
  const end = bare.slice(0, 120).search(NAME_END);
  const role = (end < 0 ? bare : bare.slice(0, end))
    .replace(BRACKETED, " ")
    .replace(/\*+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!role || role.length > 80 || role.split(/\s+/).length > MAX_NAME_WORDS) return null;
  if (!ROLE_NOUN.test(role) || SENTENCE_WORD.test(role) || /[.!?]$/.test(role)) return null;
  return { role, rest: end < 0 ? "" : bare.slice(end).replace(/^[\s–—:|(-]+/, "") };
}

/** Each role line with its detail; a role named alone on its line takes the lines under it. */
export function advertisedRoles(text: string): AdvertisedRole[] {
  const roles: AdvertisedRole[] = [];
  let heading: AdvertisedRole | null = null;
  for (const line of text.split("\n")) {
    const named = roleName(line.trim());
    if (named) {
      const role = { role: named.role, detail: named.rest.slice(0, MAX_DETAIL_CHARS) };
      roles.push(role);
      // A bare heading ("* Data Engineer (Austin, TX)") describes its role in the paragraphs below.
      heading = named.rest.length < 40 ? role : null;
    } else if (heading && heading.detail.length < MAX_DETAIL_CHARS) {
      heading.detail = `${heading.detail}\n${line}`.slice(0, MAX_DETAIL_CHARS);
    }
  }
  return roles;
}
