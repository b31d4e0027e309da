import type { Stack } from "../../domain/facets";
import { listedRoleNames } from "./role-list";
import { securityOperationsRole } from "./security-role";
import { namesServerLanguage, requiredLines } from "./stacks";

/**
 * Titles that name backend work outright (one role of a multi-role post is enough). A system
 * administrator runs servers and clusters, a database administrator the databases on them: infrastructure
 * work (README rulings), unlike IT administration.
 * A data architect designs the warehouses and pipelines data engineers build: data engineering too.
 */
const BACKEND_TITLE =
  /\b(back[- ]?end|server[- ]side|api|platform|infrastructure|infra|devops|dev ops|sres?|site reliability|reliability engineer(ing)?|inference|storage|data engineer(ing)?|analytics engineer(ing)?|data architects?|data platform|mlops|ml ops|ml platform|cloud engineer|systems engineer|distributed systems|database engineer|payments?|integrations engineer|(?:linux|unix|hpc|systems?|database) administrator|dbas?|sysadmin)\b/i;
/**
 * More of the README's backend kinds, as specialisms of an engineering title only ("Software
 * Engineer, Identity", "Billing Engineer", but not "Medical Billing"): APIs and integrations,
 * cloud, compute and reliability, billing and ledgers, auth and identity, ETL.
 */
const BACKEND_SPECIALISM =
  /\b(apis|(?:dev|ml|llm|ai|agent|data|git)ops|integrations|cloud|compute|kubernetes|observability|reliability|billing|ledgers?|clearing|identity|auth|authentication|etl|elt)\b/i;
/** AI and LLM engineers build LLM systems (backend) unless the text is modelling work (README). */
const AI_ENGINEER = /\b(ai|llm|genai) engineers?\b/i;
const AI_TITLE = /\b(ai|ml|llm|genai|machine learning|deep learning)\b/i;
/** Kinds of model research and speech/vision modelling work (README: not backend). */
const MODELLING_WORK: ReadonlyArray<RegExp> = [
  /\b(train(s|ing)?|fine-?tun\w*|pre-?train\w*)\b[^.\n]{0,40}\bmodels?\b|\bmodel (training|architectures?)\b/i,
  /\b(research|publications?|papers|neurips|icml|cvpr|phd)\b/i,
  /\b(computer vision|speech|audio|asr|tts|imag(e|ing)|video|perception)\b/i,
  /\b(pytorch|tensorflow|jax|cuda)\b/i,
  /\b(neural networks?|deep learning|reinforcement learning|diffusion|transformers?)\b/i,
  /\b(experiments?|benchmarks?|datasets?)\b/i,
];
/** Kinds of LLM-systems and serving work (README: backend). */
const LLM_SYSTEMS_WORK: ReadonlyArray<RegExp> = [
  /\b(agents?|agentic|multi-agent)\b/i,
  /\b(rag|retrieval|vector (db|database|store|search))\b/i,
  /\b(apis?|micro-?services?|back[- ]?end|services)\b/i,
  /\b(serving|inference|mlops|deployment|production systems?)\b/i,
  /\b(evals?|evaluation (infrastructure|frameworks?|harness|pipelines?))\b/i,
  /\b(platforms?|kubernetes|infrastructure)\b/i,
];

