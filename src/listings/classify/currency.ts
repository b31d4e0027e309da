import type { SalaryPeriod } from "../../domain/facets";

/**
 * Static USD value of one unit of each currency (mid-market, rounded, mid-2025). Good enough to
 * compare salaries against a subscriber's minimum; update by hand when a rate drifts > ~10%.
 */
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 1.08,
  GBP: 1.27,
  CAD: 0.73,
  AUD: 0.66,
  NZD: 0.6,
  CHF: 1.12,
  SEK: 0.095,
  NOK: 0.093,
  DKK: 0.145,
  PLN: 0.25,
  CZK: 0.043,
  HUF: 0.0027,
  RON: 0.22,
  BGN: 0.55,
  UAH: 0.024,
  TRY: 0.03,
  ILS: 0.27,
  AED: 0.27,
  SAR: 0.27,
  INR: 0.012,
  PKR: 0.0036,
  BDT: 0.0085,
  LKR: 0.0033,
  JPY: 0.0067,
  CNY: 0.14,
  HKD: 0.128,
  TWD: 0.031,
  KRW: 0.00073,
  SGD: 0.74,
  MYR: 0.21,
  IDR: 0.000063,
  PHP: 0.018,
  VND: 0.00004,
  THB: 0.028,
  BRL: 0.18,
  MXN: 0.055,
  ARS: 0.0011,
  CLP: 0.0011,
  COP: 0.00025,
  PEN: 0.27,
  ZAR: 0.054,
  NGN: 0.00065,
  KES: 0.0077,
  EGP: 0.02,
};

// Standard full-time hours: 40 h × 52 weeks; 5 days × 52 weeks.
const PERIODS_PER_YEAR: Readonly<Record<SalaryPeriod, number>> = { year: 1, month: 12, week: 52, day: 260, hour: 2080 };

/** Converts an amount in a currency and period to USD per year, or null for an unknown currency. */
export function toUsdPerYear(amount: number | null, currency: string, period: SalaryPeriod): number | null {
  const rate = USD_PER_UNIT[currency.toUpperCase()];
  if (amount === null || rate === undefined) return null;
  return Math.round(amount * rate * PERIODS_PER_YEAR[period]);
}

/** Currency symbols and names as listings write them → ISO 4217. "$" alone means USD. */
export const CURRENCY_TOKENS: ReadonlyArray<[RegExp, string]> = [
  [/^(us\$|usd|\$us)$/i, "USD"],
  [/^(c\$|ca\$|cad)$/i, "CAD"],
  [/^(a\$|au\$|aud)$/i, "AUD"],
  [/^(nz\$|nzd)$/i, "NZD"],
  [/^(r\$|brl)$/i, "BRL"],
  [/^(mx\$|mxn)$/i, "MXN"],
  [/^(s\$|sgd)$/i, "SGD"],
  [/^(hk\$|hkd)$/i, "HKD"],
  [/^\$$/, "USD"],
  [/^(€|eur|euros?)$/i, "EUR"],
  [/^(£|gbp)$/i, "GBP"],
  [/^(₹|inr|rs\.?)$/i, "INR"],
  [/^(¥|jpy)$/i, "JPY"],
  [/^(zł|pln)$/i, "PLN"],
  [/^chf$/i, "CHF"],
  [/^sek$/i, "SEK"],
  [/^nok$/i, "NOK"],
  [/^dkk$/i, "DKK"],
  [/^czk$/i, "CZK"],
  [/^(₪|ils)$/i, "ILS"],
  [/^(aed)$/i, "AED"],
  [/^(zar)$/i, "ZAR"],
  [/^(ron)$/i, "RON"],
  [/^(huf)$/i, "HUF"],
  [/^(try|₺)$/i, "TRY"],
];

/** ISO code for a currency token, or null. */
export function currencyOf(token: string): string | null {
  for (const [pattern, code] of CURRENCY_TOKENS) if (pattern.test(token.trim())) return code;
  return null;
}
