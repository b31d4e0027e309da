import { ROLE_NOUN, roleKind, roleSegments } from "./role-kind";

// Roles that run the infrastructure: DevOps, SRE, cloud operations, system administration. ("Platform"
// alone is left out: a platform team often builds the product's own services.)
const INFRA_ROLE =
  /\b(devops|dev ops|sres?|site reliability|infrastructure|infra|cloud|systems? administrators?|sysadmin)\b/i;
// Words that make a role write the application itself ("Software Engineer, Infrastructure", "Data Infrastructure").
const APPLICATION_ROLE =
  /\b(software|back-?end|full[- ]?stack|fullstack|developers?|programmers?|data|ml|ai|api|platform|python|golang|go|java|ruby|rails|php|node(?:\.?js)?|scala|rust|elixir|kotlin|\.net|c#)\b/i;

// "Languages/Apps: …", "Backend: …", "Frontend: …": a stack line for the applications' layer.
const APPLICATION_LAYER_LINE = /^\s*(?:languages?\s*\/\s*apps?|apps?|applications?|back-?end|front-?end)\s*:/i;
// "Stack: …", "Tech: …": a labelled stack line, which in a post hiring several kinds of role is the company's.
const STACK_LINE = /^\s*(?:our |the )?(?:tech(?:nology)? )?(?:stack|tech|technologies|languages?)\s*:/i;
// "We're a marketing platform company running PHP microservices": what the company runs, not the role.
const COMPANY_RUNS = /\bwe(?:['’]re| are)?\s[^.;]{0,80}?\brun(?:s|ning)?\b/i;

/**
 * The text for a role that runs infrastructure (DevOps, SRE, cloud, system administration) without
 * the company's application layer: the README gives such a role only its own layer's languages, so
 * a stack line for the apps ("Languages/Apps: Node.js"), a sentence on what the company runs ("we
 * run PHP microservices") and, in a post that also hires other kinds of role, its shared stack line
 * name no language it writes. Other roles' sentences are returned as they are.
 */
export function ownLayerSentences(title: string, sentences: string[]): string[] {
  const roles = roleSegments(title).filter((role) => ROLE_NOUN.test(role));
  const engineering = roles.filter((role) => roleKind(role) !== "other");
  const infrastructure =
    engineering.length > 0 && engineering.every((role) => INFRA_ROLE.test(role) && !APPLICATION_ROLE.test(role));
  if (!infrastructure) return sentences;
  const otherRoles = engineering.length < roles.length;
  return sentences.filter(
    (s) => !APPLICATION_LAYER_LINE.test(s) && !COMPANY_RUNS.test(s) && !(otherRoles && STACK_LINE.test(s)),
  );
}

// Roles whose own layer is the data pipelines.
const DATA_ROLE = /\b(data|analytics|etl|elt|ml|machine learning|spark|databricks|pipelines?)\b/i;

/**
 * The text without PySpark for a role outside the data layer: PySpark is the language of a
 * company's data pipelines, which (README) is not the stack of its product-backend roles.
 */
export function withoutPipelineLanguages(title: string, text: string): string {
  return DATA_ROLE.test(title) ? text : text.replace(/\bpyspark\b/gi, " ");
}