/** An AI/ML role whose text is model research or modelling, not the systems around models. */
function modellingRole(title: string, text: string): boolean {
  return (
    (AI_TITLE.test(title) || RESEARCH_TEAM.test(title)) &&
    countKinds(MODELLING_WORK, text) >= 3 &&
    countKinds(LLM_SYSTEMS_WORK, text) <= 1
  );
}
/** "Python Engineer", "Rails Developer": a server language + an engineering noun. */
const LANGUAGE_TITLE =
  /\b(python|golang|go|java|kotlin|scala|ruby|rails|rust|php|laravel|\.net|c#|elixir|node(\.js)?|django|c\+\+)\b[^|,]{0,60}\b(engineers?|developers?|programmers?)\b|\b(engineers?|developers?)\b\W+(python|golang|go|java|kotlin|scala|ruby|rails|rust|php|\.net|c#|elixir|node(\.js)?)\b/i;
/**
 * Titles that are something else; they lose to BACKEND_TITLE ("Backend Engineers & Director").
 * Security operations and compliance ("Security Automation Engineer", "GRC Engineer") and desktop
 * engineering are not server-side work; a security engineer building detection or access systems may
 * be, so "Security Engineer" alone is judged from its text.
 */
const OTHER_TITLE =
  /\b(front[- ]?end|mobile|ios|android|qa|quality|test(er|ing)?|sdet|designers?|design|data scientists?|scientists?|analysts?|managers?|directors?|head of|vp|recruiters?|sales|account|marketing|support|success|solutions?|consultants?|writers?|communicators?|coach|specialists?|nurse|researchers?|research|forward[- ]deployed|product owner|product managers?|react|angular|vue|ui|ux|editors?|representatives?|assistants?|administrators?|game|network programmer|desktop)\b|\bsecurity (?:automation|grc|compliance|operations|ops|governance|risk|soc)\b|\b(?:grc|soc|compliance) (?:engineers?|analysts?)\b/i;
const MANAGEMENT = /\b(managers?|directors?|head of|vp|recruiters?|sales|account executive)\b/i;
/** Titles of generic engineering roles that need evidence from the text. */
const GENERIC_TITLE =
  /\b(software|engineers?|engineering|developers?|programmers?|full[- ]?stack|fullstack|sde|swe|architects?|tech lead|technical co-?founder|cto|member of technical staff|coders?)\b/i;

/** Server-side work the text describes (distinct kinds are counted, not repetitions). */
export const SERVER_WORK: ReadonlyArray<RegExp> = [
  /\b(rest(ful)?|graphql|grpc)\b/i,
  /\bapis?\b/i,
  /\bmicro-?services?\b/i,
  /\bback[- ]?end\b/i,
  /\bserver[- ]side\b|\bservers?\b/i,
  /\b(postgres(ql)?|mysql|mongodb|redis|dynamodb|cassandra|sql|databases?)\b/i,
  /\b(kafka|rabbitmq|sqs|queues?|event[- ]driven|event sourcing|cqrs|streams?)\b/i,
  /\bdistributed systems?\b/i,
  /\bintegrations?\b/i,
  /\b(payments?|billing|ledger)\b/i,
  /\b(scalab(le|ility)|high[- ]throughput|latency)\b/i,
  // Infrastructure and LLM systems work (the README counts both as backend).
  /\b(infra(structure)?|control plane|persistence layer|caching layer)\b/i,
  /\b(rag|multi-agent|agentic|llm) (pipelines?|systems?|workflows?)\b/i,
  // Data engineering (the README counts it as backend): pipelines, and the warehouse tools they feed.
  /\b(data|ingestion|etl|elt|streaming) pipelines?\b|\b(etl|elt)\b/i,
  /\b(data warehouses?|data lakes?|spark|airflow|dbt|snowflake|bigquery|redshift|flink)\b/i,
];
/**
 * "1. Android Developer", "A) Designer", "- Mobile Engineer": the first item of a numbered, lettered or
 * bulleted list of roles, not the post's only role.
 */
const FIRST_LIST_ITEM = /^\s*(?:1\s?[.)]|[Aa][.)]|[-*•–])\s/;
/** Ten or more words: a sentence, not a role title. */
export const SENTENCE = /^\s*(?:\S+\s+){9}\S/;
/** The first engineer of a product owns its server side ("Founding Engineer | NodeJS"). */
const FOUNDING_ENGINEER = /\b(founding|first) (software )?engineer\b/i;

export function countKinds(patterns: ReadonlyArray<RegExp>, text: string): number {
  return patterns.filter((pattern) => pattern.test(text)).length;
}

// "Engineering" is not a role noun: "Director, Data Engineering" is one (managerial) role.
export const ROLE_NOUN =
  /\b(engineers?|developers?|programmers?|sres?|devops|architects?|administrators?|specialists?|leads?|managers?|directors?|scientists?|analysts?|designers?)\b/i;
/**
 * Words that make a role something other than backend even beside a backend word ("Backend QA
 * Engineer", "Platform Support Engineer", "API Solutions Architect", "API Technical Writer"): the
 * README's QA, management, support, solutions, sales, science and non-technical roles, marketing
 * analytics, the platform of an app's client side ("Frontend Platform", "Client Infrastructure"),
 * delivery and onboarding engineers (configuring the product for clients; a level word may stand
 * between: "Professional Services Senior Consultant"), and business systems
 * (Salesforce, CRM, ERP, go-to-market systems) and low-code or RPA platforms (Power Platform, UiPath, SharePoint).
 */
