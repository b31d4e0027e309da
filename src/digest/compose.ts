import type { ListingRow } from "../../db/schema";
import type { ListingCard } from "../../emails/_components/listing-card";
import type { WeeklyDigestProps } from "../../emails/weekly-digest";
import type { Config } from "../config";
import { listUnsubscribeHeaders, sanitizeHeaderValue } from "../mail/headers";
import type { OutgoingEmail } from "../mail/mailer";
import { describePreferences } from "../subscribers/describe";
import type { DigestLinks } from "../subscribers/links";
import type { Preferences } from "../subscribers/preferences";
import { digestHeading, digestPreview, formatDay, formatRemote, formatSalary, formatStacks, sourceName } from "./format";
import { renderDigestBody } from "./render/digest-body";
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
export function digestProps(content: DigestContent): WeeklyDigestProps {
  const props = propsFor(content, content.items);
  const fit = cardsThatFit(frameHtmlBytes(props), props.listings);
  return fit < content.items.length ? propsFor(content, content.items.slice(0, fit)) : props;
}

function propsFor(content: DigestContent, items: DigestContent["items"]): WeeklyDigestProps {
  const rows = items.map((i) => i.row);
  const { links, prefs } = content;
  return {
    heading: digestHeading(rows, prefs.stacks),
    previewText: digestPreview(rows),
    listings: items.map(({ row, why }) => {
      const card = cardText(row);
      return {
        title: row.title,
        company: row.company,
        url: row.url,
        salary: card.salary,
        stack: card.stack,
        remote: card.remote,
        posted: postedDay(row.postedAt ?? row.firstSeenAt, prefs.timezone),
        source: card.source,
        why,
      };
    }),
    totalMatches: content.totalMatches,
    seeAllUrl: links.digest,
    filters: describePreferences(prefs).map((line) => ({ label: line.label, value: line.value, changeUrl: `${links.preferences}#field-${line.field}` })),
    preferencesUrl: links.preferences,
    pauseUrl: `${links.preferences}#pause`,
    unsubscribeUrl: links.unsubscribe,
    attributions: rows.some((r) => r.source === "remoteok") ? [{ text: "Some jobs via Remote OK:", href: "https://remoteok.com" }] : [],
  };
}

/**
 * Renders the complete message for one digest, with the RFC 8058 headers. The body is exactly
 * what React Email's render() gives for these props (see render/digest-body.ts), only faster.
 */
export async function composeDigestEmail(config: Pick<Config, "mailFrom" | "publicUrl">, content: DigestContent): Promise<OutgoingEmail> {
  return (await composeDigest(config, content)).email;
}

/**
 * What the ledger keeps of a digest it is about to send: everything but the rendered body, plus
 * the template props. The body is a pure function of the props (the same bytes on every call,
 * see render/digest-body.ts), so a retry rebuilds exactly what the first try carried from a
 * tenth of the bytes (a 20-listing digest is ~50 KB of HTML and text, its props ~8 KB).
 */
export interface StoredDigest {
  to: string;
  from: string;
  subject: string;
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  props: WeeklyDigestProps;
}

/** The message for one digest and the compact form the ledger keeps of it. */
export async function composeDigest(config: Pick<Config, "mailFrom" | "publicUrl">, content: DigestContent): Promise<{ email: OutgoingEmail; stored: StoredDigest }> {
  const stored = storedDigest(config, content);
  return { email: await emailFromStored(stored), stored };
}

/** The compact form alone: what the ledger keeps, from which emailFromStored renders the message. */
export function storedDigest(config: Pick<Config, "mailFrom" | "publicUrl">, content: DigestContent): StoredDigest {
  const props = digestProps(content);
  return {
    to: content.email,
    from: config.mailFrom,
    subject: sanitizeHeaderValue(props.heading),
    headers: listUnsubscribeHeaders(config.publicUrl, content.links.tokens.unsubscribe),
    tags: [{ name: "kind", value: "digest" }],
    props,
  };
}

/** Rebuilds the message a ledger payload describes (the same bytes as the first try). */
export async function emailFromStored(stored: StoredDigest): Promise<OutgoingEmail> {
  const body = await renderDigestBody(stored.props);
  return { to: stored.to, from: stored.from, subject: stored.subject, ...body, headers: stored.headers, tags: stored.tags };
}

/** What every digest shows of a listing, whoever gets it: its card without the day posted and the "why". */
export function listingCard(row: ListingRow): ListingCard {
  const card = cardText(row);
  return { title: row.title, company: row.company, url: row.url, salary: card.salary, stack: card.stack, remote: card.remote, source: card.source };
}

// A listing's card text is the same in every digest that shows it (a weekly run shows each new
// listing to thousands): formatted once per row object. Rows are fresh objects per load, so a
// listing changed by an ingest (the run reloads its pool) is formatted anew.
const cards = new WeakMap<ListingRow, { salary: string; stack: string; remote: string; source: string }>();
function cardText(row: ListingRow) {
  let card = cards.get(row);
  if (!card) cards.set(row, (card = { salary: formatSalary(row.salary), stack: formatStacks(row.stacks), remote: formatRemote(row.remote), source: sourceName(row.source) }));
  return card;
}

// formatDay builds an Intl.DateTimeFormat per call, and a weekly run asks the same (listing,
// timezone) pairs over and over: keep a formatter per timezone, made with formatDay's exact
// options, and each answer (a pure function of instant and timezone).
const dayFormats = new Map<string, { format: (at: Date) => string; days: Map<number, string> }>();
function postedDay(at: Date, timeZone: string): string {
  let zone = dayFormats.get(timeZone);
  if (!zone) {
    const intl = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone });
    // Should formatDay ever change, its answer wins: checked once per timezone.
    const format = intl.format(at) === formatDay(at, timeZone) ? (d: Date) => intl.format(d) : (d: Date) => formatDay(d, timeZone);
    dayFormats.set(timeZone, (zone = { format, days: new Map() }));
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
