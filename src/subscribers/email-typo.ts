import spellChecker from "@zootools/email-spell-checker";

const POPULAR = new Set(spellChecker.POPULAR_DOMAINS);

/**
 * A likely intended address for a mistyped common domain ("carol@gmial.con" → "carol@gmail.com"),
 * or null. The library's default reach fixes one slip ("hotmial.com"); when that only mends the
 * ending of an unknown domain ("gmial.co"), one wider try is kept only if it lands on a popular
 * mail domain, so "yaho.com" stays "yahoo.com" rather than drifting to "zoho.com".
 */
export function suggestAddress(email: string): string | null {
  const typed = email.slice(email.lastIndexOf("@") + 1);
  const near = spellChecker.run({ email });
  if (near && POPULAR.has(near.domain) && looksMistyped(typed, near.domain)) return near.full;
  const wider = spellChecker.run({ email, domainThreshold: 3 });
  if (wider && POPULAR.has(wider.domain) && looksMistyped(typed, wider.domain)) return wider.full;
  return near && looksMistyped(typed, near.domain) ? near.full : null;
}

/**
 * A slip keeps most of the name: "gmial" for "gmail", "yaho" for "yahoo". A short domain of its
 * own ("163.com", "t.co") is as close to another short one ("msn.com", "qq.com") as any two
 * three-letter names are, so a suggestion must leave at least half of the typed name in place.
 */
function looksMistyped(typed: string, suggested: string): boolean {
  const name = (domain: string) => domain.split(".")[0] ?? "";
  const [a, b] = [name(typed), name(suggested)];
  return editDistance(a, b) * 2 < Math.max(a.length, b.length);
}

/** Levenshtein distance, one row at a time (domain names are short). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * The suggestion to offer, unless the person said the address is meant as typed: `keepEmail` is
 * the address itself (the form's "No, … is right" button, so a keep never carries over to another
 * address) or "yes" (the JSON API's `"keepEmail": true`).
 */
export function suggestUnlessKept(email: string, keepEmail: string | string[] | undefined): string | null {
  const keep = (Array.isArray(keepEmail) ? keepEmail.at(-1) : keepEmail)?.trim().toLowerCase();
  return keep === "yes" || keep === email ? null : suggestAddress(email);
}
