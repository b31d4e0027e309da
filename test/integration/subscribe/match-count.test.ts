import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { preferences, subscribers } from "../../../db/schema";
import { previewDigest } from "../../../src/digest/preview";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession, readPage } from "../../support/forms";
import { givenListing, inCountries, inRegions, onsite, usdYear, worldwide } from "../../support/listing-factory";

const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});
const DAY = 86_400_000;
const recent = () => new Date(deps.clock.now().getTime() - DAY);

beforeEach(async () => {
  await deps.database.client.execute("DELETE FROM listings");
  // Five open remote listings from yesterday, one on-site, one three weeks old.
  await givenListing(deps.db, { remote: worldwide(), stacks: ["go"], salary: usdYear(100_000, 130_000) }, recent());
  await givenListing(
    deps.db,
    { remote: inCountries("US"), stacks: ["go"], seniority: "senior", seniorities: ["senior"] },
    recent(),
  );
  await givenListing(deps.db, { remote: inCountries("DE", "AT"), stacks: ["python"] }, recent());
  await givenListing(
    deps.db,
    { remote: inRegions("europe"), stacks: ["python"], description: "We use Kafka." },
    recent(),
  );
  await givenListing(deps.db, { remote: inRegions("americas"), stacks: ["java"] }, recent());
  await givenListing(deps.db, { remote: onsite(), stacks: ["go"] }, recent());
  await givenListing(deps.db, { remote: worldwide(), stacks: ["go"] }, new Date(deps.clock.now().getTime() - 21 * DAY));
});

