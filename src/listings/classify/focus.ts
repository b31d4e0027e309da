import type { Focus } from "../../domain/facets";
import { countKinds } from "./backend";
import { roleKind, roleSegments } from "./role-kind";
import { advertisedKinds, type ListedRole, listedRoles } from "./focus-roles";
import { titleRoles } from "./focus-title";
import { salience } from "./focus-salience";
import { workText } from "./focus-sections";

const FOCUS_TITLE: ReadonlyArray<[Focus, RegExp]> = [
  [
    "platform",
    /\b(platform|infrastructure|infra|devops|dev ops|sre|site reliability|cloud|systems|payments?|billing|ledger|clearing|settlement|banking|security|network(ing)?|mlops|reliability|identity|auth|tooling|developer tools|devex|developer (experience|productivity)|release engineering|hpc|system administrat\w*|sysadmin|storage|transaction processing)\b/i,
  ],
  // ML serving and model work is data work ("Inference", "Reward Models", "Compute Pipelines").
  [
    "data",
    /\b(data|mlops|ml|machine learning|deep learning|analytics|etl|ai engineers?|llm|inference|models|pipelines?)\b/i,
  ],
];
// Money-moving products are platform work built as product APIs too; identity and auth are infrastructure.
const DOMAIN_PLATFORM = /\b(payments?|billing|ledger|clearing|settlement|banking)\b/i;
const INFRA_PLATFORM =
  /\b(platform|infrastructure|infra|devops|dev ops|sre|site reliability|cloud|systems|security|network(ing)?|mlops|reliability|identity|auth)\b/i;
// A data, ML or model platform (or its infrastructure) is data work (README: data = … ML serving, data platforms).
const DATA_PLATFORM =
  /\b(data|ml|machine learning|models?|inference|training)[ /-](platforms?|infrastructure|infra)\b/gi;
// A bare role noun after a slash shares the qualifier before it ("Data Scientist / Engineer").
const BARE_ROLE = /^(engineers?|developers?)\b/i;
const ROLE_WORDS = /\b(engineers?|developers?|scientists?|analysts?|architects?|programmers?)\b/gi;
const API_TITLE =
  /\b(back[- ]?end|api|software|developer|full[- ]?stack|fullstack|web|product|programmer|engineers?)\b/i;
