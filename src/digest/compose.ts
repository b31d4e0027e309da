import type { ListingRow } from "../../db/schema";
import type { ListingCard } from "../../emails/_components/listing-card";
import type { WeeklyDigestProps } from "../../emails/weekly-digest";
import type { Config } from "../config";
import { listUnsubscribeHeaders, sanitizeHeaderValue } from "../mail/headers";
import type { OutgoingEmail } from "../mail/mailer";
import { describePreferences } from "../subscribers/describe";
import type { DigestLinks } from "../subscribers/links";
import type { Preferences } from "../subscribers/preferences";
import {
  digestHeading,
  digestPreview,
  dayFormat,
  formatRemote,
  formatSalary,
  formatStacks,
  sourceName,
} from "./format";
import { createDigestRenderer } from "./render/digest-body";
import { cardsThatFit, frameHtmlBytes } from "./render/size-budget";

export interface DigestContent {
  email: string;
  prefs: Preferences;
  links: DigestLinks;
  /** The listings to mail, in order, each with its "why it matched" line. */
  items: { row: ListingRow; why: string }[];
  totalMatches: number;
}

/**
 * The template's props for one digest: a pure function of the ledger's content. When the cards
 * would take the HTML past MAX_DIGEST_HTML_BYTES (Gmail clips at 102 KB, hiding the footer with
 * the unsubscribe link), the last cards are left out; "see all N matches" then links the rest.
 */
export function digestProps(composer: DigestComposer, content: DigestContent): WeeklyDigestProps {
  const props = propsFor(composer, content, content.items);
  const fit = cardsThatFit(frameHtmlBytes(props), props.listings);
  return fit < content.items.length ? propsFor(composer, content, content.items.slice(0, fit)) : props;
}

function propsFor(composer: DigestComposer, content: DigestContent, items: DigestContent["items"]): WeeklyDigestProps {
  const rows = items.map((i) => i.row);
  const { links, prefs } = content;
  return {
    heading: digestHeading(rows, prefs.stacks, content.totalMatches),
    previewText: digestPreview(rows),
    listings: items.map(({ row, why }) => ({
      ...listingCard(row),
      posted: postedDay(composer, row.postedAt ?? row.firstSeenAt, prefs.timezone),
      why,
    })),
    totalMatches: content.totalMatches,
    seeAllUrl: links.digest,
    filters: describePreferences(prefs).map((line) => ({ label: line.label, value: line.value })),
    preferencesUrl: links.preferences,
    pauseUrl: `${links.preferences}#pause`,
    unsubscribeUrl: links.unsubscribe,
    attributions: rows.some((r) => r.source === "remoteok")
      ? [{ text: "Some jobs via Remote OK:", href: "https://remoteok.com" }]
      : [],
  };
}

/**
 * What composes a run's digests, built once per run and passed in (no module state): the renderer
 * and a day formatter per timezone (making one costs more than filling a digest's cards).
 */
export function createDigestComposer() {
  return { renderer: createDigestRenderer(), days: new Map<string, Intl.DateTimeFormat>() };
}
export type DigestComposer = ReturnType<typeof createDigestComposer>;

/** The complete message for one digest, with the RFC 8058 headers; the body as render() gives it, only faster. */
export async function composeDigestEmail(
  composer: DigestComposer,
  config: Pick<Config, "mailFrom" | "publicUrl">,
  content: DigestContent,
): Promise<OutgoingEmail> {
  const props = digestProps(composer, content);
  const body = await composer.renderer.render(props);
  return {
    to: content.email,
    from: config.mailFrom,
    subject: sanitizeHeaderValue(props.heading),
    ...body,
    headers: listUnsubscribeHeaders(config.publicUrl, content.links.tokens.unsubscribe),
    tags: [{ name: "kind", value: "digest" }],
  };
}

/** A listing's card as the email shows it (the see-all page uses the same). */
export function listingCard(row: ListingRow): ListingCard {
  return {
    title: row.title,
    company: row.company,
    url: row.url,
    salary: formatSalary(row.salary),
    stack: formatStacks(row.stacks),
    remote: formatRemote(row.remote),
    source: sourceName(row.source),
  };
}

function postedDay({ days }: DigestComposer, at: Date, timeZone: string): string {
  if (!days.has(timeZone)) days.set(timeZone, dayFormat(timeZone));
  return days.get(timeZone)!.format(at);
}
