import type { ListingRow } from "../../db/schema";
import { listingCard } from "../digest/compose";
import { formatDay } from "../digest/format";
import { Page } from "./layout";

export interface DigestPageProps {
  composedAt: Date;
  timezone: string;
  listings: ListingRow[];
  /** Per listing (same order): why it matches the subscriber's filters, or null when it no longer does. */
  why: (string | null)[];
  mailed: number;
  preferencesUrl: string;
  /** What happened since this digest and when the next is due (src/subscribers/digest-status.ts). */
  status?: string[];
}

/**
 * GET /digest/:token — the latest digest as a web page, with every match ("see all N matches"):
 * the same cards as the email (listingCard's text, the why line, Apply).
 */
export function DigestPage(props: DigestPageProps) {
  const inEmail =
    props.listings.length <= props.mailed
      ? ""
      : props.mailed === 1
        ? ", the first of them was in the email"
        : `, the first ${props.mailed} of them were in the email`;
  return (
    <Page title="Your latest digest">
      <h1>Your latest digest</h1>
      {props.status?.length ? (
        <p class="notice" role="status">
          {props.status.join(" ")}
        </p>
      ) : null}
      <p>
        Composed {formatDay(props.composedAt, props.timezone)}: {props.listings.length} matching listing
        {props.listings.length === 1 ? "" : "s"}
        {inEmail}. <a href={props.preferencesUrl}>Change your filters</a>
      </p>
      <ol class="listings">
        {props.listings.map((row, i) => (
          <DigestCard row={row} why={props.why[i] ?? null} timezone={props.timezone} />
        ))}
      </ol>
      {props.listings.some((l) => l.source === "remoteok") ? (
        <p class="hint">
          Some jobs via <a href="https://remoteok.com">Remote OK</a>.
        </p>
      ) : null}
    </Page>
  );
}

function DigestCard({ row, why, timezone }: { row: ListingRow; why: string | null; timezone: string }) {
  const card = listingCard(row);
  return (
    <li>
      <h2>
        <a href={card.url} rel="noopener">
          {card.title}
        </a>
        {row.status === "closed" ? <span class="hint"> (closed since)</span> : null}
      </h2>
      <p>
        {card.company} · {card.salary}
        <br />
        {card.stack} · {card.remote}
      </p>
      <p class="posted">
        Posted {formatDay(row.postedAt ?? row.firstSeenAt, timezone)} · via {card.source}
      </p>
      {why ? (
        <p class="why">
          <strong>Why it matched:</strong> {why}
        </p>
      ) : null}
      {row.status === "closed" ? null : (
        <a class="button" href={card.url} rel="noopener">
          Apply →<span class="visually-hidden">{` ${card.title} at ${card.company}`}</span>
        </a>
      )}
    </li>
  );
}
