import spellChecker from "@zootools/email-spell-checker";

const POPULAR = new Set(spellChecker.POPULAR_DOMAINS);

/**
 * A likely intended address for a mistyped common domain ("carol@gmial.con" → "carol@gmail.com"),
 * or null. The library's default reach fixes one slip ("hotmial.com"); when that only mends the
 * ending of an unknown domain ("gmial.co"), one wider try is kept only if it lands on a popular
 * mail domain, so "yaho.com" stays "yahoo.com" rather than drifting to "zoho.com".
 */
export function suggestAddress(email: string): string | null {
  const near = spellChecker.run({ email });
  if (near && POPULAR.has(near.domain)) return near.full;
  const wider = spellChecker.run({ email, domainThreshold: 3 });
  if (wider && POPULAR.has(wider.domain)) return wider.full;
  return near?.full ?? null;
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
