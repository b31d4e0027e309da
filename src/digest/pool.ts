import { mentions, type Candidate } from "./candidate";
import { remoteAllowed, type MatchProfile } from "./match";

/**
 * A keyword gets a bit set (a pass over every listing's text, ~5 ms for 5,000) once this many
 * subscribers' filters have named it: by then looking it up listing by listing has cost as much.
 */
const KEYWORD_SET_AFTER = 20;

/**
 * The run's open, mailable listings, indexed once so each subscriber only looks at listings that
 * can match. Positions are newest first (then by id), so "new since the previous digest" is a
 * prefix found by binary search. Every facet value has a bit set over the positions, and so has
 * each (country, UTC offset) for the remote rule, made the first time a subscriber needs it, and
 * each keyword that enough subscribers filter on: a subscriber's filters become a few ANDs over
 * ~50 words, and only the listings that survive them are checked one by one (matchStrength,
 * which has the final word on everything the sets did not already settle).
 */
export class CandidatePool {
  /** Newest first. */
  private readonly all: Candidate[];
  private readonly words: number;
  /** Per facet, one bit set per value, indexed like the facet's bit mask (see candidate.ts). */
  private readonly stackSets: Uint32Array[];
  private readonly focusSets: Uint32Array[];
  private readonly senioritySets: Uint32Array[];
  /** Listings that state no seniority: a seniority filter lets them through (match.ts). */
  private readonly seniorityUnstated: Uint32Array;
  private readonly employerSets: Uint32Array[];
  /** Listings whose employer type nobody states: kept for subscribers who include those (match.ts). */
  private readonly employerUnstated: Uint32Array;
  /** Per `${country}|${offsetMinutes}`, the listings someone there can apply to. */
  private readonly remoteSets = new Map<string, Uint32Array>();
  private readonly positionOfFingerprint = new Map<string, number>();
  /** Per keyword, the listings whose text mentions it (see KEYWORD_SET_AFTER), and how often each was asked for. */
  private readonly keywordSets = new Map<string, Uint32Array>();
  private readonly keywordUses = new Map<string, number>();
  /** Scratch: the subscriber's surviving bits, then their positions. */
  private readonly bits: Uint32Array;
  private readonly positions: Int32Array;

  /** @param signature what the pool was built from (see poolSignature in load.ts) */
  constructor(
    candidates: Candidate[],
    readonly signature = "",
  ) {
    this.all = [...candidates].sort((a, b) => b.firstSeenMs - a.firstSeenMs || (a.row.id < b.row.id ? -1 : 1));
    this.words = (this.all.length + 31) >>> 5;
    const sets = () => Array.from({ length: 32 }, () => new Uint32Array(this.words));
    this.stackSets = sets();
    this.focusSets = sets();
    this.senioritySets = sets();
    this.employerSets = sets();
    this.seniorityUnstated = new Uint32Array(this.words);
    this.employerUnstated = new Uint32Array(this.words);
    this.all.forEach((c, i) => {
      setBits(this.stackSets, c.stackBits, i);
      setBits(this.focusSets, c.focusBits, i);
      if (c.employerBit) setBits(this.employerSets, c.employerBit, i);
      else this.employerUnstated[i >>> 5]! |= 1 << (i & 31);
      // A listing open to several levels is in the set of each of them.
      if (c.seniorityBits) setBits(this.senioritySets, c.seniorityBits, i);
      else this.seniorityUnstated[i >>> 5]! |= 1 << (i & 31);
      // Listings have one row per fingerprint, so each fingerprint has one position.
      this.positionOfFingerprint.set(c.row.fingerprint, i);
    });
    this.bits = new Uint32Array(this.words);
    this.positions = new Int32Array(this.all.length);
  }

  get size(): number {
    return this.all.length;
  }

  /** The candidate at a position (positions are newest first, then by id). */
  at(position: number): Candidate {
    return this.all[position]!;
  }

