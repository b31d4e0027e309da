import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { openFromDevOutbox, useServiceAndBrowser } from "../support/browser";
import { runCli, type RunningService } from "../support/service";

const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => {
  ({ service, browser } = ctx);
});
const TZ = "America/New_York";

/** Today's ISO weekday where the subscriber lives, so a slot at 00:00 has always arrived. */
const todayThere = () => String(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: TZ }).format(new Date())) + 1);

async function openMessage(page: Page, subject: RegExp) {
  await openFromDevOutbox(page, service.url, subject);
  return page.locator("iframe").getAttribute("srcdoc");
}

it("a confirmed subscriber's digest reads well on a phone and on a desktop, and links to the full list", async () => {
  // The service loaded the recorded demo listings on its first start.
  const context = await browser.newContext({ timezoneId: TZ });
  const page = await context.newPage();
  await page.goto(`${service.url}/`);
  await page.getByLabel("Email address").fill("reader@example.com");
  await page.locator("#more-filters").evaluate((d) => ((d as HTMLDetailsElement).open = true)); // day, hour and more are under "More filters"
  await page.getByLabel("Day").selectOption(todayThere());
  await page.getByLabel("Hour (your timezone)").selectOption("0");
  await page.getByRole("button", { name: "Subscribe" }).click();
  const confirmation = await openMessage(page, /Confirm your Backend Weekly subscription/);
  await page.goto(confirmation!.match(/href="(http:\/\/127\.0\.0\.1:\d+\/confirm\/[^"]+)"/)![1]!);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await page.getByRole("heading", { name: "You're subscribed" }).waitFor();

  const summary = JSON.parse(runCli(service, ["digest", "run", "--json"]).trim().split("\n").at(-1)!);
  expect(summary).toMatchObject({ due: 1, sent: 1, failed: 0 });

  const html = (await openMessage(page, /new remote .* roles?/))!;
  for (const [name, viewport] of [["phone", { width: 375, height: 812 }], ["desktop", { width: 1280, height: 900 }]] as const) {
    const view = await browser.newPage({ viewport });
    await view.setContent(html);
    const layout = await view.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      cards: [...document.querySelectorAll("a")].filter((a) => a.textContent?.includes("Apply")).length,
      text: document.body.innerText,
    }));
    expect(layout.overflow, `${name}: nothing wider than the screen`).toBeLessThanOrEqual(0);
    expect(layout.cards).toBeGreaterThan(0);
    expect(layout.text).toContain("Why it matched");
    expect(layout.text).toContain("Your filters");
    await view.screenshot({ path: `test-results/digest-${name}.png`, fullPage: true });
    await view.close();
  }

  const seeAll = html.match(/href="(http:\/\/127\.0\.0\.1:\d+\/digest\/[^"]+)"/);
  const digestUrl = seeAll?.[1] ?? html.match(/href="(http:\/\/127\.0\.0\.1:\d+\/preferences\/[^"#]+)/)![1]!.replace("/preferences/", "/digest/");
  await page.goto(digestUrl);
  await page.getByRole("heading", { name: "Your latest digest" }).waitFor();
  expect(await page.locator("ol.listings > li").count()).toBeGreaterThan(0);
  await context.close();
});
