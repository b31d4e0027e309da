import { currencyOf, toUsdPerYear } from "../listings/classify/currency";

export const MAX_SALARY_USD = 2_000_000;

export type SalaryInput = { ok: true; usd: number | null; note?: string } | { ok: false; error: string };

const SALARY_ERROR = 'Enter a yearly salary such as 120000, "120k", "120,000" or "€90k", up to $2,000,000.';

/**
 * A minimum salary as a person types it (issue 18.3): "120k", "120,000", "$120 000", "€90k",
 * "90k EUR", "1.2m". Returns US dollars a year (other currencies converted with the listings'
 * own rate table, so the floor compares like with like) and, when converted, a note saying so.
 * Linear: one bounded pattern over at most 40 characters.
 */
export function parseSalaryInput(raw: unknown): SalaryInput {
  const text = (Array.isArray(raw) ? raw.at(-1) : raw) ?? "";
  if (typeof text !== "string") return { ok: false, error: SALARY_ERROR };
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, usd: null };
  if (trimmed.length > 40) return { ok: false, error: SALARY_ERROR };
  // A minus before the first digit ("-100000", "$-5"), not a range ("90k-120k"): say what is wrong.
  if (/^[^\d]{0,6}[-−]\s?\d/.test(trimmed)) return { ok: false, error: `A salary can't be negative. ${SALARY_ERROR}` };
  const m = /^([^\d\s.,]{0,4})\s?(\d[\d\s.,']{0,14})\s?([km]?)\s?([^\d\s.,]{0,5})$/i.exec(
    trimmed.replace(/\s*\/\s*(year|yr|y|annum)$/i, ""),
  );
  if (!m) return { ok: false, error: SALARY_ERROR };
  const [, before = "", digits = "", multiplier = "", after = ""] = m;
  if (before && after) return { ok: false, error: SALARY_ERROR };
  const symbol = before || after;
  const currency = symbol ? currencyOf(symbol) : "USD";
  if (!currency) return { ok: false, error: `"${symbol}" is not a currency we can convert. ${SALARY_ERROR}` };
  const amount = readAmount(digits, multiplier.toLowerCase());
  if (amount === null) return { ok: false, error: SALARY_ERROR };
  // Nobody means a yearly floor of 120: ask rather than save a filter that lets every listing through.
  if (amount > 0 && amount < 1_000 && !multiplier) {
    return { ok: false, error: `${trimmed} a year is very low: did you mean ${digits.trim()}k? ${SALARY_ERROR}` };
  }
  const usd = toUsdPerYear(amount, currency, "year");
  if (usd === null || usd > MAX_SALARY_USD) return { ok: false, error: SALARY_ERROR };
  const usdValue = currency === "USD" ? amount : Math.round(usd / 100) * 100; // a converted figure is approximate
  const shown = `$${usdValue.toLocaleString("en-US")} a year`;
  if (currency !== "USD") return { ok: true, usd: usdValue, note: `${trimmed} is about ${shown}.` };
  return trimmed === String(usdValue)
    ? { ok: true, usd: usdValue }
    : { ok: true, usd: usdValue, note: `${trimmed} read as ${shown}.` };
}

/**
 * "120,000" / "120.000" / "120 000" / "120'000" are thousands; "90.5k" and "1.2m" are decimals. A
 * separator followed by exactly three digits is a thousands separator unless a k/m follows.
 */
function readAmount(digits: string, multiplier: string): number | null {
  const compact = digits.replace(/[\s']/g, "");
  let value: number;
  if (multiplier) {
    if (!/^\d{1,7}([.,]\d{1,3})?$/.test(compact)) return null;
    value = Number(compact.replace(",", ".")) * (multiplier === "k" ? 1_000 : 1_000_000);
  } else {
    if (!/^\d{1,3}([.,]\d{3})*$|^\d{1,9}$/.test(compact)) return null;
    value = Number(compact.replace(/[.,]/g, ""));
  }
  return Number.isFinite(value) ? Math.round(value) : null;
}