const NOT_ENGINEERING_ROLE =
  /\b(qa|quality|test(er|ing)?|sdet|managers?|directors?|head of|vp|recruiters?|sales|account|hardware|firmware|embedded|analysts?|scientists?|researchers?|designers?|writers?|advocates?|evangelists?|developer relations|devrel)\b|\b(technical|customer|production) support\b|\bmarketing (analytics|operations|ops|technology|automation)\b|\b(front[- ]?end|client|mobile|ios|android|desktop)\s+(platform|infrastructure|infra)\b|\b(support|success|solutions?|customer|implementation|delivery|onboarding|professional services) (?:(?:senior|sr\.?|junior|jr\.?|lead|staff|principal|associate) )?(engineers?|specialists?|architects?|consultants?|agents?|representatives?)\b|\b(salesforce|business systems|gtm|go-to-market|crm|erp|netsuite|servicenow|power (?:platform|apps|automate)|powerapps|rpa|uipath|blue prism|dynamics 365|sharepoint|workato|low-?code|no-?code)\b/i;
/** An "IT" role (IT automation, IT systems): internal IT administration, not server-side engineering. */
const IT_ROLE = /\bIT\b/;
/** Role nouns of non-engineering jobs: with no engineering noun beside them the role is not engineering. */
const NON_ENGINEERING_NOUN =
  /\b(specialists?|coordinators?|owners?|representatives?|assistants?|technicians?|associates?|officers?|operators?|clerks?)\b/i;
const ENGINEERING_NOUN = /\b(engineers?|engineering|developers?|programmers?|architects?|sre|devops|mlops)\b/i;
/**
 * Backend roles a post advertises in its text ("we're hiring a Rails engineer and an SRE", "Backend
 * Software Engineer"); system administrators of servers are infrastructure (README rulings).
 */
const BACKEND_ROLE_IN_TEXT =
  /\b(back[- ]?end|server[- ]side|platform|infrastructure|infra|devops|data|site reliability|api|distributed systems|python|golang|go|java|ruby|rails|php|elixir|scala|rust|node(?:\.?js)?|django|\.net|c#|kotlin)\s+(?:software\s+)?(engineers?|developers?|programmers?|engs?|devs?)\b|\bSREs?\b|\b(?:linux|unix|systems?) administrators?\b/gi;
/**
 * A backend kind sharing the role noun of a list of kinds ("frontend, backend, or generalist engineers",
 * "backend and mobile developers"): each kind in the list is a role the post hires for.
 */
const BACKEND_KIND_IN_LIST =
  /\b(back[- ]?end|server[- ]side|infrastructure|devops)(?:\s*,\s*(?:(?:or|and)\s+)?|\s+(?:or|and|&)\s+)(?:(?:front[- ]?end|back[- ]?end|full[- ]?stack|mobile|web|ios|android|generalist|product|platform|data|ml|senior|junior|staff)(?:\s*,\s*(?:(?:or|and)\s+)?|\s+(?:or|and|&)\s+|\s+)){1,3}(?:software\s+)?(engineers?|developers?)\b/gi;

// "engineers to join our research, product, and infra teams": a role on a backend team is a backend role.
const JOINS_BACKEND_TEAM =
  /\b(?:engineers?|developers?)\s+to\s+join\s+(?:our|the)\s+(?:[\w-]+,?\s+(?:(?:and|or|&)\s+)?){0,3}(?:back[- ]?end|server[- ]side|infra(?:structure)?|platform|devops|sre|data engineering)\s+teams?\b/i;

// "work closely with our backend engineers": colleagues the role works with, not the role advertised.
const COLLEAGUES_BEFORE =
  /\b(with|alongside|among|between|supporting|support|help|helping|for)\s+(?:(?:our|the|other|fellow|your)\s+)?$/i;

/** Whether the text advertises a backend role, not just names backend colleagues. */
function advertisesBackendRole(text: string): boolean {
  if (JOINS_BACKEND_TEAM.test(text)) return true;
  for (const m of [...text.matchAll(BACKEND_ROLE_IN_TEXT), ...text.matchAll(BACKEND_KIND_IN_LIST)]) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 30), m.index);
    if (!COLLEAGUES_BEFORE.test(before)) return true;
  }
  return false;
}

// "Senior Software Engineer, Research & Development": R&D is a department, not research science.
const DEPARTMENT = /\bresearch\s*(?:and|&)\s*development\b|\bR\s?&\s?D\b/gi;

// " * " bullets and ";" separate roles too ("Roles: * Backend Engineer * Staff Engineer").
const ROLE_SEPARATOR = /(?<!\s)\s+(?:or|and|&)\s+|[,/|•+;]|\s\*\s/gi;

/**
 * Splits a title at its role separators, except inside brackets: "Data Engineer (Python / AWS)"
 * is one role whose brackets list its tools, not several roles.
 */