// A server language or framework alone (or before its bracketed tools) names a product-backend role
// ("Rails / React / DevOps", "Java (Spring, REST)"); a company named after one ("Spring Health") does not.
const SERVER_LANGUAGE_TITLE =
  /^\W*(python|golang|go|java|kotlin|scala|ruby|rails|ruby on rails|rust|php|laravel|\.net|c#|elixir|node(\.?js)?|django|spring)\s*(\(|$)/i;
const NOT_BACKEND_SEGMENT = /\b(front[- ]?end|mobile|ios|android|designer|manager|director|qa|react|angular|vue)\b/i;

// Kinds of work in the text that make a generic backend role also data or platform work.
// Everyday tooling (Kubernetes, CI/CD, monitoring) is deliberately absent: most backend roles name it.
export const FOCUS_TEXT: Readonly<Record<Focus, ReadonlyArray<RegExp>>> = {
  api: [
    /\b(rest(ful)?|graphql|grpc)\b/i,
    /\bapis?\b/i,
    /\bmicro-?services?\b/i,
    /\bintegrations?\b/i,
    /\bbackend services\b/i,
    /\bweb (services|applications?)\b/i,
    // Product-backend work named by its layer or its web framework.
    /\b(server[- ]side|back[- ]?end (services?|systems?|development|logic)|endpoints?|webhooks?)\b/i,
    /\b(django|rails|laravel|symfony|spring boot|express(\.js)?|nest\.?js|fastapi|flask|phoenix|asp\.net)\b/i,
  ],
  data: [
    /\bdata pipelines?\b|\b(ml|machine learning) pipelines?\b/i,
    /\b(etl|elt)\b/i,
    /\b(streaming|stream processing)\b/i,
    /\b(data warehouses?|data lakes?|warehousing)\b/i,
    // The tools of data work count once together: a stack list naming Spark and Snowflake is one kind.
    /\b(flink|spark|hadoop|snowflake|bigquery|redshift|dbt|airflow|databricks)\b/i,
    /\b(machine learning|ml) (models?|platform|infrastructure|serving)\b|\bmlops\b/i,
    /\b(sensor|iot|telemetry)[- ]data\b|\bdata (processing|platform|infrastructure|ingestion|stores?)\b/i,
    /\bingestion\b|\bdata[- ]intensive\b|\bdata model(l)?ing\b|\b(large|high) volumes? of data\b|\bbatch (processing|jobs)\b/i,
  ],
  platform: [
    /\b(payments?|ledger|clearing|settlement|core banking|banking core)\b/i,
    /\b(authentication|authori[sz]ation|oauth|sso|identity (and access|management|provider|platform))\b/i,
    /\b(network protocols?|async io|low[- ]latency|high[- ]throughput)\b/i,
    /\b(trading engine|matching engine|exchange)\b/i,
    /\b(internal (developer )?(platform|tooling|tools)|developer (platform|tooling|productivity)|infrastructure as code|build systems)\b/i,
    /\b(devops|site reliability|SREs?|incident response)\b/i,
    /\b(distributed storage|storage (systems?|engines?|layers?)|decentrali[sz]ed|protocols?)\b/i,
  ],
};

/**
 * Platform work that settles the focus on its own (payments, banking, ledgers, identity, SRE, "infra"
 * and infrastructure as code); words that product backends also use (DevOps practices, authorization,
 * latency) only count together with another kind of platform work.
 */
const PLATFORM_WORK =
  /\b(payments?|banking|infra|ledgers?|clearing|settlement|core banking|site reliability|SREs?|infrastructure as code|identity (and access|management|provider|platform)|distributed storage)\b/i;

/** Most of the text's backend words (7 in 10), said at least three times. */
const SALIENT_SHARE = 0.7;
const SALIENT_COUNT = 3;

// The kinds of work each role of the title names; a role with no specialism builds product
// backends (api) unless the text says it is data work (`genericIsApi` false).
function titleFocus(title: string, genericIsApi: boolean): Set<Focus> {
  const focus = new Set<Focus>();
  const segments = titleRoles(title);
  for (const [index, segment] of segments.entries()) {
    if (NOT_BACKEND_SEGMENT.test(segment)) continue;
    const qualifier = index > 0 && BARE_ROLE.test(segment) ? segments[index - 1]!.replace(ROLE_WORDS, "") : "";
    const role = `${qualifier} ${segment}`.replace(DATA_PLATFORM, "data");
    const specialised = FOCUS_TITLE.filter(([, pattern]) => pattern.test(role)).map(([kind]) => kind);
    specialised.forEach((kind) => focus.add(kind));
    // A payments/ledger/identity role is platform work that is also built as product APIs.
    const domainOnly = DOMAIN_PLATFORM.test(role) && !INFRA_PLATFORM.test(role);
    const names = API_TITLE.test(role) || SERVER_LANGUAGE_TITLE.test(segment);
    if ((domainOnly || (specialised.length === 0 && genericIsApi)) && names) focus.add("api");
  }
  return focus;
}

// An ML engineer beside the backend roles is modelling work (README: not backend) unless the role
// names the systems around the models (MLOps, serving, infrastructure, data, platforms).
const MODELLING_ROLE = /\b(ml|machine learning|deep learning)\b/i;
const MODEL_SYSTEMS = /\b(ml ?ops|serving|inference|infra\w*|data|platforms?|systems)\b/i;

const KINDS = ["api", "data", "platform"] as const;
// A line saying a listed role works on the server ("Software Engineer – Rails backend").
const SERVER_DETAIL =
  /\b(back[- ]?end|server[- ]side|python|golang|java|kotlin|scala|ruby|rails|rust|php|django|elixir|node(\.?js)?|\.net)\b/i;

/** The kinds of work of one role a post lists in its text: its name's specialism and its line's work. */
function listedRoleFocus({ role, detail }: ListedRole, serverPost: boolean): Set<Focus> {
  if (MODELLING_ROLE.test(role) && !MODEL_SYSTEMS.test(role)) return new Set();
  const line = `${role} ${detail}`;
  const focus = new Set<Focus>(KINDS.filter((kind) => FOCUS_TEXT[kind].some((pattern) => pattern.test(line))));
  if (PLATFORM_WORK.test(line)) focus.add("platform");
  // A generic role ("Software Engineer") is a backend role only when its line or the post shows server work.
  if (roleKind(role) === "backend" || focus.size > 0 || serverPost || SERVER_DETAIL.test(line))
    for (const kind of titleFocus(role, true)) focus.add(kind);
  return focus;
}

/**
 * The kinds of backend work (api, data, platform). Each role in the title counts on its own
 * ("Software Engineer or SRE" is api + platform; "Software Engineer - Platform" is platform), and so
 * does each role the text lists or advertises; the role's work in the text (extras, benefits and
 * testing words left out) adds data or platform with several distinct kinds of such work, or when
 * infrastructure words dominate it.
 */
export function classifyFocus(title: string, rawText: string): Focus[] {
  const text = workText(rawText).replace(DATA_PLATFORM, "data platform");
  const apiWork = countKinds(FOCUS_TEXT.api, text);
  // A generic title over a text about data work that names no product-backend work at all
  // ("Software Engineer" on ingestion and pipelines) is a data role, not an API one.
  const dataOnly = countKinds(FOCUS_TEXT.data, text) >= 2 && apiWork === 0;
  const focus = titleFocus(title, !dataOnly);
  // A post that lists its roles in the text (one per line or bullet) advertises each of them.
  const serverPost = SERVER_DETAIL.test(text);
  for (const listed of listedRoles(text)) for (const kind of listedRoleFocus(listed, serverPost)) focus.add(kind);
  // A post whose title names no backend role (multi-role posts) advertises its roles in the text.
  if (!roleSegments(title).some((role) => roleKind(role) === "backend")) {
    for (const kind of advertisedKinds(text)) focus.add(kind);
  }
  // A backend role whose title and advertised roles name no specialism builds product backends,
  // whatever data or platform work its text adds.
  // A title that names no role at all (a post's company line) leaves the kinds of work to the text.
  const namesRole = titleRoles(title).some((role) => roleKind(role) !== "none");
  if (focus.size === 0 && !dataOnly && namesRole) focus.add("api");
  const fromRoles = focus.size;
  for (const kind of ["data", "platform"] as const) {
    if (countKinds(FOCUS_TEXT[kind], text) >= 2) focus.add(kind);
  }
  if (PLATFORM_WORK.test(text)) focus.add("platform");
  // A text mostly about running infrastructure (clusters, provisioning, uptime) is platform work too,
  // even when it names only one of the distinct kinds above.
  const { platform } = salience(text);
  if (platform.share >= SALIENT_SHARE && platform.count >= SALIENT_COUNT) focus.add("platform");
  if (!namesRole && fromRoles === 0 && apiWork > 0) focus.add("api");
  if (focus.size === 0) focus.add("api"); // a backend role with no other evidence builds product backends
  return (["api", "data", "platform"] as const).filter((kind) => focus.has(kind));
}
