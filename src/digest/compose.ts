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
  formatDay,
  formatRemote,
  formatSalary,
  formatStacks,
  sourceName,
} from "./format";
import { createDigestRenderer, type DigestRenderer } from "./render/digest-body";
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
    heading: digestHeading(rows, prefs.stacks),
    previewText: digestPreview(rows),
    listings: items.map(({ row, why }) => {
      const card = cardText(composer, row);
      return {
        title: row.title,
        company: row.company,
        url: row.url,
        salary: card.salary,
        stack: card.stack,
        remote: card.remote,
        posted: postedDay(composer, row.postedAt ?? row.firstSeenAt, prefs.timezone),
        source: card.source,
        why,
      };
    }),
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
 * What composes a run's digests: the fast renderer, and the card text and day formatters every
 * digest of the run shares. Built once per run (createDigestComposer) and passed in: no module
 * state, so nothing outlives the run (on Workers, a module outlives its request).
 */
export interface DigestComposer {
  renderer: DigestRenderer;
  /** A listing's card text is the same in every digest that shows it (a run shows each new listing to thousands). */
  cards: WeakMap<ListingRow, CardText>;
  /** Per timezone, a formatter made with formatDay's exact options, and its answers by instant. */
  days: Map<string, { format: (at: Date) => string; days: Map<number, string> }>;
}

type CardText = { salary: string; stack: string; remote: string; source: string };

export function createDigestComposer(): DigestComposer {
  return { renderer: createDigestRenderer(), cards: new WeakMap(), days: new Map() };
}

/**
 * Renders the complete message for one digest, with the RFC 8058 headers. The body is exactly
 * what React Email's render() gives for these props (see render/digest-body.ts), only faster.
 */
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

/** A listing's card as the email shows it (the see-all page uses the same), outside a run. */
export function listingCard(row: ListingRow): ListingCard {
  const card = formatCard(row);
  return {
    title: row.title,
    company: row.company,
    url: row.url,
    salary: card.salary,
    stack: card.stack,
    remote: card.remote,
    source: card.source,
  };
}

const formatCard = (row: ListingRow): CardText => ({
  salary: formatSalary(row.salary),
  stack: formatStacks(row.stacks),
  remote: formatRemote(row.remote),
  source: sourceName(row.source),
});

// Rows are fresh objects per pool load, so a listing changed by an ingest (the run reloads its
// pool) is formatted anew.
function cardText(composer: DigestComposer, row: ListingRow): CardText {
  let card = composer.cards.get(row);
  if (!card) composer.cards.set(row, (card = formatCard(row)));
  return card;
}

// formatDay builds an Intl.DateTimeFormat per call, and a weekly run asks the same (listing,
// timezone) pairs over and over: a formatter per timezone, and each answer (a pure function of
// instant and timezone).
function postedDay(composer: DigestComposer, at: Date, timeZone: string): string {
  let zone = composer.days.get(timeZone);
  if (!zone) {
    const intl = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone });
    // Should formatDay ever change, its answer wins: checked once per timezone.
    const format =
      intl.format(at) === formatDay(at, timeZone) ? (d: Date) => intl.format(d) : (d: Date) => formatDay(d, timeZone);
    composer.days.set(timeZone, (zone = { format, days: new Map() }));
  }
  const ms = at.getTime();
  let day = zone.days.get(ms);
  if (day === undefined) {
    if (zone.days.size >= 20_000) zone.days.clear();
    day = zone.format(at);
    zone.days.set(ms, day);
  }
  return day;
}
