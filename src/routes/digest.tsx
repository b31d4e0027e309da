import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { toCandidate } from "../digest/candidate";
import { latestDigest } from "../digest/latest";
import { localTime } from "../digest/local-time";
import { matchListing, matchProfile } from "../digest/match";
import { DigestPage } from "../pages/digest";
import { MessagePage } from "../pages/message";
import { requireToken } from "../security/require-token";
import { digestStatus } from "../subscribers/digest-status";
import { subscriberLinks } from "../subscribers/links";
import { findSubscriber } from "../subscribers/store";

/**
 * GET /digest/:token: the latest digest as a web page (read only; a manage link opens it), and
 * what actually happened since: empty weeks named, the next digest dated by the scheduler's rule.
 */
export const digestRoutes = new Hono<AppEnv>().get("/digest/:token", async (c) => {
  const { deps } = c.var;
  const id = await requireToken(deps, "manage", c.req.param("token"));
  const found = await findSubscriber(deps.db, { id });
  if (!found)
    throw new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");
  const links = await subscriberLinks(deps, id);
  const [latest, status] = await Promise.all([
    latestDigest(deps.db, id),
    digestStatus(deps.db, found.subscriber, found.preferences, deps.clock.now()),
  ]);
  if (!latest) {
    return c.html(
      <MessagePage title="No digest yet">
        {status.lately ? <p role="status">{status.lately}</p> : null}
        <p>Your first digest arrives {status.first}.</p>
        <p>
          <a href={links.preferences}>Change your filters</a>
        </p>
      </MessagePage>,
    );
  }
  const composedAt = latest.delivery.composedAt ?? latest.delivery.createdAt;
  // The same "why it matched" words as the email, against today's filters (a listing they no longer match shows none).
  const profile = matchProfile(found.preferences, localTime(composedAt, found.preferences.timezone).offsetMinutes);
  const why = latest.listings.map((row) => matchListing(toCandidate(row), profile)?.reasons.join(" · ") ?? null);
  return c.html(
    <DigestPage
      composedAt={composedAt}
      why={why}
      timezone={found.preferences.timezone}
      listings={latest.listings}
      // Rows from before listing ids were stored name only their fingerprints, one per listing mailed.
      mailed={latest.delivery.listingIds?.length ?? latest.delivery.fingerprints?.length ?? 0}
      preferencesUrl={links.preferences}
      status={[status.lately, status.next].filter((s): s is string => s !== null)}
    />,
  );
});
