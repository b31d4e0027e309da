import { currencyOf } from "./currency";

/**
 * Money figures as listings write them, each with its currency and its low and high ends: ranges
 * ("$120k–$150k", "120-150k EUR", "between $120,000 and $150,000"), single figures, and bare "70K-110K"
 * ranges with no currency mark (read as dollars, flagged `bare`). Which of them is the pay is salary.ts's.
 */

const SYMBOL = String.raw`(?:US\$|C\$|CA\$|A\$|AU\$|NZ\$|R\$|S\$|HK\$|\$|€|£|₹|¥|₪|zł)`;
const CODE = String.raw`(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|CZK|INR|JPY|BRL|MXN|SGD|ILS|AED|ZAR|RON|HUF)`;
// Bounded repetitions: an unbounded digit run or group list would be rescanned from every start.
// Indian lakh grouping ("25,00,000") first, then thousands groups, then plain digits.
// Swiss groups with an apostrophe ("120'000").
const NUMBER = String.raw`\d{1,2}(?:,\d{2}){1,2},\d{3}(?!\d)|\d{1,3}(?:[,.\u00a0 '’]\d{3}){1,3}(?:\.\d{1,2})?|\d{1,9}(?:\.\d{1,2})?`;
const K = String.raw`(?:\s?[kK](?![a-zA-Z]))?`;
const DASH = String.raw`\s*(?:-|–|—|to)\s*`;
// A period written after each end of a range ("$65/hr - $75/hr"): the one after the second end counts.
const PERIOD_BETWEEN = String.raw`(?:\s?\/\s?(?:hr|hour|h|yr|year|mo|month|day))?`;
// "$120k–$150k", "€75k–110k", "USD 140,000 - 180,000", "£32000-£40000", "$139,200—$235,200 USD".
const PREFIXED = new RegExp(
  String.raw`(${SYMBOL}|${CODE})\s?(${NUMBER})(${K})(?:${PERIOD_BETWEEN}${DASH}(?:${SYMBOL}|${CODE}){0,2}\s?(${NUMBER})(${K}))?(?:\s?(${CODE})(?![/\w]))?`,
  "g",
);
// "120-150k EUR", "2.691 EUR", "140.000€ - 160.000€", "224,000 USD - 356,500 USD".
const SUFFIXED = new RegExp(
  String.raw`(?<![\w$€£.,])(${NUMBER})(${K})(?:\s?(?:€|${CODE})?${DASH}(${NUMBER})(${K}))?\s?\(?(${CODE}|€)(?![\w])`,
  "g",
);

// "between $120,000 and $150,000": a range written with words.
const BETWEEN = new RegExp(
  String.raw`\bbetween\s+(${SYMBOL}|${CODE})?\s?(${NUMBER})(${K})\s+and\s+(${SYMBOL}|${CODE})?\s?(${NUMBER})(${K})(?:\s?(${CODE})(?![/\w]))?`,
  "gi",
);

export interface Figure {
  index: number;
  length: number;
  currency: string;
  low: number;
  high: number;
  /** Read from digits with no currency mark ("70K-110K"). */
  bare?: boolean;
}

function toNumber(text: string, k: string): number {
  // "2.691" and "120,000" use thousands separators; "75.50" is a decimal; "182,300.00" both.
  const grouped = /^(\d{1,3}(?:[,.\u00a0 '’]\d{3})+|\d{1,2}(?:,\d{2}){1,2},\d{3})(\.\d{1,2})?$/.exec(text);
  const value = grouped ? Number(grouped[1]!.replace(/[,.\u00a0 '’]/g, "")) + Number(grouped[2] ?? 0) : Number(text);
  return k.trim() ? value * 1000 : value;
}

function figure(
  index: number,
  length: number,
  currency: string | null,
  low: string,
  lowK: string,
  high?: string,
  highK = "",
): Figure | null {
  if (!currency) return null;
  const top = high ? toNumber(high, highK) : null;
  // "€75–90k": the k written once applies to both ends.
  const bottom = toNumber(low, lowK || (top !== null && highK.trim() && Number(low) < 1000 ? "k" : ""));
  return { index, length, currency, low: Math.min(bottom, top ?? bottom), high: Math.max(bottom, top ?? bottom) };
}

// "70K-110K" with no currency at all: read as dollars (HN headers write pay this way).
// "70K-110K" or "80-95k"; kept only with a pay context (findStatedSalary), never for a stray number.
const BARE_K_RANGE = /(?<![\w$€£.,])(\d{2,3})\s?[kK]?\s?(?:-|–|—|to)\s?(\d{2,3})\s?[kK](?![a-zA-Z])/g;

// A listing states a handful of figures; past this many the text is not a job ad, and stopping
// keeps the overlap checks below from growing with the square of the text.
const MAX_FIGURES = 60;

function* firstMatches(text: string, pattern: RegExp): Generator<RegExpMatchArray> {
  let n = 0;
  for (const m of text.matchAll(pattern)) {
    if (++n > MAX_FIGURES) return;
    yield m;
  }
}

/** The money figures of a text in reading order, a currency-marked reading winning over a bare one. */
export function figures(text: string): Figure[] {
  const found: Figure[] = [];
  for (const m of firstMatches(text, BARE_K_RANGE)) {
    const f = figure(m.index ?? 0, m[0].length, "USD", m[1] ?? "", "k", m[2], "k");
    if (f) found.push({ ...f, bare: true });
  }
  for (const m of firstMatches(text, PREFIXED)) {
    // "$… USD" names the dollar; "$… CAD/USD" stays as the symbol says.
    const symbol = m[1] ?? "";
    // "CAD $110,000": a code written before the dollar sign names the dollar too.
    const codeBefore = /\b([A-Z]{3})\s?$/.exec(text.slice(Math.max(0, (m.index ?? 0) - 4), m.index))?.[1];
    const named = m[6] ?? (codeBefore && currencyOf(codeBefore) ? codeBefore : undefined);
    const currency = named && symbol === "$" ? currencyOf(named) : currencyOf(symbol);
    const f = figure(m.index ?? 0, m[0].length, currency, m[2] ?? "", m[3] ?? "", m[4], m[5]);
    if (f) found.push(f);
  }
  for (const m of firstMatches(text, BETWEEN)) {
    const currency = currencyOf(m[7] ?? m[1] ?? m[4] ?? "");
    const f = figure(m.index ?? 0, m[0].length, currency, m[2] ?? "", m[3] ?? "", m[5], m[6]);
    if (f) found.push(f);
  }
  for (const m of firstMatches(text, SUFFIXED)) {
    const f = figure(m.index ?? 0, m[0].length, currencyOf(m[5] ?? ""), m[1] ?? "", m[2] ?? "", m[3], m[4]);
    // A bare reading of the same digits does not hide the currency stated after them ("80–100k GBP").
    if (f && !found.some((g) => !g.bare && Math.abs(g.index - f.index) < 12)) found.push(f);
  }
  // A currency-marked figure wins over the bare reading of the same digits.
  const marked = found.filter((f) => !f.bare);
  const bare = found.filter((f) => f.bare && !marked.some((g) => Math.abs(g.index - f.index) < 6));
  return [...marked, ...bare].sort((a, b) => a.index - b.index);
}
