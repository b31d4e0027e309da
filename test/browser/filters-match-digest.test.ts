import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { isoWeekdayToday, useServiceAndBrowser } from "../support/browser";
import { givenListing } from "../support/listing-factory";
import { runCli, type RunningService } from "../support/service";

const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
let database: Database;
beforeAll(async () => {
  ({ service, browser } = ctx);
  database = await openDatabase(service.env.DATABASE_URL!);
});
afterAll(() => database?.client.close());

const TZ = "UTC";
const today = () => isoWeekdayToday(TZ);

interface OutboxMessage {
  to: string | string[];
  subject: string;
  html: string;
  text: string;
  tags?: { name: string; value: string }[];
}
const outbox = (to: string): OutboxMessage[] =>
  readdirSync(service.env.OUTBOX_DIR!)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(service.env.OUTBOX_DIR!, f), "utf8")) as OutboxMessage)
    .filter((m) => [m.to].flat().includes(to));

/** Subscribes through the form (due now: today, 00:00), then confirms from the mailed link. */
async function subscribe(page: Page, email: string, choose: (page: Page) => Promise<void>) {
  await page.goto(`${service.url}/`);
  await page.getByLabel("Email address").fill(email);
  await page.locator("#more-filters").evaluate((d) => ((d as HTMLDetailsElement).open = true)); // day, hour and more are under "More filters"
  await choose(page);
  await page.getByLabel("Listings per email, at most").fill("50");
  await page.getByLabel("Day").selectOption(today());
  await page.getByLabel("Hour (your timezone)").selectOption("0");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  // The form answers first and mails just after (issue 16.4): wait for the confirmation to land.
  const isConfirm = (m: OutboxMessage) => /Confirm your Backend Weekly subscription/.test(m.subject);
  await expect.poll(() => outbox(email).some(isConfirm)).toBe(true);
  const confirm = outbox(email).find(isConfirm)!;
  await page.goto(confirm.text.match(/http:\/\/127\.0\.0\.1:\d+\/confirm\/\S+/)![0]);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await page.getByRole("heading", { name: "You're subscribed" }).waitFor();
}

/** Each listing card of the subscriber's digest as the reader sees it: title, its stack line, why it matched. */
async function digestCards(email: string): Promise<{ title: string; text: string }[]> {
  const digest = outbox(email).find((m) => m.tags?.some((t) => t.name === "kind" && t.value === "digest"));
  expect(digest, `a digest for ${email}`).toBeDefined();
  const view = await browser.newPage();
  await view.setContent(digest!.html);
  const cards = await view.evaluate(() =>
    [...document.querySelectorAll("a")]
      .filter((a) => a.textContent?.includes("Apply"))
      .map((a) => {
        const card = a.closest("table")!;
        return { title: card.querySelector("a")!.textContent!.trim(), text: (card as HTMLElement).innerText };
      }),
  );
  await view.close();
  return cards;
}

it("'must mention go' brings the jobs the digest labels Go, and a mid-level reader gets a Mid / Senior role", async () => {
  // Beside the demo listings the service loaded: a Go job whose text only says Golang, a job that is
  // only "good", and a role open to two levels next to a senior-only one.
  const hourAgo = new Date(Date.now() - 3_600_000);
  await givenListing(
    database.db,
    {
      title: "Platform Engineer, Payments",
      company: "Gopher Pay",
      stacks: ["go"],
      description: "Build Golang services.",
    },
    hourAgo,
  );
  await givenListing(
    database.db,
    { title: "Good Backend Engineer", company: "Goodly", stacks: ["python"], description: "Good people, good pay." },
    hourAgo,
  );
  await givenListing(
    database.db,
    {
      title: "Software Engineer, Python - Mid / Senior",
      company: "Levels Inc",
      stacks: ["python"],
      seniority: "senior",
      seniorities: ["mid", "senior"],
    },
    hourAgo,
  );
  await givenListing(
    database.db,
    {
      title: "Senior Rust Engineer",
      company: "Senior Only",
      stacks: ["rust"],
      seniority: "senior",
      seniorities: ["senior"],
    },
    hourAgo,
  );

  const context = await browser.newContext({ timezoneId: TZ });
  const page = await context.newPage();
  await subscribe(page, "keyword@example.com", (p) => p.getByLabel("Must mention", { exact: true }).fill("go"));
  await subscribe(page, "stack@example.com", (p) => p.getByLabel("Go", { exact: true }).check());
  await subscribe(page, "mid@example.com", (p) => p.getByLabel("Mid-level", { exact: true }).check());
  await context.close();

  const summary = JSON.parse(runCli(service, ["digest", "run", "--json"]).trim().split("\n").at(-1)!);
  expect(summary).toMatchObject({ due: 3, sent: 3, failed: 0 });

  const byKeyword = await digestCards("keyword@example.com");
  const byStack = await digestCards("stack@example.com");
  const labelledGo = byStack.map((c) => c.title);
  expect(labelledGo).toContain("Platform Engineer, Payments");
  expect(labelledGo.length).toBeGreaterThan(1); // the demo's Go jobs too
  for (const card of byStack) expect(card.text).toMatch(/\bGo\b/);
  // Every job the digest labels Go reaches the reader who typed "go"; "good" is not "go".
  expect(byKeyword.map((c) => c.title)).toEqual(expect.arrayContaining(labelledGo));
  expect(byKeyword.map((c) => c.title)).not.toContain("Good Backend Engineer");

  const mid = await digestCards("mid@example.com");
  const role = mid.find((c) => c.title === "Software Engineer, Python - Mid / Senior");
  expect(role?.text).toContain("open to mid-level or senior");
  expect(mid.map((c) => c.title)).not.toContain("Senior Rust Engineer");
});
