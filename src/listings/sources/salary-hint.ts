import type { SalaryPeriod } from "../../domain/facets";
import type { SalaryHint } from "./raw-listing";
import { toAmount } from "./payload";

const PERIOD_WORDS: Array<[RegExp, SalaryPeriod]> = [
  [/hour|hourly|\bhr\b/i, "hour"],
  [/day|daily/i, "day"],
  [/week/i, "week"],
  [/month/i, "month"],
  [/year|annual|annum|yearly|\byr\b/i, "year"],
];

/** Maps a source's period spelling ("per-year-salary", "1 YEAR", "hourly", "MONTH") to a period. */
export function toSalaryPeriod(text: string | null | undefined, fallback: SalaryPeriod = "year"): SalaryPeriod {
  if (!text) return fallback;
  for (const [pattern, period] of PERIOD_WORDS) if (pattern.test(text)) return period;
  return fallback;
}

/**
 * A structured salary from raw min/max fields, or null when neither is a positive amount
 * (sources use 0 or "" for "not stated"). A lone figure is kept on its own side.
 */
export function salaryHint(
  min: unknown,
  max: unknown,
  currency: string | null | undefined,
  period: string | null | undefined,
): SalaryHint | null {
  const low = toAmount(min);
  const high = toAmount(max);
  if (low === null && high === null) return null;
  const [a, b] = low !== null && high !== null && low > high ? [high, low] : [low, high];
  return {
    min: a,
    max: b,
    currency: (currency || "USD").trim().toUpperCase(),
    period: toSalaryPeriod(period),
  };
}
