import { FULL_STACK, roleKind, roleSegments } from "./role-kind";
import { OPTIONAL_HEADING } from "./headings";
import { ownLayerSentences, withoutPipelineLanguages } from "./stacks-layer";
import { withoutNoise } from "./stacks-noise";
import type { Stack } from "../../domain/facets";

// Each stack with the words that name it. Case-sensitive patterns guard short or common words; the
// words after "Go" take a capital too, as titles write them ("Senior Go Engineer", "Go APIs").
const STACK_PATTERNS: ReadonlyArray<[Stack, RegExp]> = [
  ["python", /\bpython[23]?\b|\bdjango\b|\bflask\b|\bfastapi\b|\bpyspark\b/i],
  [
    "go",
    /\b[Gg][Oo][Ll][Aa][Nn][Gg]\b|\bGo(?=\s*[,/)+;]|-based\b|\s+(?:or|and|[Dd]evelopers?|[Ee]ngineers?|[Pp]rogrammers?|[Ss]ervices?|[Mm]icroservices|[Cc]ode(?:base)?|[Bb]ackend|[Bb]ack-[Ee]nd|[Aa]pis?|APIs?|[Ss]tack|[Pp]rogramming|[Ll]anguage|[Ee]xperience|[Ss]kills|[Ee]xpert(?:ise)?|[Kk]nowledge|[Pp]roficiency|is our|is the|\d|\(golang\))\b)(?!\s+(?:to|and get|or not)\b)|(?:\b(?:in|with|using|of|and|or|like|idiomatic|modern|production|mostly|mainly|primarily|entirely|pure)\s+|[,/(:+%]\s*)Go\b(?![-'’]|\s+(?:to|live|beyond|ahead|further|back|out|above|through|the|for|get|on|into|from|a)\b)|\b(?:is|use|uses|write|writes|written in|built in|built with|know|knows|love|enjoy|speak|master)\s+Go\b(?![-'’])|(?:^|\n|[-–—|•*] )[ \t]?Go[ \t]?(?=$|\n)/,
  ],
  // A bare "node" compounded ("multi-node", "node-based editor", "node pools") is a machine or a graph, not Node.js.
  // Server frameworks that only run on JavaScript runtimes (Fastify, Hono, BullMQ, tRPC, Express in a list) are node,
  // as are the server runtimes Deno, Bun and Cloudflare Workers.
  [
    "node",
    /\b[Nn][Oo][Dd][Ee]\.?[Jj][Ss]\b|\b[Nn]est\.?[Jj][Ss]\b|\b[Ee]xpress\.?[Jj][Ss]\b|\b[Dd]eno\b|(?<![-\w])Node\b(?!-|\s?(?:pools?|groups?|operators?|s\b))|(?:^|[,/(:+]\s?|\b(?:and|or|in|with|using|use|uses|on|is|are)\s)node\b(?=\s?(?:$|[,/)+;.]|(?:and|or)\b))|\bnode(?=\s(?:developers?|engineers?|backend|back-end|services?|apis?|servers?|experience)\b)|\b[Kk]oa\.?[Jj][Ss]\b|\b(?:[Ff]astify|Hono|BullMQ|tRPC|Bun)\b|\bCloudflare Workers\b|(?:^|[,:/(+]\s?)Express(?=\s?(?:[,/)+;\n]|$))/,
  ],
  [
    "java",
    /\bjava\b(?!\s*script)|\bspring\s?(boot|framework|cloud|mvc)\b|\bJ2EE\b|\bjakarta ee\b|\bquarkus\b|\bmicronaut\b/i,
  ],
  ["kotlin", /\bkotlin\b|\bktor\b/i],
  ["scala", /\bscala\b|\bakka\b/i],
  ["ruby", /\b(?:[Rr]uby|RUBY)\b|\b(?:Rails|RAILS)\b|\bRoR\b|\bruby on rails\b|\brails(?=\s?[3-8](?!\d)|\))/],
  ["rust", /\brust\b(?!\s+belt)|\brustlang\b/i],
  ["php", /\bphp[578]?\b|\blaravel\b|\bsymfony\b/i],
  ["dotnet", /(?<![\w.])\.net\b(?!\w)|\bC#|\bASP\.NET\b|\bdotnet\b|\bnet\s?core\b|\bF#/i],
  // Erlang is outside the README's list of stacks (like C or Swift): it names no stack.
  ["elixir", /\belixir\b|\bphoenix framework\b/i],
  ["cpp", /\bC\+\+|\bcpp\b/i],
];
// TypeScript/JavaScript count as node only when the sentence is about server work. Two separate
// tests, not one pattern with a gap between the words: the gap would rescan the sentence per word.
const JS = /\b(type|java)script\b/i;
// "Strong in Ruby on Rails and JavaScript": beside a server framework that renders the pages, the
// JavaScript is that app's client side; the server is the framework's language.
const WEB_FRAMEWORK = /\b(rails|django|laravel|symfony|phoenix|asp\.net|spring)\b/i;
// Server work a sentence may name beside TypeScript (a list of stores alone does not say where it runs).
const SERVER_WORDS = /\b(back-?end|server(less)?|apis?|services?|microservices|graphql|aws lambda)\b/i;
/**
 * A title naming server code and nothing of the client: its TypeScript runs on the server unless a
 * sentence says frontend. (Infrastructure roles' TypeScript is often tooling or CDK, so they are left out.)
 */
