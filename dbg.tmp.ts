import { classify } from "/work/main/src/listings/classify/index";
import { loadLabelled, rawListingOf } from "/work/main/test/unit/listings/support/labelled";
import { FACETS, agrees, describeGot, remotePlacesAgree } from "/work/main/test/unit/listings/support/compare";
const files = process.argv.slice(2);
const recs = files.flatMap((f) => loadLabelled(f));
const score: Record<string, [number, number]> = {};
let placeOk = 0;
for (const r of recs) {
  const got = classify(rawListingOf(r));
  if (remotePlacesAgree(r, got)) placeOk++;
  for (const f of FACETS) {
    const ok = agrees(f, r, got);
    if (ok === null) continue;
    score[f] ??= [0, 0];
    score[f]![1]++;
    if (ok) score[f]![0]++;
    else if (process.env.SHOW === f || process.env.SHOW === "all") {
      const want = f === "remote scope" ? r.labels.remote : (r.labels as any)[f === "isBackend" ? "isBackend" : f];
      console.log(`${f} ${r.origin.key} :: ${rawListingOf(r).title.slice(0, 60)} :: want ${JSON.stringify(want)} got ${JSON.stringify(describeGot(f, got))}`);
    }
  }
}
for (const [f, [a, b]] of Object.entries(score)) console.log(f.padEnd(14), `${a}/${b}`, ((100 * a) / b).toFixed(1) + "%");
console.log("remote places", placeOk, "/", recs.length);
