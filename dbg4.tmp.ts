import { loadLabelled, rawListingOf } from "./test/unit/listings/support/labelled";
import { classify } from "./src/listings/classify/index";
const r = loadLabelled("dev.jsonl").find((x) => x.origin.key === process.argv[2])!;
const c = classify(rawListingOf(r));
console.log(c.description.length, c.stacks, c.description.slice(0, 3000));
