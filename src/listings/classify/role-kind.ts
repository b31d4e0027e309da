/**
 * What kind of role a title names (backend, another kind, a generic engineering role that needs the
 * text to decide, or none), and how a title splits into its roles. The text's evidence and the
 * verdict are in backend.ts.
 */
/**
 * Titles that name backend work outright (one role of a multi-role post is enough). A system
 * administrator runs servers and clusters, a database administrator the databases on them: infrastructure
 * work (README rulings), unlike IT administration.
 * A data architect designs the warehouses and pipelines data engineers build: data engineering too.
 */
export const BACKEND_TITLE =
  /\b(back[- ]?end|server[- ]side|api|platform|infrastructure|infra|devops|dev ops|sres?|site reliability|reliability engineer(ing)?|inference|storage|data engineer(ing)?|analytics engineer(ing)?|data architects?|data platform|mlops|ml ops|ml platform|cloud engineer|systems engineer|distributed systems|database engineer|payments?|integrations engineer|(?:linux|unix|hpc|systems?|database) administrator|dbas?|sysadmin)\b/i;
/**
 * More of the README's backend kinds, as specialisms of an engineering title only ("Software
 * Engineer, Identity", "Billing Engineer", but not "Medical Billing"): APIs and integrations,
 * cloud, compute and reliability, billing and ledgers, auth and identity, ETL.
 */
const BACKEND_SPECIALISM =
  /\b(apis|(?:dev|ml|llm|ai|agent|data|git)ops|integrations|cloud|compute|kubernetes|observability|reliability|billing|ledgers?|clearing|identity|auth|authentication|etl|elt)\b/i;
/** AI and LLM engineers build LLM systems (backend) unless the text is modelling work (README). */
export const AI_ENGINEER = /\b(ai|llm|genai) engineers?\b/i;

/** "Python Engineer", "Rails Developer": a server language + an engineering noun. */
export const LANGUAGE_TITLE =
  /\b(python|golang|go|java|kotlin|scala|ruby|rails|rust|php|laravel|\.net|c#|elixir|node(\.js)?|django|c\+\+)\b[^|,]{0,60}\b(engineers?|developers?|programmers?)\b|\b(engineers?|developers?)\b\W+(python|golang|go|java|kotlin|scala|ruby|rails|rust|php|\.net|c#|elixir|node(\.js)?)\b/i;
/**
 * Titles that are something else; they lose to BACKEND_TITLE ("Backend Engineers & Director").
 * Security operations and compliance ("Security Automation Engineer", "GRC Engineer") and desktop
 * engineering are not server-side work; a security engineer building detection or access systems may
 * be, so "Security Engineer" alone is judged from its text.
 */
const OTHER_TITLE =
  /\b(front[- ]?end|mobile|ios|android|qa|quality|test(er|ing)?|sdet|designers?|design|data scientists?|scientists?|analysts?|managers?|directors?|head of|vp|recruiters?|sales|account|marketing|support|success|solutions?|consultants?|writers?|communicators?|coach|specialists?|nurse|researchers?|research|forward[- ]deployed|product owner|product managers?|react|angular|vue|ui|ux|editors?|representatives?|assistants?|administrators?|game|network programmer|desktop)\b|\bsecurity (?:automation|grc|compliance|operations|ops|governance|risk|soc)\b|\b(?:grc|soc|compliance) (?:engineers?|analysts?)\b/i;

/** Titles of generic engineering roles that need evidence from the text. */
const GENERIC_TITLE =
  /\b(software|engineers?|engineering|developers?|programmers?|full[- ]?stack|fullstack|sde|swe|architects?|tech lead|technical co-?founder|cto|member of technical staff|coders?)\b/i;

/** Ten or more words: a sentence, not a role title. */
export const SENTENCE = /^\s*(?:\S+\s+){9}\S/;

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
/**
 * Role nouns of non-engineering jobs: with no engineering noun beside them the role is not engineering
 * ("Fund Controller: Private Equity and Infrastructure" names a finance job, not infrastructure work).
 */
const NON_ENGINEERING_NOUN =
  /\b(specialists?|coordinators?|owners?|representatives?|assistants?|technicians?|associates?|officers?|operators?|clerks?|controllers?|accountants?|bookkeepers?|auditors?|attorneys?|lawyers?|counsel|paralegals?|underwriters?|brokers?|buyers?|planners?|teachers?|instructors?|tutors?|nurses?|physicians?|therapists?|pharmacists?|drivers?|receptionists?|copywriters?|translators?)\b/i;
const ENGINEERING_NOUN = /\b(engineers?|engineering|developers?|programmers?|architects?|sre|devops|mlops)\b/i;

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
    const hasNoun = ROLE_NOUN.test(part) || NON_ENGINEERING_NOUN.test(part);
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

export const FULL_STACK = /\bfull[- ]?stack\b/i;

/**
 * "Software Engineer, ML Research": the part after the engineer names the team it works in, not
 * research science (a scientist's or researcher's role); the text decides, as for any generic title.
 */
export const RESEARCH_TEAM = /\b(?:engineers?|developers?)\s*[,–—(]\s*(?:[\w&/-]+\s+){0,3}research\b/i;

export type RoleKind = "backend" | "other" | "generic" | "none";

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
