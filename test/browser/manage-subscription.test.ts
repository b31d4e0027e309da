import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { useServiceAndBrowser } from "../support/browser";
import type { RunningService } from "../support/service";
import { nextDigestAt, nextSlotAt } from "../../src/subscribers/next-digest";

const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => {
  ({ service, browser } = ctx);
});

/** Subscribes and confirms through the pages and the outbox, then returns the welcome email's text part. */
async function subscribeAndConfirm(page: Page, email: string): Promise<string> {
  await page.goto(`${service.url}/`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Go", { exact: true }).check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  const confirmUrl = await linkFromOutbox(page, "Confirm your Backend Weekly subscription", "confirm", email);
  await page.goto(confirmUrl);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await page.getByRole("heading", { name: "You're subscribed" }).waitFor();
  await openFromOutbox(page, "Welcome to Backend Weekly", email);
  return page.locator("pre").innerText();
}

/**
 * Opens the newest outbox message with this subject, reloading until it is there: the subscribe
 * form answers first and mails just after (so every address gets the same answer, issue 16.4).
 */
async function openFromOutbox(page: Page, subject: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.goto(`${service.url}/dev/outbox`);
    const link = page.getByRole("row").filter({ hasText: to }).getByRole("link", { name: subject }).first();
    if ((await link.count()) > 0 || attempt === 50) return link.click();
    await page.waitForTimeout(100);
  }
}

/** Opens the newest outbox message with this subject and returns its first /route/ link. */
async function linkFromOutbox(page: Page, subject: string, route: string, to: string): Promise<string> {
  await openFromOutbox(page, subject, to);
  const text = await page.locator("pre").innerText();
  return text.match(new RegExp(`http://127\\.0\\.0\\.1:\\d+/${route}/\\S+`))![0];
}

const urlIn = (text: string, route: string) =>
  text.match(new RegExp(`http://127\\.0\\.0\\.1:\\d+/${route}/[A-Za-z0-9._-]+`))![0];

it("changes stacks and the send hour from the preference link in an email, and the change is kept", async () => {
  const context = await browser.newContext({ timezoneId: "Europe/Lisbon", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const welcome = await subscribeAndConfirm(page, "prefs@example.com");

  await page.goto(`${urlIn(welcome, "preferences")}#field-stacks`);
  await page.getByRole("heading", { name: "Your subscription" }).waitFor();
  expect(await page.getByLabel("Go", { exact: true }).isChecked()).toBe(true);
  await page.getByLabel("Go", { exact: true }).uncheck();
  await page.getByLabel("Rust", { exact: true }).check();
  await page.getByLabel("Python", { exact: true }).check();
  await page.locator("#more-filters").evaluate((d) => ((d as HTMLDetailsElement).open = true)); // day, hour and more are under "More filters"
  await page.getByLabel("Hour (your timezone)").selectOption("18");
  await page.getByRole("button", { name: "Save preferences" }).click();
  const status = await page.getByRole("status").first().innerText();
  expect(await page.evaluate(() => document.activeElement?.getAttribute("role")), "the result has the focus").toBe(
    "status",
  );
  expect(status).toContain("What changed:");
  expect(status).toContain("Stacks: Go → Python, Rust");
  expect(status).toContain("18:00");

  await page.goto(urlIn(welcome, "preferences"));
  expect(await page.getByLabel("Rust", { exact: true }).isChecked()).toBe(true);
  expect(await page.getByLabel("Python", { exact: true }).isChecked()).toBe(true);
  expect(await page.getByLabel("Go", { exact: true }).isChecked()).toBe(false);
  expect(await page.getByLabel("Hour (your timezone)").inputValue()).toBe("18");
  await context.close();
});

it("pauses for 4 weeks until their own slot, shows until when at the top, and resumes early", async () => {
  const context = await browser.newContext({ timezoneId: "UTC" }); // the subscriber's timezone, detected on the form
  const page = await context.newPage();
  const welcome = await subscribeAndConfirm(page, "pause@example.com");
  await page.goto(`${urlIn(welcome, "preferences")}#pause`);
  await page.getByRole("button", { name: "Pause 4 weeks" }).click();
  // The pause ends at their first slot (Monday 08:00 by default) after the 4 weeks (issue 18.6); when
  // this week's first digest is still due (its slot has passed), it is the first of the four skipped.
  const slot = { timezone: "UTC", sendWeekday: 1, sendHour: 8 };
  const weeks = nextDigestAt(slot, new Date()).now ? 3 : 4;
  const until = nextSlotAt(slot, new Date(Date.now() + weeks * 7 * 24 * 3600_000));
  const expected = new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(until);
  expect(await page.locator("#paused-until").innerText()).toContain(expected);

  await page.goto(urlIn(welcome, "preferences"));
  expect(await page.locator("#paused-until").innerText()).toContain("Paused until Monday");
  await page.getByRole("button", { name: "Resume now" }).click();
  expect(await page.getByRole("status").first().innerText()).toContain("Resumed.");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Resumed.");
  await page.getByRole("button", { name: "Pause 4 weeks" }).waitFor();
  await context.close();
});

it("unsubscribes with the link's one button, gives a reason, and resubscribes", async () => {
  const page = await browser.newPage();
  const welcome = await subscribeAndConfirm(page, "leaver@example.com");
  const unsubscribeUrl = urlIn(welcome, "unsubscribe");

  await page.goto(unsubscribeUrl);
  await page.getByRole("heading", { name: "Unsubscribe from Backend Weekly?" }).waitFor();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await page.getByRole("heading", { name: "You're unsubscribed" }).waitFor();
  await page.getByLabel("I found a job").check();
  await page.getByRole("button", { name: "Send" }).click();
  expect(await page.getByRole("status").innerText()).toContain("Thanks for telling us.");

  await page.goto(unsubscribeUrl); // opening the link again later still offers to come back
  await page.getByRole("button", { name: "Resubscribe" }).click();
  // The unsubscribe link alone changes nothing: the inbox gets a link that does (issue 16.3).
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  const again = await linkFromOutbox(
    page,
    "Confirm your Backend Weekly subscription",
    "subscribe/choices",
    "leaver@example.com",
  );
  await page.goto(again);
  await page.getByRole("button", { name: "Confirm with these choices" }).click();
  await page.getByRole("heading", { name: "You're subscribed" }).waitFor();
  expect(await page.locator("dl.summary").innerText()).toContain("Go");
  await page.close();
});

// Acceptance run: without JavaScript, "Count matches" reloaded the form with the count in its
// status line but the focus on nothing, and a live region on a page that has just loaded is not
// read out: a screen reader user heard the same page again and no count.
it("gives the count the focus after 'Count matches' without JavaScript, on the form and the preference page", async () => {
  const page = await browser.newPage();
  const prefsUrl = urlIn(await subscribeAndConfirm(page, "counter@example.com"), "preferences");
  await page.close();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  for (const url of [`${service.url}/`, prefsUrl]) {
    await noScript.goto(url);
    await noScript.getByLabel("Rust", { exact: true }).check();
    // The answer is a new page at the same address: wait for its load, not the old page's state
    // (on a loaded CI machine the check ran before the navigation had begun).
    const loaded = noScript.waitForEvent("load");
    await noScript.getByRole("button", { name: "Count matches" }).click();
    await loaded;
    const focused = await noScript.evaluate(() => document.activeElement?.id);
    expect({ url, focused }).toEqual({ url, focused: "match-count" });
    expect(await noScript.locator("#match-count").innerText()).toMatch(/^\d+ listings? from the past 7 days/);
  }
  await context.close();
});
