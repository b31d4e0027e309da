import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listings } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import { subscriberLinks } from "../../../src/subscribers/links";
import type { AcceptedEmail } from "../../support/fake-resend";
import { givenListing, inRegions, remoteUnknown, usdYear } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, resetDigestState, type DigestDeps } from "./helpers";

const NOW = new Date("2026-03-23T07:00:00Z"); // Monday 08:00 in Berlin

/** What a reader sees of the HTML part: tags and React's comment markers gone, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<!--.*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
/** Both parts as a reader sees them, plus every link target of the HTML part. */
const parts = () => [visible(mail.html!), mail.text!];
let deps: DigestDeps;
let mail: AcceptedEmail;
let links: Awaited<ReturnType<typeof subscriberLinks>>;
let listingUrls: string[];

const LISTINGS = [
  {
    title: "Senior Go Engineer, Payments",
    company: "Acme Pay",
    url: "https://boards.greenhouse.io/acmepay/jobs/4012?gh_src=bw&t=1",
    salary: usdYear(170_000, 210_000),
    stacks: ["go"] as const,
    why: "Go · senior · pays up to $210k (your floor $150k) · remote worldwide",
  },
  {
    title: "Python Data Engineer",
    company: "Northwind",
    url: "https://jobs.lever.co/northwind/77",
    salary: null,
    stacks: ["python"] as const,
    why: "Python · level not stated · salary not stated · remote in Europe",
  },
];

beforeAll(async () => {
  deps = await createDigestDeps();
  await resetDigestState(deps);
  const reader = await givenSubscriber(deps.db, NOW, {
    email: "reader@example.com",
    prefs: {
      timezone: "Europe/Berlin",
      country: "DE",
      stacks: ["go", "python"],
      seniority: ["senior"],
      minSalaryUsd: 150_000,
      includeNoSalary: true,
      excludedCompanies: ["globex"],
    },
  });
  links = await subscriberLinks(deps, reader.id);
  await givenListing(
    deps.db,
    { ...LISTINGS[0], stacks: ["go"], seniority: "senior" },
    new Date("2026-03-21T09:00:00Z"),
  );
  await givenListing(
    deps.db,
    { ...LISTINGS[1], stacks: ["python"], remote: inRegions("europe") },
    new Date("2026-03-20T09:00:00Z"),
  );
  await givenListing(
    deps.db,
    {
      title: "Where From Unknown",
      company: "Initech",
      stacks: ["go"],
      seniority: "senior",
      remote: remoteUnknown(),
      salary: usdYear(160_000, null),
    },
    new Date("2026-03-19T09:00:00Z"),
  );
  listingUrls = (await deps.db.select({ url: listings.url }).from(listings)).map((l) => l.url);
  await runDigest(deps, { now: NOW });
  mail = digestMails(deps.fake)[0]!;
});
afterAll(() => deps.close());

describe("the weekly digest email", () => {
  it("is one message to the subscriber, from MAIL_FROM, with a subject counting the roles by stack", () => {
    expect(digestMails(deps.fake)).toHaveLength(1);
    expect(mail.to).toEqual(["reader@example.com"]);
    expect(mail.from).toBe("Backend Weekly <digest@example.com>");
    expect(mail.subject).toBe("3 new remote Go and Python roles");
  });

  it("carries every listing's title, company and own apply URL (no redirect) in both parts", () => {
    for (const l of LISTINGS) {
      for (const part of parts()) {
        expect(part).toContain(l.title);
        expect(part).toContain(l.company);
      }
      expect(mail.text).toContain(l.url);
      expect(mail.html).toContain(`href="${l.url.replaceAll("&", "&amp;")}"`);
    }
    // Every link leads either to this service or straight to a listing's own page (title and "Apply").
    const hrefs = [...mail.html!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
    const outside = hrefs.filter((h) => !h.startsWith("https://weekly.example.com/"));
    expect(outside.sort()).toEqual([...listingUrls, ...listingUrls].sort());
  });

  it("states the salary, or 'salary not stated', and where from one may apply", () => {
    for (const part of parts()) {
      expect(part).toContain("$170k–$210k/year");
      expect(part).toContain("salary not stated");
      expect(part).toContain("Remote, where from not stated");
      expect(part).toContain("Remote in Europe");
    }
  });

  it("says why each listing matched", () => {
    for (const part of parts()) {
      expect(part).toContain(`Why it matched: ${LISTINGS[0]!.why}`);
      expect(part).toContain(`Why it matched: ${LISTINGS[1]!.why}`);
      expect(part).toContain("remote (where from not stated)");
    }
  });

  it("restates the filters in the footer with one link to change them, pause, or unsubscribe", () => {
    for (const part of parts()) {
      expect(part).toContain("Go, Python");
      expect(part).toContain("at least $150,000/year, plus listings that don't state one");
      expect(part).toContain("Germany · Europe/Berlin");
      expect(part).toContain("company globex");
      expect(part).toContain("Monday at 08:00 (Europe/Berlin), up to 20 listings");
    }
    expect(mail.html).toContain(`<a href="${links.preferences}" style="color:#4338ca;display:inline-block;`);
    expect(mail.html).toMatch(/>Change your filters<\/a>/);
    expect(mail.html).toContain(`${links.preferences}#pause`);
    expect(mail.html).toContain(links.unsubscribe);
    // The text part names the preferences page once (issue 18.7), where the footer offers it.
    expect(mail.text!.split(links.preferences).length - 1).toBe(1);
    expect(mail.text).toContain(`Change preferences: ${links.preferences}`);
    expect(mail.text).toContain(`Unsubscribe: ${links.unsubscribe}`);
    expect(links.preferences).toMatch(/^https:\/\/weekly\.example\.com\/preferences\/[^/?#]+$/);
    expect(links.unsubscribe).toMatch(/^https:\/\/weekly\.example\.com\/unsubscribe\/[^/?#]+$/);
  });

  it("carries the RFC 8058 one-click unsubscribe headers with the signed URL", () => {
    expect(mail.headers["List-Unsubscribe"]).toBe(
      `<https://weekly.example.com/unsubscribe/${links.tokens.unsubscribe}>`,
    );
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });
});
