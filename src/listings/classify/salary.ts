import type { SalaryPeriod } from "../../domain/facets";
import type { Salary } from "../listing";
import type { SalaryHint } from "../sources/raw-listing";
import { toUsdPerYear } from "./currency";
import { type Figure, figures } from "./salary-figures";

// A figure followed by these is money but not pay: funding, revenue, perks. "+ bonus" after a
// range adds to the pay ("£60,000 – £75,000 + bonus"); "$5k bonus" alone is the perk.
const NOT_PAY_AFTER =
  /^\s*(?:\+\s*)?(users|customers|downloads|members|requests|employees|people|companies|followers|m\b|mm\b|b\b|bn\b|million|billion|trillion|in (funding|revenue|sales|bookings|arr)|arr\b|valuation|per (employee|seat|user)|worth|for (conferences|learning|equipment|books|courses)|of (funding|revenue))|^\s*(stipend|budget|allowance|bonus|credit|learning|home office)/i;
// A perk's budget named a few words after its figure ("$20,000 annual education budget"), with no
// other figure or pay word between them.
const PERK_AFTER = /^[^.\n,;:$€£\d]{0,30}\b(budgets?|stipends?|allowances?|reimburse\w*)\b/i;
// A figure on a benefits line is a perk's budget, whatever period it states ("HRA (up to $10,000 per year)").
const BENEFIT_LINE =
  /\b(hra|hsa|fsa|fertility|stipend|allowance|reimburs\w*|wellness|wellbeing|gym|401\(?k\)?|pension|insurance|coverage|learning|education|equipment|home office|childcare|commuter|relocation|bonus|lifetime)\b/i;
