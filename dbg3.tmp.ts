import { loadLabelled, rawListingOf } from "./test/unit/listings/support/labelled";
import { plainDescription } from "./src/listings/classify/index";
const pats: Record<string, RegExp[]> = {
  platform: [/\b(kubernetes|k8s)\b/i, /\b(terraform|opentofu|ansible|pulumi|infrastructure as code|iac)\b/i, /\b(ci\/cd|deployment pipelines?)\b/i, /\b(observability|monitoring|prometheus|grafana|on-?call)\b/i, /\b(payments?|ledger|clearing|settlement|core banking|banking core)\b/i, /\b(auth(entication|orization)?|identity|oauth|iam)\b/i, /\b(linux|networking|network protocols?|async io)\b/i, /\b(trading engine|matching engine|exchange)\b/i],
  data: [/\bdata pipelines?\b|\bpipelines?\b/i, /\b(etl|elt)\b/i, /\b(streaming|kafka|flink|spark)\b/i, /\b(data warehouse|warehous(e|ing)|snowflake|bigquery|redshift|dbt|airflow)\b/i, /\b(machine learning|ml) (pipelines?|models?|platform|infrastructure|serving)\b|\bmlops\b/i, /\b(sensor|iot|telemetry)[- ]data\b|\bdata (processing|platform|infrastructure|ingestion)\b/i, /\b(retrieval|rag|embeddings|vector)\b/i],
  api: [/\b(rest(ful)?|graphql|grpc)\b/i, /\bapis?\b/i, /\bmicro-?services?\b/i, /\bintegrations?\b/i, /\bweb (services|applications?|app)\b/i, /\bproduct (features|backend)\b/i],
};
for (const r of loadLabelled(process.argv[2]!)) {
  if (!r.labels.isBackend) continue;
  const t = plainDescription(rawListingOf(r));
  const hits = Object.fromEntries(Object.entries(pats).map(([k, ps]) => [k, ps.filter((p) => p.test(t)).map((p) => t.match(p)![0])]));
  console.log(r.origin.key, rawListingOf(r).title.slice(0, 40), JSON.stringify(r.labels.focus), JSON.stringify(hits));
}
