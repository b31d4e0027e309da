import type { Browser } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { openFromDevOutbox, useServiceAndBrowser } from "../support/browser";
import type { RunningService } from "../support/service";

const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => {
  ({ service, browser } = ctx);
});

it("a newcomer subscribes, finds the confirmation in /dev/outbox, confirms and sees what they subscribed to", async () => {
  const context = await browser.newContext({ timezoneId: "Europe/Lisbon", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${service.url}/`);
  await expect.poll(() => page.locator("#timezone").inputValue()).toBe("Europe/Lisbon"); // detected by the browser

  await page.getByLabel("Email address").fill("newcomer@example.com");
  await page.getByLabel("Go", { exact: true }).check();
  await page.getByLabel("Senior", { exact: true }).check();
  await page.locator("#more-filters").evaluate((d) => ((d as HTMLDetailsElement).open = true)); // day, hour and more are under "More filters"
  await page.getByLabel("Hour (your timezone)").selectOption("9");
  await page.screenshot({ path: "test-results/subscribe-phone.png", fullPage: true });
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();

  await openFromDevOutbox(page, service.url, "Confirm your Backend Weekly subscription", { count: 1 });
  const text = await page.locator("pre").innerText();
  const confirmUrl = text.match(/http:\/\/127\.0\.0\.1:\d+\/confirm\/\S+/)![0];

  await page.goto(confirmUrl);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await page.getByRole("heading", { name: "You're subscribed" }).waitFor();
  const summary = await page.locator("dl.summary").innerText();
  expect(summary).toContain("Go");
  expect(summary).toContain("Senior");
  expect(summary).toContain("Monday at 09:00 (Europe/Lisbon)");

  await page.goto(`${service.url}/dev/outbox`);
  await page.getByRole("link", { name: "Welcome to Backend Weekly" }).waitFor();
  await context.close();
});

it("keeps what was typed and shows a clear message when the address is wrong", async () => {
  const page = await browser.newPage();
  await page.goto(`${service.url}/`);
  await page.getByLabel("Email address").fill("not-an-address");
  await page.getByLabel("Rust", { exact: true }).check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.getByRole("alert").waitFor();
  expect(await page.getByRole("alert").innerText()).toContain("Enter a valid email address");
  expect(await page.getByLabel("Email address").inputValue()).toBe("not-an-address");
  expect(await page.getByLabel("Rust", { exact: true }).isChecked()).toBe(true);
  await page.close();
});