async function count(query: string): Promise<{ status: number; body: Record<string, any> }> {
  const res = await app.request(`/api/match-count?${query}`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("GET /api/match-count", () => {
  it("without a country counts every remote listing from the past 7 days; a country narrows it", async () => {
    expect((await count("")).body).toMatchObject({
      count: 5,
      days: 7,
      text: "5 listings from the past 7 days match these filters.",
      empty: null,
    });
    expect((await count("country=US")).body.count).toBe(3); // worldwide, US-only, Americas
    expect((await count("country=DE")).body.count).toBe(3); // worldwide, DE/AT, Europe
    expect((await count("country=JP")).body.count).toBe(1);
  });

  it("names the filter whose removal alone brings listings back, with that count", async () => {
    // In Germany: three listings; with Java none. Without "Stacks" the other filters keep one (the Kafka one),
    // not the three there were before Java was added.
    const { body } = await count("country=DE&stacks=java&mustHave=kafka");
    expect(body.count).toBe(0);
    expect(body.empty.field).toBe("stacks");
    expect(body.empty.message).toMatch(/^Nothing matches because of "Stacks": without it, 1 listing from/);
  });

  it("names the filter that empties the result, with the count just before it", async () => {
    const { body } = await count("country=US&stacks=rust");
    expect(body.count).toBe(0);
    expect(body.empty).toMatchObject({ field: "stacks" });
    expect(body.empty.message).toContain('Nothing matches because of "Stacks": without it, 3 listings');
  });

  it("reads salaries as people type them and says what it read", async () => {
    expect((await count("minSalaryUsd=120k&includeNoSalary=no")).body).toMatchObject({
      count: 1,
      salaryNote: "120k read as $120,000 a year.",
    });
    expect((await count("minSalaryUsd=%E2%82%AC90k")).body.salaryNote).toBe("€90k is about $97,200 a year.");
    const low = await count("minSalaryUsd=120");
    expect(low.status).toBe(400);
    expect(low.body.error.message).toContain("did you mean 120k?");
    const bad = await count("minSalaryUsd=lots");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"120k"');
  });

  it("refuses the same word in must-mention and leave-out, naming it", async () => {
    const { status, body } = await count("mustHave=go&excludeKeywords=go,php");
    expect(status).toBe(400);
    expect(body.error.message).toBe(
      '"go" is in both "Must mention" and "Leave out": no listing can match. Remove it from one of the two.',
    );
  });

  it("never needs an address, and is rate-limited per client", async () => {
    expect((await count("email=someone%40example.com")).body.count).toBe(5);
    await deps.database.client.execute("DELETE FROM rate_limits");
    let last = 200;
    for (let i = 0; i < 301 && last === 200; i++) last = (await count("stacks=go")).status;
    expect(last).toBe(429);
  });
});

describe("the count agrees with the digest", () => {
  it("a subscriber's first digest preview holds exactly the count the form showed for their filters", async () => {
    for (const [email, query, fields] of [
      ["nocountry@example.com", "", {}],
      ["us@example.com", "country=US", { country: "US" }],
      ["de-python@example.com", "country=DE&stacks=python", { country: "DE", stacks: "python" }],
    ] as const) {
      const shown = (await count(query)).body.count as number;
      const session = new FormSession(app);
      await session.get("/");
      const res = await session.post("/subscribe", { email, ...fields });
      expect(await res.text()).toContain(`${shown} listing`);
      // As if they clicked the confirmation link: a pending address gets no digest (preview says so).
      await deps.db.update(subscribers).set({ status: "confirmed" }).where(eq(subscribers.email, email));
      const preview = await previewDigest(deps, { email, now: deps.clock.now() });
      expect(preview.totalMatches, email).toBe(shown);
    }
  });
});

describe("the subscribe form", () => {
  async function post(fields: Record<string, string | string[]>) {
    const session = new FormSession(app);
    await session.get("/");
    return session.post("/subscribe", fields);
  }
  const stored = async (email: string) =>
    (
      await deps.db
        .select()
        .from(subscribers)
        .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
        .where(eq(subscribers.email, email))
    )[0];

  it("shows the count on first load and after the no-JavaScript count button, storing nothing", async () => {
    expect(await readPage(await app.request("/"))).toContain("5 listings from the past 7 days match these filters.");
    const res = await post({ email: "", intent: "count", country: "US" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("3 listings from the past 7 days match these filters.");
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);
  });

  it("stores a typed salary in dollars a year and refuses a contradiction with a message, keeping values", async () => {
    await post({ email: "sal@example.com", minSalaryUsd: "€90k" });
    expect((await stored("sal@example.com"))!.preferences.minSalaryUsd).toBe(97_200);
    const res = await post({ email: "both@example.com", mustHave: "go", excludeKeywords: "go", stacks: "rust" });
    expect(res.status).toBe(400);
    const html = await readPage(res);
    expect(html).toContain("is in both");
    expect(html).toMatch(/value="rust" checked/);
    expect(await stored("both@example.com")).toBeUndefined();
  });

  it("suggests a fix for a mistyped domain, keeping every filter; either answer then subscribes", async () => {
    const res = await post({ email: "carol@gmial.con", stacks: "go" });
    const html = await readPage(res);
    expect(html).toContain("Did you mean <strong>carol@gmail.com</strong>?");
    expect(html).toMatch(/value="go" checked/);
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);

    await post({ email: "carol@gmial.con", typedEmail: "carol@gmial.con", useEmail: "carol@gmail.com", stacks: "go" });
    expect((await stored("carol@gmail.com"))!.preferences.stacks).toEqual(["go"]);
    const kept = await post({ email: "dave@hotmial.com", keepEmail: "dave@hotmial.com" });
    expect(await kept.text()).toContain('<strong id="subscriber-email">dave@hotmial.com</strong>');
    expect(await stored("dave@hotmial.com")).toBeDefined();
  });

  it("the check-inbox page shows the address, any empty warning, and corrects the address keeping filters", async () => {
    const session = new FormSession(app);
    await session.get("/");
    const sent = await session.post("/subscribe", {
      email: "erin@example.com",
      stacks: ["rust", "kotlin"],
      country: "DE",
    });
    const html = await readPage(sent);
    expect(html).toContain('<strong id="subscriber-email">erin@example.com</strong>');
    expect(html).toContain('Nothing matches because of "Stacks"');
    expect(html).toMatch(/<input type="hidden" name="stacks" value="rust"\/>/);
    const hidden: Record<string, string[]> = {};
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"\/>/g)) {
      if (name !== "_csrf") (hidden[name!] ??= []).push(value!);
    }
    const fixed = await session.post("/subscribe", { ...hidden, email: "erin@example.org" });
    expect(await readPage(fixed)).toContain('<strong id="subscriber-email">erin@example.org</strong>');
    const [row] = await deps.db.select().from(subscribers).where(eq(subscribers.email, "erin@example.org"));
    const [prefs] = await deps.db.select().from(preferences).where(eq(preferences.subscriberId, row!.id));
    expect(prefs).toMatchObject({ stacks: ["rust", "kotlin"], country: "DE" });
  });

  it("keeps the form when too many attempts are made", async () => {
    await deps.database.client.execute("DELETE FROM rate_limits");
    const session = new FormSession(app);
    await session.get("/");
    let res: Response | undefined;
    for (let i = 0; i < 11; i++)
      res = await session.post("/subscribe", { email: `x${i}@example.com`, stacks: "go", country: "DE" });
    expect(res!.status).toBe(429);
    const html = await readPage(res!);
    expect(html).toContain("Too many sign-up attempts");
    expect(html).toContain('value="x10@example.com"');
    expect(html).toMatch(/value="go" checked/);
    expect(html).toMatch(/<option value="DE" selected/);
  });

  it("offers timezones under current names with offsets, and stores an old spelling as the current one", async () => {
    const html = await readPage(await app.request("/"));
    expect(html).toContain('<optgroup label="Europe">');
    expect(html).toContain('<option value="Europe/Kyiv">Kyiv (UTC+02:00)</option>');
    expect(html).toContain('<option value="Asia/Kolkata">Kolkata (UTC+05:30)</option>');
    expect(html).not.toContain('value="Europe/Kiev"');
    await post({ email: "kyiv@example.com", timezone: "Europe/Kiev" });
    expect((await stored("kyiv@example.com"))!.preferences.timezone).toBe("Europe/Kyiv");
  });

  it("offers only the employer types listings carry, and says so when none does", async () => {
    const none = await readPage(await app.request("/"));
    expect(none).toContain("no open listing says what kind of employer posted it");
    // The summary does not promise a filter the panel then says is not there.
    expect(none).toContain("More filters: focus, salary, keywords, day and time");
    await givenListing(deps.db, { remote: worldwide(), employerType: "startup" }, recent());
    const html = await readPage(await app.request("/"));
    expect(html).toContain("More filters: focus, salary, employers, keywords, day and time");
    expect(html).toContain('value="startup"');
    expect(html).not.toContain('value="enterprise"');
  });

  it("ties every hint and error to its field and marks the summary for focus", async () => {
    const html = await readPage(await post({ email: "nope", minSalaryUsd: "lots" }));
    expect(html).toMatch(/id="errors"[^>]*autofocus/);
    expect(html).toContain('aria-describedby="minSalaryUsd-hint minSalaryUsd-note minSalaryUsd-error"');
    expect(html).toContain('aria-describedby="email-error"');
    expect(html).toMatch(/<select id="country" name="country"[^>]*aria-describedby="country-hint"/);
  });
});