function splitOutsideBrackets(title: string): string[] {
  let depth = 0;
  // Same length as the title, with everything inside brackets blanked out.
  const masked = Array.from(title, (c) => {
    if (c === "(" || c === "[") depth++;
    const inside = depth > 0;
    if ((c === ")" || c === "]") && depth > 0) depth--;
    return inside ? "_".repeat(c.length) : c;
  }).join("");
  const parts: string[] = [];
  let start = 0;
  for (const m of masked.matchAll(ROLE_SEPARATOR)) {
    parts.push(title.slice(start, m.index));
    start = (m.index ?? 0) + m[0].length;
  }
  parts.push(title.slice(start));
  return parts;
}

/**
 * The roles a title names: "Software Engineer or SRE" is two roles; a part without a role noun
 * qualifies the role before it ("Engineering Manager, Backend" is one managerial role).
 */
// "Relocation Support", "Visa sponsorship", "Equity": what a post offers, written among its roles.
const PERK = /\b(relocation|visa|sponsorship|equity|benefits)\b/i;

export function roleSegments(title: string): string[] {
  const roles: string[] = [];
  // Whether the last role has a role noun, kept per role: re-testing a growing role would be quadratic.
  let lastHasNoun = false;
  for (const part of splitOutsideBrackets(title.replace(DEPARTMENT, " "))
    .map((p) => p.trim())
    .filter(Boolean)) {
    const hasNoun = ROLE_NOUN.test(part);
    if (!hasNoun && PERK.test(part)) continue;
    // "Several roles: Backend Python, Frontend, QA": after a part with no role noun, a part naming a
    // kind of work is a role of its own, not a qualifier.
    if (roles.length && !hasNoun && (lastHasNoun || roleKind(part) === "none")) roles[roles.length - 1] += `, ${part}`;
    else {
      roles.push(part);
      lastHasNoun = hasNoun;
    }
  }
  return roles;
}

// "We're hiring a frontend engineer and a product designer to …": the roles a post says it hires.
const HIRING_VERB = /\b(?:hiring|looking for|seeking|searching for|recruiting|we need|need)\s+/gi;
const HIRING_SENTENCE = new RegExp(HIRING_VERB.source, "i");
// Where the list of roles after the verb ends: a clause, a bracket or a sentence end.
const ROLE_LIST_END = /[.;:!?\n(]|\s(?:to|who|that|which|with|for|in|at|on|from|joining|working|based|so)\s/i;
const ROLE_LIST_SEPARATOR = /,|\/|\s(?:and|or|&|\+)\s/i;

/** Whether the roles a post says it is hiring for are all something other than backend (at least one named). */
function hiresOnlyOtherRoles(text: string): boolean {
  let named = 0;
  for (const m of text.matchAll(HIRING_VERB)) {
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 150);
    const end = after.search(ROLE_LIST_END);
    for (const part of (end < 0 ? after : after.slice(0, end)).split(ROLE_LIST_SEPARATOR)) {
      if (!ROLE_NOUN.test(part)) continue;
      if (roleKind(part) !== "other") return false;
      named++;
    }
  }
  return named > 0;
}

const FULL_STACK = /\bfull[- ]?stack\b/i;
const PRODUCT_ENGINEER = /\bproduct (?:software )?engineers?\b/i;
// "features across frontend and backend": the two sides a full-stack role spans, not server work.
const BOTH_SIDES =
  /\bfront[- ]?end\s*(?:and|&|\/|\+)\s*back[- ]?end\b|\bback[- ]?end\s*(?:and|&|\/|\+)\s*front[- ]?end\b/gi;

/** The text without the "frontend and backend" that describes no server work of its own. */
function withoutBothSides(text: string): string {
  return text.replace(BOTH_SIDES, " ");
}
/** Server frameworks and platforms of JavaScript stacks that name no language of their own. */
const SERVER_FRAMEWORK =
  /\b(prisma|trpc|apollo server|hasura|supabase|serverless|aws lambda|api routes|fastify|hono)\b/i;

/**
 * "Software Engineer, ML Research": the part after the engineer names the team it works in, not
 * research science (a scientist's or researcher's role); the text decides, as for any generic title.
 */
