import type { RemoteScope } from "../../domain/facets";

const COMPANY_SUFFIXES =
  /\b(inc|incorporated|llc|l\.l\.c|ltd|limited|gmbh|ag|sa|sas|sarl|bv|b\.v|nv|oy|ab|as|aps|plc|corp|corporation|co|company|pty|srl|spa|kk|pte|technologies|labs|hq)\b\.?/g;
const TITLE_SYNONYMS: ReadonlyArray<[RegExp, string]> = [
  [/\bsr\b\.?/g, "senior"],
  [/\bjr\b\.?/g, "junior"],
  [/\bsnr\b/g, "senior"],
  [/\beng\b/g, "engineer"],
  [/\bdev\b/g, "developer"],
  [/\bback ?end\b/g, "backend"],
  [/\bfront ?end\b/g, "frontend"],
  [/\bfull ?stack\b/g, "fullstack"],
  [/\bswe\b/g, "software engineer"],
  [/\bsre\b/g, "site reliability engineer"],
  [/\bgolang\b/g, "go"],
  [/\bengineers\b/g, "engineer"],
  [/\bdevelopers\b/g, "developer"],
];
// Noise that varies between a job's cross-posts and reposts: work mode, gender tags, places in brackets.
// Bracket groups are bounded (a title's aside is short): unbounded, every "(" of a hostile title
// with no ")" would rescan the rest of it.
const TITLE_NOISE =
  /\((?:[^()]{0,80}?\b(remote|hybrid|onsite|on-site|m\/w\/d|f\/m\/d|m\/f\/d|w\/m\/d|f\/m\/nb|all genders|contract|full[- ]time)\b[^()]{0,80})\)|\b(m\/w\/d|f\/m\/d|m\/f\/d|w\/m\/d)\b|[-–—,|:]\s*(remote|fully remote|100% remote|hybrid|anywhere)\b.*$|^remote\s*[-–:]\s*|\bremote\b/g;

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** Company name reduced to what identifies it: no legal suffix, accents, punctuation or case. */
export function normaliseCompany(company: string): string {
  return fold(company)
    .replace(/&/g, " and ")
    .replace(COMPANY_SUFFIXES, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Title reduced so "Sr. Backend Engineer (Remote)" and "Senior Back-end Engineer" compare equal. */
export function normaliseTitle(title: string): string {
  let text = fold(title)
    .replace(TITLE_NOISE, " ")
    .replace(/[-‐–—/]/g, " ")
    .replace(/[^a-z0-9#+. ]+/g, " ");
  for (const [pattern, replacement] of TITLE_SYNONYMS) text = text.replace(pattern, replacement);
  return text
    .replace(/\.(?!net)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

// FNV-1a over UTF-16 code units, twice with different seeds: 64 bits, pure JS, runs anywhere.
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * The identity of a job across sources and reposts: a hash of company, normalised title and
 * remote scope. Deterministic and synchronous; equal inputs after normalisation give equal output.
 */
export function fingerprint(company: string, title: string, scope: RemoteScope): string {
  const key = `${normaliseCompany(company)}|${normaliseTitle(title)}|${scope}`;
  return `${fnv1a(key, 0x811c9dc5)}${fnv1a(key, 0x01234567)}`;
}

const STATED_REMOTE_SCOPES: readonly RemoteScope[] = ["worldwide", "regions", "countries"];

/**
 * The fingerprints a job would have had if its post had said where from differently: a post that
 * does not say ("Remote") and one that does ("Remote - anywhere", "Remote (US)") of the same title at
 * the same company are one job (the employer's board and a job board's copy, or a repost that added
 * the place), but the fingerprint includes the remote scope. "Not stated" is compatible with any
 * stated scope; two stated scopes are two jobs, and an onsite job has no other form.
 */
export function sameJobFingerprints(company: string, title: string, scope: RemoteScope): string[] {
  if (scope === "onsite") return [];
  const others = scope === "unknown" ? STATED_REMOTE_SCOPES : (["unknown"] as const);
  return others.map((other) => fingerprint(company, title, other));
}