const SERVER_ROLE_TITLE = /\b(back-?end|server-side|apis?)\b/i;
const CLIENT_ROLE_TITLE = /\b(front-?end|full[- ]?stack|fullstack|web|mobile|ios|android|ui|ux|design)\b/i;
const FRONTEND_JS =
  /\b(react|angular|vue|svelte|next\.?js|frontend|front-end|browser|ui|css|sass|html5?|jquery|backbone(\.js)?|ember)\b/i;

/** Sentences where a language is optional or only an example. */
// "is an advantage", "a big plus", "are all pluses", "would be an asset", "bonus if…": ways ads say optional; "no Go
// experience required", "you don't need to know Elixir", "Python helps": ways they say not required.
const OPTIONAL_SENTENCE =
  /\b(nice[- ]to[- ]have|good[- ]to[- ]have|great[- ]to[- ]have|a plus|(?:are )?(?:all )?pluses|a (big|huge|strong|definite|real) plus|is a bonus|a bonus|bonus (points?|if)|bonus(?=\s*:)|would be a plus|preferred|desirable|desired|not required|exposure to|is helpful|are helpful|(an? )?advantage(ous)?|an asset|beneficial|ideally|optional|etc|or similar|or other|or equivalent|or a comparable|comparable language|as needed|may also|might (also )?(use|work with|touch|encounter|get to)|also use[sd]?|(helps|would help)(?=\s*(?:[.,;!)]|$))|not (necessary|mandatory|needed|a must)|(don'?t|do not|doesn'?t|does not) need|no [\w.#+]{1,12}( or [\w.#+]{1,12})? (experience|knowledge)( is)? (required|needed|necessary)|we('ll| will) teach)\b/i;
/** Words that make a whole list examples ("Python, Bash, or a comparable language"). */
// "BS in Computer Science or equivalent experience": the degree's alternative, not a language list's.
const DEGREE_OR_EQUIVALENT =
  /\b(degree|bachelor|master|diploma|b\.?sc?|m\.?sc?|computer science|cs)\b[^.;()]{0,60}\bor equivalent( (practical |work |professional )?experience)?/gi;
const WHOLE_LIST_EXAMPLES = /\b(etc|or similar|or other|or equivalent|or a comparable|comparable language)\b/i;
/** Words that introduce examples: what follows them is an example, what precedes them is stated. */
// "like" introduces examples after a noun or a comma ("languages like Go"), not as a verb ("we'd like you to…").
const EXAMPLES_FOLLOW =
  /\b(such as|for example|including but not limited)\b|(?:\b(?:languages?|frameworks?|tools?|technologies|tech|stacks?|databases?|ones?|something)|,)\s+like\b|\b(?:languages?|frameworks?|technologies),?\s+including\b|\be\.g\.|\bi\.e\./i;
// A sentence about the mobile apps alone ("Our Android app is written in Kotlin") names the apps'
// languages, not the backend's: Kotlin and Java there are Android's.
const MOBILE_APPS = /\b(android|ios)\b|\bmobile (apps?|applications?|clients?|developers?|engineers?)\b/i;
function mobileLanguagesOut(sentence: string): string {
  if (!MOBILE_APPS.test(sentence) || SERVER_WORDS.test(sentence)) return sentence;
  return sentence.replace(/\b(kotlin|java)\b(?!\s*script)/gi, " ");
}
const HEADING = /^[^.!?]{2,70}:?$/;

// Bounded: a bracket group is a short aside; an unclosed "(" must not make the scan quadratic.
const BRACKETED = /\([^()]{0,300}\)/g;
// A bare item of a list ("Python", "Go or Rust"), as opposed to a clause that states a requirement.
const LIST_ITEM = /^\s*(?:\S+\s*){1,3}$/;
const REQUIREMENT_WORD = /\b(required|must|strong|expert|experience|proficien\w*|solid|deep)\b/i;

/**
 * What a sentence requires: without bracketed examples ("(e.g. HDFS, Ceph, etc.)"), and without
 * the clauses that are optional ("C/C++ is a plus") with the bare list items just before them
 * ("Python, Go or Rust is a plus"). The rest of the sentence still states requirements.
 */
function requiredPart(sentence: string): string {
  // "Scripting skills (Python preferred)" names the language the skill is in: the bracket stays.
  const unbracketed = sentence.replace(DEGREE_OR_EQUIVALENT, " ").replace(BRACKETED, (group) => {
    const stated = group.replace(/\bpreferred\b/gi, " ");
    return OPTIONAL_SENTENCE.test(stated) || EXAMPLES_FOLLOW.test(stated) ? " " : stated;
  });
  // "Technology: Ruby, Rails. Practices: pairing, TDD, etc." run together: "etc." makes examples of
  // its own list only, the part after the last colon before it.
  const stated = WHOLE_LIST_EXAMPLES.test(unbracketed)
    ? unbracketed
        .split(":")
        .filter((part) => !WHOLE_LIST_EXAMPLES.test(part))
        .join(":")
    : unbracketed;
  if (!OPTIONAL_SENTENCE.test(stated)) return stated;
  // "Exposure to these is a plus: Java, React, Python": an optional lead-in makes its whole list optional.
  const colon = stated.indexOf(":");
  if (colon >= 0 && OPTIONAL_SENTENCE.test(stated.slice(0, colon))) return "";
  const clauses = stated.split(",");
  const keep = clauses.map((clause) => !OPTIONAL_SENTENCE.test(clause));
  for (let i = clauses.length - 1; i > 0; i--) {
    // Each clause is dropped at most once, so this stays linear in the number of clauses.
    if (!keep[i] && keep[i - 1] && LIST_ITEM.test(clauses[i - 1]!) && !REQUIREMENT_WORD.test(clauses[i - 1]!))
      keep[i - 1] = false;
  }
  return clauses.filter((_, i) => keep[i]).join(",");
}

// "Nice to have:", "Bonus points": a heading says so at its start or ends with a colon; a short
// line that only mentions a preference ("Python (preferred) or Go") is a requirement, not a heading.
function isOptionalHeading(line: string): boolean {
  const at = line.search(OPTIONAL_HEADING);
  return at >= 0 && (line.endsWith(":") || at <= 4);
}

// Headings of the part of an ad that says what the candidate must bring.
const REQUIREMENT_HEADING =
  /\b(requirements?|qualifications?|what you('ll)? (bring|need|have)|you (have|bring)|about you|must[- ]haves?|who you are|what we('re| are) looking for|your profile|ideal candidate)\b/i;

interface AdLine {
  text: string;
  /** Under a "Requirements" / "What you bring" heading. */
  requirement: boolean;
}

// "It would be great if you have:", "Ideally you bring:": a wish worded softly. When the ad also has
// a plainly optional section ("Nice to have:") after it, the soft one is its list of requirements.
const SOFT_WISH = /\b(would be (great|nice)|great if|would love|ideally)\b/i;

interface Heading {
  at: number;
  optional: boolean;
  soft: boolean;
}

function headingsOf(lines: string[]): Heading[] {
  const headings: Heading[] = [];
  lines.forEach((line, at) => {
    const trimmed = line.replace(/^[-•*]\s*/, "").trim();
    if (/^[-•*]/.test(line.trim()) || !HEADING.test(trimmed) || trimmed.split(/\s+/).length > 8) return;
    const optional = isOptionalHeading(trimmed);
    headings.push({ at, optional, soft: optional && SOFT_WISH.test(trimmed) });
  });
  return headings;
}

function adLines(text: string): AdLine[] {
  const lines = text.split("\n");
  const headings = headingsOf(lines);
  const lastPlainlyOptional = headings.findLastIndex((h) => h.optional && !h.soft);
  const kept: AdLine[] = [];
  let optional = false;
  let requirements = false;
  let next = 0;
  lines.forEach((line, at) => {
    const trimmed = line.replace(/^[-•*]\s*/, "").trim();
    const heading = headings[next]?.at === at ? headings[next++] : undefined;
    if (heading) {
      const wish = heading.soft && lastPlainlyOptional > next - 1;
      optional = heading.optional && !wish;
      requirements = wish || (!optional && REQUIREMENT_HEADING.test(trimmed));
    }
    if (!optional) kept.push({ text: trimmed, requirement: requirements });
  });
  return kept;
}

/** The text's lines (bullets stripped) outside "Nice to have:" / "Bonus points" sections. */
export function linesOutsideOptionalSections(text: string): string[] {
  return adLines(text).map((line) => line.text);
}

/** The text's lines, minus those under a "nice to have" heading and optional/example sentences. */
export function requiredLines(text: string, onlyRequirements = false): string[] {
  const kept: string[] = [];
  for (const { text: trimmed, requirement } of adLines(text)) {
    if (onlyRequirements && !requirement) continue;
    // "e.g." and "i.e." end no sentence: the examples after them stay with the words that introduce them.
    for (const sentence of trimmed.split(/(?<=[.;!?])(?<!\b(?:e\.g|i\.e)\.)\s+/i)) {
      const required = requiredPart(mobileLanguagesOut(sentence));
      const examples = required.search(EXAMPLES_FOLLOW);
      kept.push(examples < 0 ? required : required.slice(0, examples));
    }
  }
  return kept;
}

// "Our platform is built in Elixir and Ruby", "our backend is Go": the team's stated stack (README).
const BUILT_IN = /\b(?:is|are)\s+(?:built|written)\s+(?:in|with|on)\b|\bour (?:back-?end|codebase|stack) is\b/i;

/** Languages of the sentences that state what the product is built in (outside optional and example passages). */
function statedStack(lines: string[], serverRole: boolean): Stack[] {
  return stacksIn(lines.filter((line) => BUILT_IN.test(line)).join("\n"), serverRole);
}

/** Languages the text names; `serverRole`: the title is a server-side role, so its TypeScript is server code. */
function stacksIn(text: string, serverRole = false): Stack[] {
  const found = STACK_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([stack]) => stack);
  const serverJs = (s: string) =>
    JS.test(s) && (serverRole || SERVER_WORDS.test(s)) && !FRONTEND_JS.test(s) && !WEB_FRAMEWORK.test(s);
  if (!found.includes("node") && text.split(/\n|(?<=[.;!?])\s+/).some(serverJs)) found.push("node");
  return found;
}

