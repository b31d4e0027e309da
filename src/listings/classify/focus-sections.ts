/** Headings whose section is not the role's own work. */
const SECTION_KINDS: ReadonlyArray<[Section, RegExp]> = [
  [
    "optional",
    /^(nice[- ]to[- ]haves?|bonus( points)?|pluses|plus points|preferred( qualifications| skills)?|good to have|extra credit|would be (great|nice)|stand out|desirable)\b/i,
  ],
  ["benefits", /^(benefits|perks|what we offer|what you('ll)? get|why (join|work)|we offer|our offer|compensation)\b/i],
  [
    "company",
    /^(about (us|the company|[A-Z][\w.&'-]*(\s[A-Z][\w.&'-]*){0,3}:?$)|who (we are|are we)|what we do|our (mission|story|company|people|impact|values|culture)|company (overview|description))/i,
  ],
];
// "About the role", "About you", "About the team" describe the role, whatever the pattern above says.
const ROLE_HEADING = /^about (the )?(role|job|position|team|opportunity|you)\b/i;
const HEADING = /^[^.!?]{2,70}[:?]?$/;
const MAX_HEADING_WORDS = 8;
const OPTIONAL_SENTENCE =
  /\b(nice[- ]to[- ]have|a plus|is a bonus|bonus points?|would be a plus|preferred|desirable|exposure to|not required)\b/i;

type Section = "work" | "optional" | "benefits" | "company";

function headingKind(line: string): Section | null {
  if (/^[-•*]/.test(line) || !HEADING.test(line) || line.split(/\s+/).length > MAX_HEADING_WORDS) return null;
  if (ROLE_HEADING.test(line)) return "work";
  return SECTION_KINDS.find(([, pattern]) => pattern.test(line))?.[0] ?? "work";
}

/**
 * The part of a description that says what the role works on: without the sections about the
 * company, its benefits and "nice to have" skills, and without sentences that only wish for a skill.
 */
export function roleWorkText(text: string): string {
  const kept: string[] = [];
  let section: Section = "work";
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    section = headingKind(trimmed) ?? section;
    if (section !== "work") continue;
    kept.push(
      trimmed
        .split(/(?<=[.;!?])\s+/)
        .filter((sentence) => !OPTIONAL_SENTENCE.test(sentence))
        .join(" "),
    );
  }
  return kept.join("\n");
}
