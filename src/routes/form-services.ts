import type { Db } from "../../db/client";
import { FormStatics } from "../pages/form-statics";
import { matchCountText } from "../pages/preference-fields";
import {
  countMatches,
  explainEmpty,
  MatchPool,
  newPoolCache,
  type EmptyReason,
  type PoolCache,
} from "../subscribers/match-count";
import type { FormInput, Preferences } from "../subscribers/preferences";

/**
 * What the subscribe and preference pages share across requests, built once in createApp and
 * passed to their routes (STYLE.md §24: per app, not per module): the prebuilt form parts and
 * the listings the live count runs over.
 */
export interface FormServices {
  statics: FormStatics;
  pool: MatchPool;
  /** How long pages (not the count endpoint) may reuse the pool without checking the listings changed. */
  pageMaxAgeMs: number;
}

/** What may outlive an app: an entry whose app lives for one request (the Worker) keeps these. */
export interface FormCaches {
  statics: FormStatics;
  pool: PoolCache;
}

export const newFormCaches = (): FormCaches => ({ statics: new FormStatics(), pool: newPoolCache() });

/**
 * In production pages reuse the pool for up to 2 s (one read fewer per request under load);
 * elsewhere (development, tests) every page sees a new listing at once.
 */
export function createFormServices(
  db: Db,
  opts: { isProduction: boolean },
  caches: FormCaches = newFormCaches(),
): FormServices {
  return {
    statics: caches.statics,
    pool: new MatchPool(db, caches.pool),
    pageMaxAgeMs: opts.isProduction ? 2_000 : 0,
  };
}

export interface CountResult {
  count: number;
  text: string;
  empty: EmptyReason | null;
}

/** The count a digest composed now would hold for these filters, and what empties it when zero. */
export async function countFor(forms: FormServices, prefs: Preferences, now: Date, maxAgeMs = 0): Promise<CountResult> {
  const pool = await forms.pool.current(maxAgeMs);
  const count = countMatches(pool, prefs, now);
  return { count, text: matchCountText(count), empty: count === 0 ? explainEmpty(pool, prefs, now) : null };
}

/** The fields a form posts that are not preferences, dropped before values are shown back. */
export function formValues(form: FormInput): FormInput {
  const {
    _csrf: _t,
    website: _h,
    action: _a,
    intent: _i,
    useEmail: _u,
    keepEmail: _k,
    typedEmail: _d,
    ...values
  } = form;
  return values;
}

export const lastValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) : v);
