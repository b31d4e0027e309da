import { SENIORITIES, type Seniority } from "../../domain/facets";
import { ROLE_NOUN, roleKind, roleSegments, SENTENCE } from "./role-kind";
import { fromYears, minimumYears } from "./seniority-years";

export { minimumYears } from "./seniority-years";

const NO_LEVEL_ROLES =
  /\b(managers?|directors?|head of|vp|vice president|chief|cto|ceo|founders?|co-founders?|member of technical staff|all levels)\b/i;
const TITLE_WORDS: ReadonlyArray<[Seniority, RegExp]> = [
  [
    "junior",
    /\b(junior|jr\.?|intern(ship)?|entry[- ]level|graduate|new grad|trainee|apprentice|praktikant(in)?|werkstudent|student|early[- ]career)\b/i,
  ],
  ["staff", /\b(staff|principal|distinguished)\b|\b(tech|team|technical|engineering)\s+lead\b|\blead\b/i],
  ["senior", /\b(senior|sr\.?|snr)\b/i],
  ["mid", /\b(intermediate|mid[- ]level|mid)\b/i],
];
const LEVEL_WORD = String.raw`(?:junior|jr|mid(?:-level)?|intermediate|senior|sr|staff|principal|lead)`;
/** Two levels offered side by side ("Mid / Senior", "Sr/Staff", "Senior and Staff"): the labels leave these to years. */
const LEVEL_RANGE = new RegExp(
  String.raw`\b${LEVEL_WORD}\.?\s*(?:/|\bor\b|\band\b|\bto\b|-to-|–|-|&)\s*${LEVEL_WORD}\b`,
  "i",
);
const LEVEL_FIELDS: ReadonlyArray<[RegExp, Seniority | null]> = [
  [/mid[-_ ]?senior/i, null],
  [/intern|entry|junior|student|graduate|trainee|early/i, "junior"],
  [/staff|principal|lead|expert/i, "staff"],
  [/senior|experienced/i, "senior"],
  [/mid|intermediate|associate/i, "mid"],
];

// "Min. Experience: Entry Level", "Seniority: Senior": a level field written into the text, read like
// a source's structured level field when the source has none.
const LEVEL_IN_TEXT =
  /\b(?:seniority|(?:experience|career|job|position|role) level|level|min(?:imum)?\.? experience|experience)\s*:\s*(entry[- ]level|junior|mid[- ]level|mid|intermediate|senior|staff|principal|lead|graduate|intern(?:ship)?)\b/i;

/**
 * Level words of other languages as the English ones the rules use: "Sênior" and "Júnior"
 * (Portuguese, Spanish), "Pleno" (Portuguese) and "Medior" (Dutch) for mid, and the Latin
 * American "Semi Senior" / "SSr", a level between junior and senior, for mid too. Interns are
 * junior (labelling rules): "Estagiário", "Becario", "Pasante", "Stagiaire", "Praktikant", "Tirocinante".
 */
function englishLevels(title: string): string {
  return title
    .replace(/\bsemi[- ]?s[eê]nior\b|\bssr\b/gi, "mid")
    .replace(/\bs[eê]nior\b/gi, "senior")
    .replace(/\bj[uú]nior\b/gi, "junior")
    .replace(/\b(pleno|medior)\b/gi, "mid")
    .replace(
      /\b(estagi[áa]ri[oa]|est[áa]gio|becari[oa]|pasante|stagiaire|praktikant(?:in)?|tirocinante)(?![\w\u00C0-\u024F])/gi,
      "intern",
    );
}

/** The levels the words of a title part map to ("Staff/Principal" → staff, staff). */
function levelsNamed(words: string): Seniority[] {
  return words
    .split(/[^\w]+/)
    .flatMap((word) => TITLE_WORDS.filter(([, pattern]) => pattern.test(word)).map(([level]) => level));
}

