import type { Focus } from "../../domain/facets";

/**
 * How much of a text's talk about backend work is about each kind: the share of the kind's words
 * among all kinds' words. A short post about running containers and clusters is platform work even
 * when it names one kind of it; a long ad naming Kubernetes once among APIs and services is not.
 */
const KIND_WORDS: Readonly<Record<Focus, RegExp>> = {
  api: /\b(rest(ful)?|graphql|grpc|apis?|micro-?services?|integrations?|back[- ]?end|server[- ]side|web (services?|app\w*)|endpoints?|webhooks?|django|rails|laravel|symfony|spring|express|nest\.?js|fastapi|flask|phoenix|asp\.net|product features?|saas)\b/gi,
  data: /\b(data pipelines?|pipelines?|etl|elt|streaming|flink|spark|kafka|warehous\w+|snowflake|bigquery|redshift|dbt|airflow|databricks|hadoop|machine learning|ml|mlops|inference|llms?|rag|ingestion|analytics|data (processing|platforms?|infrastructure|stores?|lakes?)|big data|scrap\w+|crawl\w+)\b/gi,
  platform:
    /\b(infra(structure)?|devops|sre|site reliability|kubernetes|k8s|terraform|ansible|puppet|chef|helm|docker|containers?|orchestration|load balanc\w+|reverse prox\w+|system administration|sysadmin|ci\/cd|continuous (integration|deployment|delivery)|observability|monitoring|uptime|reliability|networking|protocols?|payments?|banking|ledgers?|clearing|settlement|identity|authentication|oauth|sso|security|cloud[- ]native|serverless|storage|incident)\b/gi,
};

export interface Salience {
  /** How often the kind's words occur. */
  count: number;
  /** The kind's share of all kinds' word occurrences (0 when the text names none). */
  share: number;
}

export function salience(text: string): Record<Focus, Salience> {
  const counts = {
    api: text.match(KIND_WORDS.api)?.length ?? 0,
    data: text.match(KIND_WORDS.data)?.length ?? 0,
    platform: text.match(KIND_WORDS.platform)?.length ?? 0,
  };
  const total = counts.api + counts.data + counts.platform;
  const of = (kind: Focus): Salience => ({ count: counts[kind], share: total ? counts[kind] / total : 0 });
  return { api: of("api"), data: of("data"), platform: of("platform") };
}
