import type { Region } from "../../domain/facets";
import { findPlaces, isPlaceName, type PlaceMentions } from "./places";

/** Hybrid in any form: never mailed, so it must win over a mere "remote" next to it. */
export const HYBRID =
  /\bhybrid\b|partial(ly)?[- ]remote|remote and in[- ]office|in[- ]office (\d|two|three|four) days|anchor days|#li-hybrid\b/i;
/** On-site statements (in a location field, or a requirement in the text). */
export const ONSITE =
  /\bon-?site\b|\bin[- ]office\b|\bin[- ]person\b|office[- ]based|#li-onsite\b|\bnot (a )?remote\b|\bno remote\b|relocat(e|ion) (to|is required)/i;
/** The text says this role itself is on-site or hybrid. */
export const ONSITE_ROLE =
  /\b(this|the) (role|position|job) is (a |an )?(hybrid|on-?site|in[- ]office|office[- ]based|in[- ]person)\b|\bon-?site \d days\b|\b\d days (a|per) week (in|at) (the|our) office\b|\bmust be (comfortable being )?on-?site\b|\bwork from our offices? on\b|\banchor days\b|#li-(onsite|hybrid)\b|\bfield[- ]based\b/i;
/** Remote words in a location field or header. */
export const REMOTE_WORD =
  /\bremote\b|\banywhere\b|\bworldwide\b|\bwfh\b|telecommut|distributed team|work from home|#li-remote\b/i;
/** The text states the role itself is remote (not just that a company is "remote-friendly"). */
export const REMOTE_ROLE =
  /\b(fully|100%|completely|entirely|100 ?percent) remote\b|\bremote[- ](role|position|job|opportunity|first)\b|\b(role|position|job) is (fully |100% )?remote\b|\bwork (fully )?remotely\b|\bremote (within|in) (the )?[A-Z]|#li-remote\b|\bwork from (home|anywhere)\b/i;

// Cues after which the next words say where applicants must be.
const RESTRICTION_CUES = [
  /\b(must|need to|needs to|required to|should|have to|has to)\s+(be\s+)?(currently\s+)?(be\s+)?(located|based|residing|reside|resident|live|living|work(ing)?)\s+(in|within|from)\b/gi,
  /\b(authori[sz](ed|ation)|eligib(le|ility)|permit(ted)?|right|legally able)\s+to\s+work\s+(in|within|for)\b/gi,
  /\bonly\s+(hiring|recruiting|accepting|open|available|considering)\b[^.\n]{0,40}?\b(in|from|to)\b/gi,
  /\bopen\s+to\s+(?:[\w-]+\s+){0,3}?(candidates|applicants|residents|people|those|anyone)?\s*(located\s+|based\s+|living\s+)?(anywhere\s+)?(in|from|within)\b/gi,
  /\b(remote|remotely)\s*(,|-|–)?\s*(only\s+)?(with)?in\s+(the\s+)?(country\s+of\s+)?(?=[A-Z])/g,
  /\bresidents?\s+of\b|\b(candidates|applicants)\s+(from|in|located in|based in)\b/gi,
  /\bonly\s+from\b|\bhire\s+(only\s+)?in\b|\bhiring\s+in\b/gi,
  /\bas long as (you|they|candidates|applicants)\s+(live|reside|are based|are located)\s+(in|within)\b/gi,
  /\b(role|position|job)\s+(is\s+)?based\s+(in|within)\b/gi,
  /^[ \t]*location[ \t]*:?[ \t]*$|^[ \t]*location[ \t]*:/gim,
];
// Place-first phrasings: "US-based", "US only", "US work authorization", "US residents", "UK candidates".
// Each word starts at a word boundary and is bounded: an unbounded word run would be rescanned from
// every capital of a long one ("AAAA…", "A.A.A.…"), quadratic on hostile text.
const PLACE_FIRST =
  /\b([A-Z][\w.]{0,30}(?:\s[A-Z][\w.]{0,30}){0,2})[- ](based|only|work authori[sz]ation|residents?|citizens? only|candidates only)\b/g;
