import { ROLE_NOUN, roleKind } from "./role-kind";

// Where a clause ends: the languages after a marker below reach no further than this.
const CLAUSE_REST = String.raw`[^.;\n]{0,160}`;
/**
 * Languages the product serves, not the ones the role writes: "SDKs for Python and Go", "integrates
 * with apps written in PHP", "plugins for Java projects". What follows the marker to the clause end
 * names what customers use.
 */
const PRODUCT_LANGUAGES = new RegExp(
  String.raw`\b(?:sdks?|client librar(?:y|ies)|bindings|plugins|extensions|connectors)\s+(?:for|in languages like)\s${CLAUSE_REST}` +
    String.raw`|\b(?:integrates?|integrating|compatible|interoperates?)\s+with\s${CLAUSE_REST}`,
  "gi",
);

// "C# (Windows App)", "Kotlin (Android)", "TypeScript (frontend)": a language whose bracket names a
// client app is that app's language, not the server's.
const CLIENT_APP_LANGUAGE =
  /(?<![\w.#+])[\w.#+]+\s?\((?:the |our )?(?:mac(?:os)?|windows|desktop|ios|android|mobile|front-?end|browser)(?:\s(?:apps?|applications?|clients?))?\)/gi;

// Where the name of a role listed on a line ends: a bracket, a colon or a dash after it.
const ROLE_LEAD = /^\s*(?:[-•*]\s*)?([^():\n–—]{2,60}?)\s*(?:\(|:|\s[-–—]\s)/;

/**
 * "- Data Scientist (Python, R)", "* Frontend Engineer: React, TypeScript": a multi-role post's line
 * for a role of another kind lists that role's languages, not the backend role's.
 */
function withoutOtherRoleLines(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const lead = ROLE_LEAD.exec(line)?.[1];
      return lead && ROLE_NOUN.test(lead) && roleKind(lead) === "other" ? "" : line;
    })
    .join("\n");
}

/**
 * The text without what names no stack of this role: URLs ("view.php?id=3"), migrations away from a
 * language ("from PHP to Rust"), a language used a little ("a bit of Python", "some Rust"), the languages of the
 * product's users, and (unless the listing is itself such a role: `otherRolesToo`) the lines of a
 * multi-role post that list a frontend, mobile, science or other non-backend role's languages and
 * the languages of the client apps ("C# (Windows App)").
 */
export function withoutNoise(text: string, otherRolesToo = false): string {
  const cleaned = text
    // "iOS (Swift), Android (Kotlin) and backend (Go)": a bracket after a mobile or frontend role is its language.
    .replace(/\b(android|ios|mobile|front-?end)\s?(?:apps?|engineers?|developers?|devs?)?\s?\([^()\n]{0,60}\)/gi, " ")
    // "some development in Go", "a little scripting in Ruby": the same, with the kind of work named first.
    .replace(
      /\b(a (little )?bit of|a little|some)\s+(?:development|work|coding|code|scripting|tooling)\s+in\s+[\w.#+]+/gi,
      " ",
    )
    .replace(/\b(a (little )?bit of|a little|some|een beetje|ein bisschen)\s+[\w.#+]+/gi, " ")
    .replace(/\bhttps?:\/\/\S+|(?<![\w-])[\w-]+\.(com|io|org|net|co)\/\S*/gi, " ")
    .replace(/\b(from|away from|replacing|replace)\s+[\w.#+]+\s+(to|with)\b/gi, " ")
    // "Python ETLs", "Bash/Python scripts": a language for glue work, not the one the role is built in.
    .replace(/\b(?:python|bash|perl|powershell)\s+(?:etls?|scripts?|scripting)\b/gi, " ")
    .replace(PRODUCT_LANGUAGES, " ");
  return otherRolesToo ? cleaned : withoutOtherRoleLines(cleaned.replace(CLIENT_APP_LANGUAGE, " "));
}