const RESEARCH_TEAM = /\b(?:engineers?|developers?)\s*[,–—(]\s*(?:[\w&/-]+\s+){0,3}research\b/i;

type RoleKind = "backend" | "other" | "generic" | "none";

export function roleKind(role: string): RoleKind {
  // A sentence with no role noun names no role ("I'm starting a team to expand our platform").
  if (SENTENCE.test(role) && !ROLE_NOUN.test(role)) return "none";
  if (NOT_ENGINEERING_ROLE.test(role) || IT_ROLE.test(role)) return "other";
  // "Payments Operations Specialist", "API Product Owner": the role noun decides, not the specialism.
  if (NON_ENGINEERING_NOUN.test(role) && !ENGINEERING_NOUN.test(role)) return "other";
  if (BACKEND_TITLE.test(role) || LANGUAGE_TITLE.test(role) || AI_ENGINEER.test(role)) return "backend";
  // Only in a role title, not in a sentence taken as one ("Engineers here build cloud tools for…").
  if (BACKEND_SPECIALISM.test(role) && ENGINEERING_NOUN.test(role) && !SENTENCE.test(role)) return "backend";
  // Full stack is judged from the text (server language and server work), whatever frontend it names.
  if (FULL_STACK.test(role)) return "generic";
  if (OTHER_TITLE.test(RESEARCH_TEAM.test(role) ? role.replace(/\bresearch\b/gi, " ") : role)) return "other";
  return GENERIC_TITLE.test(role) ? "generic" : "none";
}

/**
 * "Full-stack Java developer", "Full-Stack Engineer (Elixir + React)": a server language in a full-stack
 * title is its stack, not a backend role; the text decides, as for any full-stack role (README ruling).
 */
function fullStackKind(role: string): RoleKind {
  const kind = roleKind(role);
  return kind === "backend" && FULL_STACK.test(role) && !BACKEND_TITLE.test(role) ? "generic" : kind;
}

/**
 * Whether the role is mainly server-side engineering (DESIGN.md §1 and the labelling rules):
 * one backend role in the title decides; a title of other roles only (frontend, data science,
 * management, sales…) is not; a generic or missing role title is judged from the text: a
 * backend role it advertises, or a server language plus described server work.
 */
export function isBackendRole(title: string, text: string, stacks: Stack[]): boolean {
  const roles = roleSegments(title);
  const kinds = roles.map(fullStackKind);
  // A post whose title names no role (a company line, or a sentence saying whom it hires) is what it
  // says it is hiring for.
  const untitled = kinds.every((kind) => kind === "none") || (SENTENCE.test(title) && HIRING_SENTENCE.test(title));
  if (untitled && hiresOnlyOtherRoles(`${title}\n${text}`)) return false;
  const modelling = modellingRole(title, text);
  // A backend word decides; "AI Engineer" alone yields to a text that is all modelling.
  const backendWord = roles.some(
    (role, i) =>
      kinds[i] === "backend" && !(AI_ENGINEER.test(role) && !BACKEND_TITLE.test(role) && !LANGUAGE_TITLE.test(role)),
  );
  if (backendWord || (kinds.includes("backend") && !modelling)) return true;
  if (modelling || securityOperationsRole(title, text)) return false;
  // README: a multi-role post is backend when one role it lists is, whatever its first line names.
  if (listedRoleNames(text).some((role) => roleKind(role) === "backend")) return true;
  const named = kinds.filter((kind) => kind !== "none"); // "Java/Angular developer": "Java" names no role
  // A sentence taken as the title (a Hacker News post's first line) names no roles to rule out, and
  // the first item of a numbered list ("1. Android Developer") is one of the roles the post lists.
  const partialTitle = SENTENCE.test(title) || FIRST_LIST_ITEM.test(title);
  if (named.length > 0 && named.every((kind) => kind === "other") && !partialTitle) return false;
  if (advertisesBackendRole(text)) return true;
  // Truncated feeds: a generic engineering title with a known server language is backend.
  if (text.length < 500 && stacks.length > 0 && kinds.includes("generic")) return true;
  if (stacks.length > 0 && FOUNDING_ENGINEER.test(`${title}\n${text}`)) return true;
  // README: a full-stack role is backend only when the text names a server-side language or
  // framework, as an example too ("at least one backend language such as Go or Java").
  const fullStack = roles.some((role, i) => kinds[i] === "generic" && FULL_STACK.test(role));
  // The role's work, not a wish: "experience with 3D APIs is desirable" describes no server work. A
  // full-stack or product role's "frontend and backend" names the sides it spans, no server work (README).
  const productRole = fullStack || roles.some((role, i) => kinds[i] === "generic" && PRODUCT_ENGINEER.test(role));
  const work = countKinds(SERVER_WORK, requiredLines(productRole ? withoutBothSides(text) : text).join("\n"));
  if (fullStack && stacks.length === 0 && !namesServerLanguage(text) && !SERVER_FRAMEWORK.test(text)) return false;
  return stacks.length > 0
    ? work >= 1
    : work >= 4 ||
        (work >= 2 &&
          /\b(back[- ]?end|server[- ]side|infrastructure|infra|data engineering|(data|ingestion|etl|elt|streaming) pipelines?)\b/i.test(
            text,
          ));
}