function fromTitle(original: string): Seniority | "ambiguous" | null {
  const title = englishLevels(original);
  // "(Senior) Product Director" is not a senior title; "Backend Engineer (Senior)" is.
  const bare = NO_LEVEL_ROLES.test(title) ? title.replace(/\((senior|sr\.?)\)/gi, " ") : title;
  const hits = TITLE_WORDS.filter(([, pattern]) => pattern.test(bare)).map(([level]) => level);
  // "Mid/Senior" offers two levels; "Staff/Principal" names one level twice.
  const range = LEVEL_RANGE.exec(bare);
  if (range && new Set(levelsNamed(range[0])).size > 1) return "ambiguous";
  if (hits.includes("mid") && hits.includes("senior")) return "ambiguous";
  if (hits.includes("junior")) return "junior";
  if (/\b(staff|principal|distinguished)\b/i.test(bare) && !/member of technical staff/i.test(bare)) return "staff";
  if (hits.includes("staff")) return "staff"; // "Sr. Lead": the higher level (a "Senior/Lead" range is handled above)
  if (hits.includes("senior")) return "senior";
  return hits[0] ?? null;
}

/** Every level a title names ("Mid / Senior" → mid, senior; "Senior/Lead" → senior, staff). */
function titleLevels(title: string): Seniority[] {
  const bare = englishLevels(title)
    .replace(/\((senior|sr\.?)\)/gi, " ")
    .replace(/member of technical staff/gi, " ");
  return SENIORITIES.filter((level) => TITLE_WORDS.some(([named, pattern]) => named === level && pattern.test(bare)));
}

/**
 * Every level the listing is open to: all the levels its title names, or else the single best
 * level (`best`, from classifySeniority). Empty when nothing says one level: a title naming one
 * level beside a role with none ("SREs, Lead Backend Engineer") has no best level, and the one it
 * names alone would hide the post from every subscriber at another level.
 */
export function classifySeniorities(title: string, best: Seniority | null): Seniority[] {
  const named = titleLevels(title);
  if (named.length > 1) return named;
  return best ? [best] : [];
}

// A level word in front of a backend role the text advertises ("Senior Rails Engineer", "Staff SRE").
// "Senior Staff Data Engineer": two level words in a row name one level, the higher (staff).
const LEVELLED_ROLE_IN_TEXT = new RegExp(
  String.raw`\b(${LEVEL_WORD}\.?(?:\s*[/&]\s*${LEVEL_WORD}|-to-${LEVEL_WORD}|\s+${LEVEL_WORD}\b)?)\.?\s+(?:[\w.#+-]+\s+){0,2}?(?:back[- ]?end|server[- ]side|platform|infrastructure|devops|data|api|python|golang|go|java|ruby|rails|php|elixir|scala|rust|node(?:\.?js)?|django|\.net|kotlin|software)\s+(?:engineers?|developers?)\b` +
    String.raw`|\b(${LEVEL_WORD}\.?(?:\s*[/&]\s*${LEVEL_WORD}|-to-${LEVEL_WORD}|\s+${LEVEL_WORD}\b)?)\.?\s+(?:SREs?|site reliability engineers?)\b`,
  "gi",
);

/**
 * The one level of the backend roles a multi-role post advertises in its text, when its title
 * names no role of its own (a sentence, or "Multiple roles"); null when they differ or none says.
 */
const PLURAL_ROLE_ONLY = /^\W*(?:software\s+)?(?:engineers|developers|programmers)\W*$/i;

function advertisedLevel(title: string, text: string): Seniority | null {
  // "Engineering Managers and Engineers": a plural role noun alone names no role of its own either.
  const titledRole = roleSegments(title).some(
    (role) => (roleKind(role) === "backend" || roleKind(role) === "generic") && !PLURAL_ROLE_ONLY.test(role),
  );
  if (titledRole && !SENTENCE.test(title) && !/\b(roles|positions|openings)\b/i.test(title)) return null;
  return levelOfRolesInText(text);
}

// "Join our senior backend engineers": the level of colleagues, not of the role advertised.
const AMONG_COLLEAGUES =
  /\b(with|alongside|among|join|joining|of|our|team of)\s+(?:(?:our|the|other|fellow|a team of)\s+)?$/i;

/** The one level the text gives the backend roles it advertises ("looking for senior Rails engineers"), or null. */
function levelOfRolesInText(text: string): Seniority | null {
  const levels = new Set<Seniority | "ambiguous" | null>();
  for (const m of text.matchAll(LEVELLED_ROLE_IN_TEXT)) {
    if (AMONG_COLLEAGUES.test(text.slice(Math.max(0, (m.index ?? 0) - 30), m.index))) continue;
    levels.add(fromTitle(m[1] ?? m[2] ?? ""));
  }
  const [only] = levels; // "Senior/Staff Engineers" is a range: years decide, as in a title
  return levels.size === 1 && only !== "ambiguous" ? (only ?? null) : null;
}