/** Whether the text names any server-side language, even as an example or a nice-to-have. */
export function namesServerLanguage(text: string): boolean {
  return stacksIn(text).length > 0;
}

/**
 * Server-side languages the role needs: named in the title, in the source's tags (unless the
 * listing is tag-stuffed), or in the text outside "nice to have" and "such as …" passages.
 * "Go" the verb, "Rust Belt", JavaScript and frontend TypeScript are not stacks.
 */
export function classifyStacks(title: string, text: string, tags: string[] = []): Stack[] {
  // A bare "go" tag is ambiguous (Go the language, or "go-to-market"); "golang" is not.
  const fromTags = tags.length <= 12 ? stacksIn(tags.filter((t) => t.toLowerCase() !== "go").join(", ")) : [];
  // A listing for a non-backend role (an Android engineer) keeps its own role's languages.
  const clean = withoutNoise(
    withoutPipelineLanguages(title, text),
    roleSegments(title).every((role) => roleKind(role) === "other"),
  );
  // "Full-Stack Engineer (Backend)": a full-stack role leaning to the server is a server role too.
  const serverRole = SERVER_ROLE_TITLE.test(title) && !CLIENT_ROLE_TITLE.test(title.replace(FULL_STACK, " "));
  // A DevOps or SRE role takes only its own layer's languages, not the company's application stack (README).
  const lines = (onlyRequirements: boolean) => ownLayerSentences(title, requiredLines(clean, onlyRequirements));
  // An ad with a requirements section: the languages it names win over the company's wider stack.
  const required = stacksIn(lines(true).join("\n"), serverRole);
  // The team's stated stack counts beside the requirements, which otherwise win over the text.
  const stated = required.length > 0 ? statedStack(lines(false), serverRole) : [];
  const found = new Set<Stack>([
    ...stated,
    ...stacksIn(title),
    ...fromTags,
    ...(required.length > 0 ? required : stacksIn(lines(false).join("\n"), serverRole)),
  ]);
  return STACK_PATTERNS.map(([stack]) => stack).filter((stack) => found.has(stack));
}
