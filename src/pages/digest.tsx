import type { ListingRow } from "../../db/schema";
import { formatDay, formatRemote, formatSalary, formatStacks, sourceName } from "../digest/format";
import { Page } from "./layout";

/** GET /digest/:token — the latest digest as a web page, with every match ("see all N matches"). */
export function DigestPage(props: {
  composedAt: Date;
  timezone: string;
  listings: ListingRow[];
  mailed: number;
  preferencesUrl: string;
  /** What happened since this digest and when the next is due (src/subscribers/digest-status.ts). */
  status?: string[];
}) {
  const inEmail = props.listings.length <= props.mailed ? "" : props.mailed === 1 ? ", the first of them was in the email" : `, the first ${props.mailed} of them were in the email`;
  return (
    <Page title="Your latest digest">
      <h1>Your latest digest</h1>
      {props.status?.length ? <p class="notice" role="status">{props.status.join(" ")}</p> : null}
      <p>
        Composed {formatDay(props.composedAt, props.timezone)}: {props.listings.length} matching listing{props.listings.length === 1 ? "" : "s"}
        {inEmail}.{" "}
        <a href={props.preferencesUrl}>Change your filters</a>
      </p>
      <ol class="listings">
        {props.listings.map((l) => (
          <li>
            <h2>
              <a href={l.url} rel="noopener">{l.title}</a>
              {l.status === "closed" ? <span class="hint"> (closed since)</span> : null}
            </h2>
            <p>
              {l.company} · {formatSalary(l.salary)}
              <br />
              {formatStacks(l.stacks)} · {formatRemote(l.remote)}
              <br />
              <span class="hint">
                Posted {formatDay(l.postedAt ?? l.firstSeenAt, props.timezone)} · via {sourceName(l.source)}
              </span>
            </p>
          </li>
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
