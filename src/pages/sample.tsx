import { formatRemote, formatSalary, formatStacks, sourceName } from "../digest/format";
import type { Match } from "../digest/match";
import { Page } from "./layout";

/** GET /sample — a digest as the default filters would get it this week, each listing with why it matched. */
export function SamplePage(props: { matches: Match[]; total: number }) {
  return (
    <Page title="A sample digest">
      <h1>A sample digest</h1>
      <p>
        This is what the default filters (every remote backend role) would get in an email composed now: the first{" "}
        {props.matches.length} of {props.total} listings from the past 7 days. Your filters narrow it.
      </p>
      <p>
        <a class="alone" href="/">
          Back to the subscribe form
        </a>
      </p>
      {props.matches.length === 0 ? (
        <p>No listings from the past 7 days yet: new ones arrive every few hours.</p>
      ) : null}
      <ol class="listings">
        {props.matches.map(({ candidate: { row }, reasons }) => (
          <li>
            <h2>
              <a href={row.url} rel="noopener">
                {row.title}
              </a>
            </h2>
            <p>
              {row.company} · {formatSalary(row.salary)}
              <br />
              {formatStacks(row.stacks)} · {formatRemote(row.remote)}
              <br />
              <span class="hint">
                Why: {reasons.join(" · ")} · via {sourceName(row.source)}
              </span>
            </p>
          </li>
        ))}
      </ol>
      {props.matches.some((m) => m.candidate.row.source === "remoteok") ? (
        <p class="hint">
          Some jobs via <a href="https://remoteok.com">Remote OK</a>.
        </p>
      ) : null}
    </Page>
  );
}
