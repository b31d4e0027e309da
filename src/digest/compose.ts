import { createElement } from "react";
import type { ListingRow } from "../../db/schema";
import WeeklyDigest, { type WeeklyDigestProps } from "../../emails/weekly-digest";
import type { Config } from "../config";
import { listUnsubscribeHeaders, sanitizeHeaderValue } from "../mail/headers";
import type { OutgoingEmail } from "../mail/mailer";
import { renderEmail } from "../mail/render";
import { describePreferences } from "../subscribers/describe";
import type { SubscriberLinks } from "../subscribers/links";
import type { Preferences } from "../subscribers/preferences";
import { digestHeading, digestPreview, formatDay, formatRemote, formatSalary, formatStacks, sourceName } from "./format";

export interface DigestContent {
  email: string;
  prefs: Preferences;
  links: SubscriberLinks;
  /** The listings to mail, in order, each with its "why it matched" line. */
  items: { row: ListingRow; why: string }[];
  totalMatches: number;
}

/** The template's props for one digest: a pure function of the ledger's content. */
export function digestProps(content: DigestContent): WeeklyDigestProps {
  const rows = content.items.map((i) => i.row);
  const { links, prefs } = content;
  return {
    heading: digestHeading(rows, prefs.stacks),
    previewText: digestPreview(rows),
    listings: content.items.map(({ row, why }) => ({
      title: row.title,
      company: row.company,
      url: row.url,
      salary: formatSalary(row.salary),
      stack: formatStacks(row.stacks),
      remote: formatRemote(row.remote),
      posted: formatDay(row.postedAt ?? row.firstSeenAt, prefs.timezone),
      source: sourceName(row.source),
      why,
    })),
    totalMatches: content.totalMatches,
    seeAllUrl: links.digest,
    filters: describePreferences(prefs).map((line) => ({ label: line.label, value: line.value, changeUrl: `${links.preferences}#field-${line.field}` })),
    preferencesUrl: links.preferences,
    pauseUrl: `${links.preferences}#pause`,
    unsubscribeUrl: links.unsubscribe,
    attributions: rows.some((r) => r.source === "remoteok") ? [{ text: "Some jobs via Remote OK:", href: "https://remoteok.com" }] : [],
  };
}

/** Renders the complete message for one digest, with the RFC 8058 headers. */
export async function composeDigestEmail(config: Pick<Config, "mailFrom" | "publicUrl">, content: DigestContent): Promise<OutgoingEmail> {
  const props = digestProps(content);
  const body = await renderEmail(createElement(WeeklyDigest, props));
  return {
    to: content.email,
    from: config.mailFrom,
    subject: sanitizeHeaderValue(props.heading),
    ...body,
    headers: listUnsubscribeHeaders(config.publicUrl, content.links.tokens.unsubscribe),
    tags: [{ name: "kind", value: "digest" }],
  };
}