const NOT_PAY_BEFORE =
  /(raised|raise|funding|saves?|saving|spends?|spending|costs?|priced?|generat\w*|valuation|valued at|revenue|arr|budget|stipend|allowance|bonus of|over|more than|earned|invested|backed by|series [a-e]|insurance|coverage|cover|\(min|\(max)[^.\n]{0,12}$/i;
// A lone figure without a period is pay only when a pay word precedes it ("Salary $65K").
const PAY_WORD =
  /\b(salary|salaries|pay|paid|compensation|comp|base|rate|ote|wage|earn|earning|range|package|tc)\b[^.\n]{0,50}$/i;
// Pay tiers (zones, levels) listed together are recorded as their overall span.
const TIER_GAP = 160;
const PERIOD_AFTER: Array<[RegExp, SalaryPeriod]> = [
  [/^\s*(?:\+\s*)?(\/\s?|per |an |a |each |pro )?(hour|hr|h|stunde|std)\b|^\s*(?:\+\s*)?hourly/i, "hour"],
  [/^\s*(?:\+\s*)?(\/\s?|per |a )?(day|daily)\b/i, "day"],
  [/^\s*(?:\+\s*)?(\/\s?|per |a )?(week|wk)\b|^\s*weekly/i, "week"],
  [/^\s*(?:\+\s*)?(\/\s?|per |a |pro |par |al )?(month|mo|monat|mois|mes)\b|^\s*(monthly|monatlich|mensuel)/i, "month"],
  [
    /^\s*(?:\+\s*)?(\/\s?|per |a |pro )?(year|yr|annum|annual(ly)?|jahr)\b|^\s*(?:\+\s*)?(p\.?a\.?|yearly|annually|jährlich)(?![a-z])/i,
    "year",
  ],
];
const MONTHLY_CONTEXT =
  /\b(monthly (salary|pay|rate|compensation|gross)|(salary|pay|rate)[^.\n]{0,40}(\b(per|a|\/)\s?month|\bmonthly))\b/i;
const HOURLY_CONTEXT = /\b(hourly (rate|pay|wage)|(rate|pay)[^.\n]{0,30}\b(per|an|\/)\s?hour)\b/i;

/** The period the whole text states for its pay ("monthly salary"), read once per text. */
function contextPeriod(text: string): SalaryPeriod | null {
  if (MONTHLY_CONTEXT.test(text)) return "month";
  return HOURLY_CONTEXT.test(text) ? "hour" : null;
}

function periodNear(after: string, context: SalaryPeriod | null, low: number): SalaryPeriod | null {
  const stated = after.replace(/^\s*(gross|net|brutto|before tax)\b/i, ""); // "€4,000 gross per month"
  for (const [pattern, period] of PERIOD_AFTER) if (pattern.test(stated)) return period;
  if (context) return context;
  return low >= 10_000 ? "year" : null; // small figures with no period are ambiguous
}

// Implausible for the period: a perk, a typo or a figure that is not pay. The ceiling is in US
// dollars, so rupee or yen salaries (millions as written) are not taken for typos.
function plausible(min: number, max: number, period: SalaryPeriod, currency: string): boolean {
  const floor = { year: 10_000, month: 300, week: 100, day: 20, hour: 5 }[period];
  const ceiling = { year: 2_000_000, month: 200_000, week: 50_000, day: 10_000, hour: 1_000 }[period];
  const maxUsd = toUsdPerYear(max, currency, period);
  const underCeiling = maxUsd === null ? max <= ceiling : maxUsd <= toUsdPerYear(ceiling, "USD", period)!;
  return min >= floor && underCeiling && min <= max;
}

// Ranges right after the first one, in the same currency and magnitude: "Zone A: … Zone B: …".
function tiersAfter(
  all: Figure[],
  first: number,
  text: string,
  context: SalaryPeriod | null,
  currency: string,
  period: SalaryPeriod,
): Figure[] {
  const tiers: Figure[] = [];
  let end = all[first]!.index + all[first]!.length;
  for (const next of all.slice(first + 1)) {
    if (next.index - end > TIER_GAP || next.currency !== currency || next.low === next.high) break;
    if (periodNear(text.slice(next.index + next.length, next.index + next.length + 40), context, next.low) !== period)
      break;
    tiers.push(next);
    end = next.index + next.length;
  }
  return tiers;
}

// A "Company | Role | Place | $150K" line up to a segment's start (two bars at least); a table row
// ("| Relocation | $10,000 |") starts with its bar and stays one line.
const HEADER_LINE = /^\s*[^|\s][^\n|]*\|[^\n]*\|\s*$/;
// How far back a header line may start: the line is sought in a capped window, so a long text stays linear.
const HEADER_REACH = 300;

/** The header line before a figure, up to the figure's segment, or null when the figure is not in one. */
function headerLineBefore(text: string, index: number): string | null {
  const from = Math.max(0, index - HEADER_REACH);
  const window = text.slice(from, index);
  const lineStart = window.lastIndexOf("\n");
  if (lineStart < 0 && from > 0) return null;
  const line = window.slice(lineStart + 1);
  return HEADER_LINE.test(line) ? line : null;
}

// The line around a figure, capped on both sides so a text without line breaks stays linear.
function onBenefitLine(text: string, f: Figure, header: string | null): boolean {
  const start = Math.max(0, f.index - 120);
  const before = text.slice(start, f.index);
  const after = text.slice(f.index + f.length, f.index + f.length + 80);
  // Only its own segment of a "Company | Role | Relocation provided | $120k" header line.
  const lead = header ? header.slice(header.lastIndexOf("|") + 1) : before.slice(before.lastIndexOf("\n") + 1);
  const around = `${lead} ${after.split("\n", 1)[0]}`;
  // The perk is named before its budget; pay named on the same line wins ("Salary $120k, learning budget").
  return BENEFIT_LINE.test(lead) && !/\b(salary|base pay|pay range|compensation|ote|hourly rate)\b/i.test(around);
}

// "Pay Range Minimum: $120,000 … Pay Range Maximum: $150,000": a range's ends stated one at a time.
const MINIMUM_BEFORE = /\bmin(?:imum)?\b[^.\d]{0,30}$/i;
const MAXIMUM_BEFORE = /\bmax(?:imum)?\b[^.\d]{0,30}$/i;
const ENDS_GAP = 200;

/** The figure stating the maximum of a range whose minimum is `all[n]`, when the text states them apart. */
function statedMaximum(all: Figure[], n: number, text: string): Figure | null {
  const low = all[n]!;
  const high = all[n + 1];
  if (!high || low.low !== low.high || high.low !== high.high || high.currency !== low.currency) return null;
  if (high.index - (low.index + low.length) > ENDS_GAP || high.high < low.low) return null;
  const before = (f: Figure) => text.slice(Math.max(0, f.index - 40), f.index);
  return MINIMUM_BEFORE.test(before(low)) && MAXIMUM_BEFORE.test(before(high)) ? high : null;
}

// A restatement comes within the next few figures (funding and revenue figures may stand between).
const RESTATED_WITHIN = 8;

function restatedAsRange(later: Figure[], f: Figure): boolean {
  return later.some((g) => g.currency === f.currency && g.low < g.high && g.low <= f.low && f.low <= g.high);
}

/** The first pay figure or range stated in text, as stated (currency and period kept). */
export function findStatedSalary(text: string): SalaryHint | null {
  const all = figures(text);
  const context = contextPeriod(text);
  for (const [n, f] of all.entries()) {
    const after = text.slice(f.index + f.length, f.index + f.length + 40);
    const before = text.slice(Math.max(0, f.index - 30), f.index);
    const perk = PERK_AFTER.exec(after);
    if (perk && !/\b(salary|pay|base|compensation|wage)\b/i.test(perk[0])) continue;
    const header = headerLineBefore(text, f.index);
    if (NOT_PAY_AFTER.test(after) || NOT_PAY_BEFORE.test(before) || onBenefitLine(text, f, header)) continue;
    // No currency mark: pay only with a pay word before it or a period after it ("Salary: 90-120k").
    // A segment of its own in a "Company | Role | 70K-110K DOE" header line is the pay too.
    const payContext =
      PAY_WORD.test(text.slice(Math.max(0, f.index - 60), f.index)) ||
      PERIOD_AFTER.some(([pattern]) => pattern.test(after)) ||
      /\|\s*$/.test(before) ||
      /^\s*(\||doe\b|depending on experience|\+?\s*(equity|benefits|bonus))/i.test(after);
    if (f.bare && !payContext) continue;
    const upTo = /\bup to\s*$/i.test(before) && f.low === f.high; // "up to $150k": no minimum stated
    const period = periodNear(after, context, f.low);
    if (!period || !plausible(f.low, f.high, period, f.currency)) continue;
    const explicitPeriod = PERIOD_AFTER.some(([pattern]) => pattern.test(after));
    const payAfter = /^\s*(base|salary|ote|total comp)\b/i.test(after); // "$150K base + equity"
    // A figure with its currency opening a header segment ("Company | Role | $150K + benefits") is the pay.
    const ownSegment = !f.bare && header !== null;
    // The header's "£90k" restated in the text as "£70k - £90k": the range is the fuller statement.
    if (ownSegment && f.low === f.high && restatedAsRange(all.slice(n + 1, n + 1 + RESTATED_WITHIN), f)) continue;
    if (
      f.low === f.high &&
      !explicitPeriod &&
      !payAfter &&
      !ownSegment &&
      !PAY_WORD.test(text.slice(Math.max(0, f.index - 60), f.index))
    )
      continue;
    const maximum = statedMaximum(all, n, text);
    const span = maximum ? [maximum] : tiersAfter(all, n, text, context, f.currency, period);
    // "$105k+": no maximum stated; "$150K + benefits" adds to a single figure.
    const openEnded = f.low === f.high && span.length === 0 && /^\+/.test(after);
    const max = openEnded ? null : Math.max(f.high, ...span.map((t) => t.high));
    return { min: upTo ? null : Math.min(f.low, ...span.map((t) => t.low)), max, currency: f.currency, period };
  }
  return null;
}

function lowEndOf(stated: SalaryHint, structured: SalaryHint): boolean {
  const { min, max, currency, period } = structured;
  return (
    stated.min === stated.max &&
    stated.min !== null &&
    stated.min === min &&
    max !== null &&
    max > stated.min &&
    currency === stated.currency &&
    period === stated.period
  );
}

/** Adds the annual USD figures used for comparison to a stated salary. */
export function withUsd(stated: SalaryHint): Salary {
  return {
    ...stated,
    minUsdYear: toUsdPerYear(stated.min, stated.currency, stated.period),
    maxUsdYear: toUsdPerYear(stated.max, stated.currency, stated.period),
  };
}

/**
 * The listing's salary: figures stated in its own text win over the board's structured fields
 * (which are sometimes the board's estimate); 0 or absent figures mean "not stated" (null).
 */
export function classifySalary(text: string, structured: SalaryHint | null | undefined): Salary | null {
  const stated = findStatedSalary(text);
  // A bare "$" is read as USD; the board's own field may know the dollar is Canadian or Australian.
  const sameFigures = stated && structured && stated.min === structured.min && stated.max === structured.max;
  if (stated && sameFigures && stated.currency === "USD" && /D$/.test(structured.currency))
    return withUsd({ ...stated, currency: structured.currency });
  // The text's lone figure is the low end of the board's range ("75,000 CAD to 108,00 CAD", "$67,500
  // (entry-level) – $79,000"): the text was read only in part, and the board's range agrees with it.
  if (stated && structured && lowEndOf(stated, structured)) return withUsd(structured);
  if (stated) return withUsd(stated);
  return structured && (structured.min !== null || structured.max !== null) ? withUsd(structured) : null;
}