/**
 * A title that lists engineering roles at two different levels ("Senior Software Engineer - Full
 * Stack, Tech Lead / Software Engineer"): the post's backend roles share no one level (README: a
 * multi-role post's seniority describes its backend roles), so none is chosen.
 */
function rolesDifferInLevel(title: string): boolean {
  // "Mid/Senior Python Engineer" is one role offered at two levels (years decide), not two roles.
  const roles = roleSegments(title).filter((role) => ROLE_NOUN.test(role) && roleKind(role) !== "other");
  const levels = roles.map(fromTitle);
  // An unlevelled part may only qualify the role before it ("Senior AI Engineer / Architect"), but an
  // unlevelled backend role beside a levelled one ("SREs, Lead Backend Engineer") is a second level.
  const unlevelledBackend = roles.some((role, i) => levels[i] === null && roleKind(role) === "backend");
  const named = new Set(levels.filter((level) => level !== null));
  return named.size > 1 || (named.size === 1 && unlevelledBackend);
}

// "seeking Operations Engineers and Junior Operations Engineers", "hire senior developers to …, and web
// operations engineers to …": the roles a sentence title says it hires, joined by "and" or commas.
const HIRING_VERB = /\b(?:seeking|hiring|hire|looking for|recruiting)\s+([^.!?]{0,200})/i;
const ROLE_PHRASE = /^\s*(?:an?\s+)?((?:[\w-]+\s+){0,3}?(?:engineers?|developers?|programmers?))\b/i;

/**
 * A sentence taken as the title that hires roles at two levels, one of them unlevelled ("Operations
 * Engineers and Junior Operations Engineers"): the README leaves such a post's seniority null.
 */
function hiredRolesDifferInLevel(title: string): boolean {
  const hired = HIRING_VERB.exec(title)?.[1];
  if (!SENTENCE.test(title) || !hired) return false;
  const levels = hired
    .split(/,?\s+(?:and|&)\s+|,\s+/)
    .map((part) => ROLE_PHRASE.exec(part)?.[1])
    .filter((role) => role !== undefined)
    .map((role) => fromTitle(role));
  return new Set(levels).size > 1;
}

/**
 * A title listing several roles, reduced to its backend and generic engineering roles: a multi-role
 * post's seniority describes those (README), not its "Junior Frontend Engineer" or "Director".
 */
function withoutOtherRoles(title: string): string {
  const roles = roleSegments(title);
  if (roles.length < 2 || SENTENCE.test(title)) return title;
  const kept = roles.filter((role) => roleKind(role) !== "other");
  return kept.length > 0 && kept.length < roles.length ? kept.join(", ") : title;
}

/**
 * Seniority by evidence order: title words, then the source's structured level field, then the
 * minimum years the text requires (0–1 junior, 2–4 mid, 5+ senior). Managers, directors,
 * founders and "all levels" stay null unless the title also says senior.
 */
export function classifySeniority(
  fullTitle: string,
  levelField: string | null | undefined,
  text: string,
): Seniority | null {
  const level = levelField || LEVEL_IN_TEXT.exec(text)?.[1];
  const title = withoutOtherRoles(fullTitle);
  if (rolesDifferInLevel(title) || hiredRolesDifferInLevel(title)) return null;
  const titled = fromTitle(title);
  if (titled === "ambiguous") return fromYears(minimumYears(text));
  if (NO_LEVEL_ROLES.test(title)) return titled === "senior" ? "senior" : null;
  if (titled) return titled;
  // A level field naming two levels ("Mid-level, Senior") is a range: years decide, as in a title.
  const fieldLevels = new Set(level ? LEVEL_FIELDS.filter(([pattern]) => pattern.test(level)).map(([, s]) => s) : []);
  if (fieldLevels.size > 1 && !fieldLevels.has(null)) return fromYears(minimumYears(text));
  for (const [pattern, seniority] of LEVEL_FIELDS) {
    if (level && pattern.test(level)) return seniority ?? fromYears(minimumYears(text));
  }
  const yearsField = level ? /(?<!\d)(\d{1,2})\+? years/.exec(level) : null;
  if (yearsField) return fromYears(Number(yearsField[1]));
  return advertisedLevel(title, text) ?? fromYears(minimumYears(text));
}
