/**
 * The role names a post lists one per line behind a list marker ("- DevOps in Argentina: https://…",
 * "B. Senior Rust Developer: …", "- All Levels: Platform Engineers"), as Hacker News posts that hire
 * for several roles do. Only a list of two or more such lines counts: a lone bullet naming a role is
 * more likely a description's aside than a list of the roles a post hires for.
 */
// A list marker: a bullet, dash or arrow, or a number or letter with a full stop or bracket.
const LIST_LINE = /^\s*(?:-+>|→|[-*•–]|\d{1,2}[.)]|[A-Za-z][.)])\s+(\S.*)$/;
// Where a role's name ends on its line: a colon, a dash between spaces or a link.
const NAME_END = /:\s|:$|\s[-–—|]\s|https?:\/\//;
// Up to three words with no role noun before the name label it ("All Levels: Platform Engineers").
const LABEL = /^\s*(?:\S+\s+){0,2}\S+\s*$/;
const HAS_ROLE_NOUN = /\b(engineers?|developers?|programmers?|swes?|sres?|devops|administrators?|architects?)\b/i;
/**
 * A role's name as a title is written: up to seven capitalised words (or "C/Rust", ".NET") ending in
 * a role noun, then perhaps a bracket, a place ("in Argentina") or a specialism (", AgentOps").
 * Lower-case prose ("Coach junior developers", "Proficiency with DevOps tools") is not a name.
 */
const ROLE_NAME =
  /^(?:(?:[A-Z0-9.#+/&]\S*|and|of|or|&|\/)\s+){0,6}(?:[Ee]ngineers?|[Dd]evelopers?|[Pp]rogrammers?|SWEs?|SREs?|[Dd]ev[Oo]ps|[Aa]dministrators?|[Aa]rchitects?|ENGINEERS?|DEVELOPERS?|DEVOPS)(?:\s*\([^)]*\))?(?:\s+in\s+[A-Z]\S*(?:\s+[A-Z]\S*)?|\s*,\s*[A-Z]\S*(?:\s+[A-Z&]\S*){0,2})?$/;
const MAX_LINES = 400;

/** The role name a list line starts with, or null when it starts with something else. */
function roleName(item: string): string | null {
  const [first, second] = item.split(NAME_END).map((piece) => piece.trim());
  const name = first && !HAS_ROLE_NOUN.test(first) && LABEL.test(first) ? second : first;
  if (!name || !ROLE_NAME.test(name)) return null;
  return name;
}

/** The role names of a post's list of roles (empty unless it lists two or more). */
export function listedRoleNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split("\n", MAX_LINES)) {
    const item = LIST_LINE.exec(line.slice(0, 500))?.[1];
    const name = item ? roleName(item) : null;
    if (name) names.push(name);
  }
  return names.length >= 2 ? names : [];
}
