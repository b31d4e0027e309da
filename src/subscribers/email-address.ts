import { z } from "zod";
import { decodePunycode } from "./punycode";

/**
 * A subscriber's address as typed on a form, in an import or on the command line: normalised
 * (trimmed, lower-cased, the domain in its ASCII form) and checked against what mail servers and the
 * provider accept. The lower-cased form is the subscriber's identity.
 */
const EmailSchema = z
  .string({ message: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .toLowerCase()
  .transform(asciiDomain)
  .pipe(
    z
      .email({ message: "Enter a valid email address, like name@example.com." })
      .refine(hasValidIdnLabels, "Enter a valid email address, like name@example.com.")
      .refine(withinSmtpLimits, "Enter a valid email address, like name@example.com."),
  );

/**
 * SMTP (RFC 5321) takes at most 64 characters before the @ and 63 in each label of the domain, and
 * a host name's label ends with a letter or digit (RFC 1035; the pattern refuses a leading hyphen
 * only). The address pattern checks neither, so such an address was stored and handed to the
 * provider, which refuses it: `typo@example-.com` among 10 imported addresses failed the whole
 * confirmation batch, and nobody of the 10 got one.
 */
function withinSmtpLimits(address: string): boolean {
  const at = address.lastIndexOf("@");
  return (
    at <= 64 &&
    address
      .slice(at + 1)
      .split(".")
      .every((label) => label.length <= 63 && !label.endsWith("-"))
  );
}

/**
 * Every "xn--" label of the domain is the ASCII form of a real internationalised name: "xn--" with
 * nothing after it, or after it text that is not Punycode or decodes to something IDNA would never
 * encode that way ("xn--abc-" for plain "abc"), names no domain. The address pattern alone let
 * "a@xn--.com" be stored and mailed; the provider would bounce it.
 */
function hasValidIdnLabels(address: string): boolean {
  const domain = address.slice(address.lastIndexOf("@") + 1);
  return domain.split(".").every((label) => !label.startsWith("xn--") || isCanonicalIdnLabel(label));
}

// Decodes the label and encodes it again with the URL parser (IDNA mapping included): a real one comes back as it was.
function isCanonicalIdnLabel(label: string): boolean {
  const unicode = decodePunycode(label.slice("xn--".length));
  if (!unicode || /^[\x00-\x7f]*$/.test(unicode)) return false;
  try {
    return new URL(`http://${unicode}`).hostname === label;
  } catch {
    return false;
  }
}

/**
 * "ana@bücher.de" becomes "ana@xn--bcher-kva.de", the form mail servers and the provider take (the
 * WHATWG URL parser does the IDNA mapping, on Node and Workers alike). A non-ASCII name before the
 * @ needs SMTPUTF8, which not every server speaks, so it is left to fail validation.
 */
function asciiDomain(address: string): string {
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1);
  // Only letters, digits, marks, dots and hyphens go to the URL parser: it would quietly drop a "/x" or ":1".
  if (at < 1 || /^[\x20-\x7e]*$/.test(domain) || !/^[\p{L}\p{N}\p{M}.-]+$/u.test(domain)) return address;
  try {
    return `${address.slice(0, at)}@${new URL(`http://${domain}`).hostname}`;
  } catch {
    return address;
  }
}

/** Normalises and validates an address; the lower-cased form is the identity. */
export function parseEmail(input: unknown): { ok: true; value: string } | { ok: false; error: string } {
  const parsed = EmailSchema.safeParse(Array.isArray(input) ? input[0] : input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]!.message };
}