  /**
   * Positions, ascending (so newest first), of the listings first seen after `sinceMs`, not among
   * `mailed` fingerprints, that pass the subscriber's stack, focus, seniority, employer and remote
   * filters. Every one of those rules is matchStrength's own, so nothing it would accept is left
   * out; the caller still runs matchStrength on each (salary, keywords, companies, the score).
   * The array is the pool's scratch space: read it before the next call.
   */
  candidatePositions(profile: MatchProfile, sinceMs: number, mailed: ReadonlySet<string>): Int32Array {
    const newer = countNewerThan(this.all, sinceMs);
    const words = (newer + 31) >>> 5;
    const bits = this.bits;
    bits.fill(0xffffffff, 0, words);
    if (newer & 31) bits[words - 1] = (1 << (newer & 31)) - 1;
    if (profile.stackBits) keepAny(bits, words, this.stackSets, profile.stackBits);
    if (profile.focusBits) keepAny(bits, words, this.focusSets, profile.focusBits);
    if (profile.seniorityBits) keepAny(bits, words, this.senioritySets, profile.seniorityBits, this.seniorityUnstated);
    if (profile.employerBits)
      keepAny(
        bits,
        words,
        this.employerSets,
        profile.employerBits,
        profile.prefs.includeUnknownEmployer ? this.employerUnstated : undefined,
      );
    const remote = this.remoteSet(profile.prefs.country, profile.offsetMinutes);
    for (let w = 0; w < words; w++) bits[w]! &= remote[w]!;
    this.applyKeywords(bits, words, profile.prefs.mustHaveKeywords, 0);
    this.applyKeywords(bits, words, profile.prefs.excludedKeywords, ~0);
    for (const fingerprint of mailed) {
      const p = this.positionOfFingerprint.get(fingerprint);
      if (p !== undefined && p < newer) bits[p >>> 5]! &= ~(1 << (p & 31));
    }
    let n = 0;
    for (let w = 0; w < words; w++) {
      for (let x = bits[w]!; x !== 0; x &= x - 1) this.positions[n++] = (w << 5) | (31 - Math.clz32(x & -x));
    }
    return this.positions.subarray(0, n);
  }

  /**
   * Whether candidatePositions applied every one of these keyword filters (must mention, leave
   * out), so that matchStrength need not look for them again: true once each keyword has a set.
   */
  appliesKeywords(prefs: MatchProfile["prefs"]): boolean {
    for (const keyword of [...prefs.mustHaveKeywords, ...prefs.excludedKeywords])
      if (!this.keywordSets.has(keyword)) return false;
    return true;
  }

  /** Keeps the listings that mention each keyword (`flip` 0) or none of them (`flip` ~0), for the keywords that have a set. */
  private applyKeywords(bits: Uint32Array, words: number, keywords: readonly string[], flip: number): void {
    for (const keyword of keywords) {
      const set = this.keywordSet(keyword);
      if (set) for (let w = 0; w < words; w++) bits[w]! &= set[w]! ^ flip;
    }
  }

  private keywordSet(keyword: string): Uint32Array | null {
    let set = this.keywordSets.get(keyword);
    if (set) return set;
    const uses = (this.keywordUses.get(keyword) ?? 0) + 1;
    this.keywordUses.set(keyword, uses);
    if (uses < KEYWORD_SET_AFTER) return null;
    set = this.setWhere((c) => mentions(c.searchText, keyword));
    this.keywordSets.set(keyword, set);
    return set;
  }

  private remoteSet(country: string | null, offsetMinutes: number): Uint32Array {
    const key = `${country === null ? "" : `=${country}`}|${offsetMinutes}`; // no country and "" kept apart
    let set = this.remoteSets.get(key);
    if (!set)
      this.remoteSets.set(key, (set = this.setWhere((c) => remoteAllowed(c.row.remote, country, offsetMinutes))));
    return set;
  }

  /** The positions of the listings that pass `test`, as a bit set. */
  private setWhere(test: (c: Candidate) => boolean): Uint32Array {
    const set = new Uint32Array(this.words);
    for (let i = 0; i < this.all.length; i++) if (test(this.all[i]!)) set[i >>> 5]! |= 1 << (i & 31);
    return set;
  }
}

/** Adds position `i` to the set of every value whose bit is in `mask`. */
function setBits(sets: Uint32Array[], mask: number, i: number) {
  for (let m = mask; m !== 0; m &= m - 1) sets[31 - Math.clz32(m & -m)]![i >>> 5]! |= 1 << (i & 31);
}

/** Keeps the bits set in at least one value's set (those of `mask`), or in `also`. */
function keepAny(bits: Uint32Array, words: number, sets: Uint32Array[], mask: number, also?: Uint32Array) {
  for (let w = 0; w < words; w++) {
    let any = also ? also[w]! : 0;
    for (let m = mask; m !== 0; m &= m - 1) any |= sets[31 - Math.clz32(m & -m)]![w]!;
    bits[w]! &= any;
  }
}

/** How many of a newest-first list have firstSeenMs > sinceMs (binary search). */
function countNewerThan(list: Candidate[], sinceMs: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.firstSeenMs > sinceMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
