import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { openFromDevOutbox, useServiceAndBrowser } from "../support/browser";
import { runCli, type RunningService } from "../support/service";

const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => {
  ({ service, browser } = ctx);
  runCli(service, ["seed-demo"]);
});

const PHONE = { viewport: { width: 375, height: 667 }, timezoneId: "Europe/Kyiv" };
const shownCount = async (page: Page) =>
  Number(/^(\d+) listing/.exec(await page.locator("#match-count").innerText())?.[1] ?? NaN);

/** What `digest preview` says the subscriber's digest holds: "(N listings of M matches)". */
function previewMatches(email: string): number {
  const out = runCli(service, ["digest", "preview", email, "--out", `${service.dir}/preview.html`]);
  return Number(/of (\d+) matches/.exec(out)?.[1] ?? NaN);
}

/** `mailsBefore`: confirmation mails already in the outbox; the new one is written after the answer, so wait for it. */
async function subscribeAndConfirm(page: Page, email: string, mailsBefore: number): Promise<void> {
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  expect(await page.locator("#subscriber-email").innerText()).toBe(email);
  await openFromDevOutbox(page, service.url, "Confirm your Backend Weekly subscription", { count: mailsBefore + 1 });
  const text = await page.locator("pre").innerText();
  await page.goto(text.match(/http:\/\/127\.0\.0\.1:\d+\/confirm\/\S+/)![0]);
  expect(await page.locator("main").innerText()).toContain(email);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await page.getByRole("heading", { name: "You're subscribed" }).waitFor();
}

it("on a phone: Subscribe on the first screen, a live count that the digest preview then holds, with and without a country", async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${service.url}/`);
  const button = (await page.getByRole("button", { name: "Subscribe" }).boundingBox())!;
  expect(button.y + button.height).toBeLessThanOrEqual(667);
  await expect.poll(() => page.locator("#timezone").inputValue()).toBe("Europe/Kyiv"); // current name, offered and detected

  // No filters: every remote role (the honest default).
  await expect.poll(() => shownCount(page)).toBeGreaterThan(0);
  const everything = await shownCount(page);
  await page.getByLabel("Email address").fill("anyone@example.com");
  await subscribeAndConfirm(page, "anyone@example.com", 0);
  expect(previewMatches("anyone@example.com")).toBe(everything);

  // A country narrows it, and the count follows as the filter changes.
  await page.goto(`${service.url}/`);
  await expect.poll(() => shownCount(page)).toBe(everything);
  await page.getByLabel("Where you can work from").selectOption("US");
  await expect.poll(() => shownCount(page)).toBeLessThan(everything);
  const inUs = await shownCount(page);
  expect(inUs).toBeGreaterThan(0);
  await page.getByLabel("Email address").fill("in-us@example.com");
  await subscribeAndConfirm(page, "in-us@example.com", 1);
  expect(previewMatches("in-us@example.com")).toBe(inUs);
  await context.close();
});

it("a filter that empties the count is named, and a failed submit moves focus to the error summary", async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${service.url}/`);
  await page.locator("#more-filters > summary").click();
  await page.getByLabel("Must mention").fill("zzzqqq-nothing");
  await expect.poll(() => page.locator("#match-empty").innerText()).toContain('because of "Must mention"');
  expect(await shownCount(page)).toBe(0);

  await page.getByLabel("Email address").fill("not-an-address");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.locator("#errors").waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("errors");
  expect(await page.getByLabel("Must mention").inputValue()).toBe("zzzqqq-nothing");
  await context.close();
});
