import { cleanInline } from "../classify/text";
import { isPlaceName } from "../classify/places";

/** What the first line of a "Who is hiring" comment says, by the `Company | Role | Location` convention. */
export interface HiringHeader {
  company: string;
  title: string;
  location: string;
  /** The whole first line, cleaned: remote/onsite words may sit in any segment. */
  line: string;
  /** The poster marked the post closed ("CLOSED", "[Filled]", "No longer hiring" before the header). */
  closed: boolean;
}

const URL_LIKE = /^(https?:\/\/|www\.)\S+$|^\S+\.(com|io|co|ai|org|net|dev|app|jobs|tech|us|uk)(\/\S*)?$/i;
const TERMS =
  /\b(full[- ]?time|part[- ]?time|contract(or)?|freelance|permanent|intern(ship)?s?|visa|h-?1b|salary|equity|relocation|sponsorship)\b|[$€£]\s?\d|\d+\s?k\b/i;
const WORK_MODE = /\b(remote|on-?site|hybrid|in[- ]office|anywhere|worldwide|distributed|wfh)\b/i;
const ROLE =
  /\b(engineers?|engineering|developers?|devs?|programmers?|sre|devops|designers?|managers?|scientists?|analysts?|architects?|leads?|directors?|cto|vp|head of|researchers?|writers?|communicators?|marketers?|marketing|recruiters?|product|specialists?|consultants?|administrators?|admins?|roles?|positions?|hiring|staff|founders?|technicians?|support|sales|operations)\b/i;
// "San Francisco, CA" / "Austin TX": a US state or Canadian province code after a city.
const CITY_STATE = /^[A-Z][A-Za-z .'-]+,?\s+[A-Z]{2}\b/;

function isLocationSegment(segment: string, strict: boolean): boolean {
  if (WORK_MODE.test(segment)) return true;
  if (CITY_STATE.test(segment)) return true;
  const words = segment.split(/\s+/).length;
  if (strict) return words <= 4 && segment.split(/,|\bor\b|\/|&/).every((part) => isPlaceName(part.trim()));
  return words <= 8 && segment.split(/,|\bor\b|\/|&|\(|\)/).some((part) => isPlaceName(part.trim()));
}

// A header line is a few dozen words; the patterns below then only ever see a short line.
const MAX_HEADER_CHARS = 500;

// Posters edit a filled job's post to start with a notice; the word must end the notice ("CLOSED -",
// "[FILLED]", "Closed:"), so a company called "Closed-Loop" is not one.
const CLOSING_NOTICE =
  /^[\s[(*#-]*(?:(?:update|edit)\s*:\s*)?(?:closed|filled|(?:this |the )?(?:roles?|positions?|jobs?) (?:(?:is|are|has been|have been) )?(?:now )?(?:closed|filled)|no longer hiring|not hiring any ?more|hiring (?:is )?closed)(?=\s*(?:[\]):!.–—]|-\s|$))[\s\]):!.–—-]*/i;

const cleanLine = (head: string) => cleanInline(head.slice(0, MAX_HEADER_CHARS * 4)).slice(0, MAX_HEADER_CHARS);

/**
 * The header line, and whether a closing notice came before it. After a notice, the header is the
 * notice's own line if the rest of it has segments, else the next of two lines that does (a notice
 * may push the header down; only then are those lines cleaned).
 */
function headerLine(html: string): { line: string; closed: boolean } {
  const [first = "", ...next] = html.split(/<p>|<br\s*\/?>|\n/i, 3);
  const line = cleanLine(first);
  const notice = CLOSING_NOTICE.exec(line);
  if (!notice) return { line, closed: false };
  const rest = line.slice(notice[0].length).trim();
  return { line: rest.includes("|") ? rest : (next.map(cleanLine).find((l) => l.includes("|")) ?? rest), closed: true };
}

/**
 * Splits the first line into company, role and location. Segments are recognised by what they
 * look like (a URL, terms, a place or work mode, a role) rather than by position, because posters
 * reorder them; the first segment that is none of these is the company.
 */
export function parseHiringHeader(html: string): HiringHeader {
  const { line, closed } = headerLine(html);
  const segments = line
    .split(/\s+\|\s+|\s*\|\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  let company = "";
  const roles: string[] = [];
  const places: string[] = [];
  segments.forEach((segment, index) => {
    const bare = segment.replace(/\s*https?:\/\/\S+/g, "").trim();
    if (!bare || URL_LIKE.test(bare)) return;
    if (isLocationSegment(bare, index === 0)) places.push(bare);
    else if (index > 0 && ROLE.test(bare)) roles.push(bare);
    else if (TERMS.test(bare) && !ROLE.test(bare)) return;
    else if (!company) company = bare.replace(/\s*\((YC|yc)[^)]*\)/, "").trim();
    else if (ROLE.test(bare)) roles.push(bare);
  });
  return { company, title: roles.join(" / "), location: places.join(" | "), line, closed };
}