// "US Remote", "EU-remote": a country or region code written before the remote word (a longer place name
// there is as often the company's headquarters: "Headquarters: Austria Remote").
const CODE_REMOTE = /\b(US|USA|UK|EU|EMEA|LATAM|APAC)[- ](only[- ])?([Rr]emote|REMOTE)\b/g;
// "Remote - Europe, CET ±2h", "Remote (US only)", "REMOTE – Canada": the place written right after the remote
// word, up to the end of its segment.
const REMOTE_THEN_PLACE = /\b(?:remote|REMOTE|Remote)[ \t]*(?:[-–—:][ \t]*|\([ \t]*)([A-Z][^.;:)(·|\n]{0,60})/g;
// A restriction hedged for some teams only is not the listing's restriction.
const HEDGED =
  /\b(certain|some|specific) (teams|roles|positions|openings)\b|\bnot requirements\b|\bmay (carry|require|be)\b/i;
// What follows "X-based" when it describes the employer ("Berlin-based fintech startup").
const COMPANY_AFTER = /^[ \t]+(?:[\w-]+[ \t]+){0,2}?(startup|company|firm|business|agency|studio|employer)\b/i;
// Title case too: "Remote | Eastern Time Zone".
const TIMEZONE =
  /\b([A-Z][\w.]{0,30}(?:[ -][A-Z][\w.]{0,30})?)[- ](friendly )?[Tt]ime ?[Zz]ones?\b|\b(UTC|GMT)\s?([+-−]\s?\d{1,2})/g;

function clauseAfter(text: string, end: number): string {
  const rest = text.slice(end, end + 160);
  return rest.split(/[.;!?\n](\s|$)|\b(and|but|who|which|with|because|as|due)\b(?! [A-Z][a-z]+,)/)[0] ?? rest;
}

// A sentence is sought within this many characters each side, so a text without full stops stays linear.
const SENTENCE_REACH = 300;

function sentenceAround(text: string, index: number): string {
  const from = Math.max(0, index - SENTENCE_REACH);
  const window = text.slice(from, index + SENTENCE_REACH);
  const at = index - from;
  const start = Math.max(window.lastIndexOf(".", at), window.lastIndexOf("\n", at)) + 1;
  const stops = [window.indexOf(".", at), window.indexOf("\n", at)].filter((i) => i >= 0);
  return window.slice(start, stops.length ? Math.min(...stops) : undefined);
}

/**
 * Places the text names as a restriction on where applicants may live ("must be based in the
 * US", "authorization to work in the United States", "US only", "open to applicants in LATAM").
 * Company facts ("headquartered in Boston", "customers in Europe") are not restrictions.
 */
export function findRestrictedPlaces(text: string): PlaceMentions {
  const clauses: string[] = [];
  for (const cue of RESTRICTION_CUES) {
    for (const m of text.matchAll(cue)) {
      if (HEDGED.test(sentenceAround(text, m.index ?? 0))) continue;
      const end = (m.index ?? 0) + m[0].length;
      // "Location" as a heading: the next line, when it is about remote work (else it is the office).
      if (/location/i.test(m[0])) {
        const line =
          text
            .slice(end, end + 120)
            .split("\n")
            .find((l) => l.trim()) ?? "";
        if (REMOTE_WORD.test(line) || /time ?zone/i.test(line)) clauses.push(line);
      } else clauses.push(clauseAfter(text, end));
    }
  }
  for (const m of text.matchAll(PLACE_FIRST)) {
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 40);
    // "a Munich-based startup" describes the company, not where applicants must be.
    if (m[2] === "based" && COMPANY_AFTER.test(after)) continue;
    if (!HEDGED.test(sentenceAround(text, m.index ?? 0))) clauses.push(m[1] ?? "");
  }
  for (const m of text.matchAll(CODE_REMOTE)) clauses.push(m[1]!);
  for (const m of text.matchAll(REMOTE_THEN_PLACE)) {
    // "Headquarters: Remote - Saudi Arabia" is the company's; "(EMEA/APAC preferred)" is a wish (README).
    const lineBefore = text
      .slice(Math.max(0, (m.index ?? 0) - 40), m.index)
      .split("\n")
      .pop()!;
    if (/\b(headquarter\w*|HQ)\b/i.test(lineBefore) || /\bpreferred\b/i.test(m[1]!)) continue;
    const segment = m[1]!.replace(/\s+only\b.*$/i, "");
    // Only when the words after "Remote -" start with a place: "Remote - We are a US company" is no restriction.
    const first = segment.split(/,|\/|\bor\b|\band\b|&/)[0]!.trim();
    if (isPlaceName(first) || /^(worldwide|global|anywhere)$/i.test(first)) clauses.push(segment);
  }
  const found = findPlaces(clauses.join(" ; "));
  return { ...found, worldwide: found.worldwide && found.countries.length === 0 && found.regions.length === 0 };
}

/** Text without its time-zone phrases: "US-friendly time zones" names a region, not a country. */
export function withoutTimezones(text: string): string {
  return text.replace(TIMEZONE, " ");
}

const OFFSET_REGIONS: Array<[number, number, Region]> = [
  [-12, -2, "americas"],
  [-1, 4, "emea"],
  [5, 14, "apac"],
];

/** Regions implied by a binding time-zone requirement ("US time zone overlap required", "UTC+3"). */
export function timezoneRegions(text: string): Region[] {
  const regions = new Set<Region>();
  for (const m of text.matchAll(TIMEZONE)) {
    const sentence = sentenceAround(text, m.index ?? 0);
    if (/\b(overlap|hours)\b/i.test(sentence) && !/\b(required|must|need|within)\b/i.test(sentence)) continue;
    if (m[1]) findPlaces(m[1]).regions.forEach((r) => regions.add(r));
    if (m[1] && /^(US|USA|U\.S\.|American|North American|Eastern|Pacific|Central|EST|PST|CST|ET|PT)$/i.test(m[1]))
      regions.add("north_america");
    if (m[1] && /^(European|CET|EU|UK|GMT)$/i.test(m[1])) regions.add("europe");
    if (m[4]) {
      const offset = Number(m[4].replace(/[−\s]/g, (c) => (c === "−" ? "-" : "")));
      const hit = OFFSET_REGIONS.find(([lo, hi]) => offset >= lo && offset <= hi);
      if (hit) regions.add(hit[2]);
    }
  }
  return [...regions];
}
