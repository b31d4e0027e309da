import type { Stack } from "../../domain/facets";
import { listedRoleNames } from "./role-list";
import { securityOperationsRole } from "./security-role";
import {
  AI_ENGINEER,
  BACKEND_TITLE,
  FULL_STACK,
  LANGUAGE_TITLE,
  RESEARCH_TEAM,
  ROLE_NOUN,
  roleKind,
  type RoleKind,
  roleSegments,
  SENTENCE,
} from "./role-kind";
import { namesServerLanguage, requiredLines } from "./stacks";

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
/** The first engineer of a product owns its server side ("Founding Engineer | NodeJS"). */
const FOUNDING_ENGINEER = /\b(founding|first) (software )?engineer\b/i;

export function countKinds(patterns: ReadonlyArray<RegExp>, text: string): number {
  return patterns.filter((pattern) => pattern.test(text)).length;
}

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
  // README: a title-only record is judged by its title, and "AI Engineer" alone shows no LLM-systems work
  // (as a bare "Software Engineer" shows no backend work).
  const titleOnly = text.trim() === "";
  if (backendWord || (kinds.includes("backend") && !modelling && !titleOnly)) return true;
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
