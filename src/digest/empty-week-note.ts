import { createElement } from "react";
import EmptyWeeks from "../../emails/empty-weeks";
import type { Config } from "../config";
import type { LinkSigner } from "../security/tokens";
import { listUnsubscribeHeaders } from "../mail/headers";
import type { OutgoingEmail } from "../mail/mailer";
import { renderEmail } from "../mail/render";
import { digestLinks } from "../subscribers/links";
import { nextDigestAt, nextDigestWords } from "../subscribers/next-digest";
import type { Preferences } from "../subscribers/preferences";
import { localTime } from "./local-time";
import { nearestMisses } from "./nearest-misses";
import type { CandidatePool } from "./pool";

/** How far back the nearest misses are looked for: the two empty weeks. */
const MISSES_LOOKBACK_MS = 14 * 86_400_000;
const MAX_MISSES = 5;

/** The "two empty weeks" note: the nearest misses, when the next digest is due, the links. */
export async function composeEmptyWeekNote(
  deps: { config: Pick<Config, "publicUrl" | "tokenSecrets" | "mailFrom">; signer: LinkSigner },
  pool: CandidatePool,
  input: { subscriberId: string; email: string; prefs: Preferences; period: string; now: Date },
): Promise<OutgoingEmail> {
  const { prefs, now } = input;
  const offsetMinutes = localTime(now, prefs.timezone).offsetMinutes;
  const sinceMs = now.getTime() - MISSES_LOOKBACK_MS;
  const misses = nearestMisses(pool, { prefs, offsetMinutes, sinceMs, limit: MAX_MISSES });
  const { config } = deps;
  const links = await digestLinks(deps, input.subscriberId);
  const next = nextDigestAt(prefs, now, { weeksDone: new Set([input.period]) });
  const { html, text } = await renderEmail(
    createElement(EmptyWeeks, {
      misses: misses.map(({ row: { title, company, url }, excludedBy }) => ({ title, company, url, excludedBy })),
      nextDigest: nextDigestWords(next, prefs.timezone),
      preferencesUrl: links.preferences,
      notesOffUrl: `${links.preferences}#field-emptyWeekNotes`,
      unsubscribeUrl: links.unsubscribe,
    }),
  );
  return {
    to: input.email,
    from: config.mailFrom,
    subject: "Nothing matched your filters for two weeks",
    html,
    text,
    headers: listUnsubscribeHeaders(config.publicUrl, links.tokens.unsubscribe),
    tags: [{ name: "kind", value: "empty-weeks" }],
  };
}
