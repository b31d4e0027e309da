import { createElement } from "react";
import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import WeeklyDigest from "../../emails/weekly-digest";
import { renderEmail } from "../../src/mail/render";
import { isoWeekdayToday, openFromDevOutbox, useServiceAndBrowser } from "../support/browser";
import { runCli, type RunningService } from "../support/service";

const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => {
  ({ service, browser } = ctx);
});
const TZ = "America/New_York";

const todayThere = () => isoWeekdayToday(TZ);

/**
 * What a reader of the digest meets, measured in the browser: the height of each tap target
 * (Apply, footer links), the why line's colour against the links', and each credit link's
 * underline and contrast with its background (WCAG's relative luminance).
 */
async function measureDigest(view: Page) {
  return view.evaluate(() => {
    const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c)
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    const background = (el: Element | null): string => {
      for (; el; el = el.parentElement) {
        const bg = getComputedStyle(el).backgroundColor;
        if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
      }
      return "rgb(255, 255, 255)";
    };
    const links = [...document.querySelectorAll("a")];
    const height = (a: Element) => Math.round(a.getBoundingClientRect().height);
    const whys = [...document.querySelectorAll("div")].filter(
      (d) => d.firstElementChild?.textContent === "Why it matched:",
    );
    const footer = ["Change preferences", "Pause for a while", "Unsubscribe"].map(
      (name) => links.find((a) => a.textContent === name)!,
    );
    // Every link to the preferences page, the "Your filters" box's among them (issue 18.7).
    const preferences = links.filter((a) => a.getAttribute("href")!.includes("/preferences/"));
    const credits = links.filter((a) => a.getAttribute("href") === "https://remoteok.com");
    return {
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      applyHeights: links.filter((a) => a.textContent === "Apply →").map(height),
      seeAllHeights: links.filter((a) => a.textContent!.startsWith("See all")).map(height),
      footerHeights: footer.map(height),
      preferencesHeights: preferences.map(height),
      whyColours: [...new Set(whys.map((d) => getComputedStyle(d).color))],
      // How far the why line's colour is from a grey: links are indigo, the why line must not look like one.
      whyTint: Math.max(...whys.map((d) => rgb(getComputedStyle(d).color)).map((c) => Math.max(...c) - Math.min(...c))),
      linkColours: [...new Set(links.filter((a) => a.textContent !== "Apply →").map((a) => getComputedStyle(a).color))],
      credits: credits.map((a) => ({
        underlined: getComputedStyle(a).textDecorationLine.includes("underline"),
        contrast: contrast(getComputedStyle(a).color, background(a)),
      })),
    };
  });
}

async function expectReadableDigest(view: Page, name: string) {
  const m = await measureDigest(view);
  expect(m.overflow, `${name}: nothing wider than the screen`).toBeLessThanOrEqual(0);
  expect(m.applyHeights.length, name).toBeGreaterThan(0);
  expect(m.preferencesHeights.length, `${name}: the filters box and the footer link the preferences`).toBeGreaterThan(
    2,
  );
  for (const h of [...m.applyHeights, ...m.seeAllHeights, ...m.footerHeights, ...m.preferencesHeights])
    expect(h, `${name}: a 44 px tap target`).toBeGreaterThanOrEqual(44);
  expect(m.whyColours.length, name).toBe(1);
  expect(m.linkColours, `${name}: the why line is not link-coloured`).not.toContain(m.whyColours[0]);
  expect(m.whyTint, `${name}: the why line is grey, not indigo like the links`).toBeLessThan(40);
  for (const c of m.credits) {
    expect(c.underlined, `${name}: the credit link is underlined`).toBe(true);
    expect(c.contrast, `${name}: the credit link's contrast`).toBeGreaterThanOrEqual(4.5);
  }
  return m;
}

it("the digest's taps are 44 px, its why line is not a link's colour, and its credit link is underlined with contrast", async () => {
  const { html } = await renderEmail(createElement(WeeklyDigest, WeeklyDigest.PreviewProps));
  for (const width of [375, 1280]) {
    const view = await browser.newPage({ viewport: { width, height: 900 } });
    await view.setContent(html);
    const m = await expectReadableDigest(view, `preview digest @${width}`);
    expect(m.credits).toHaveLength(1);
    expect(m.seeAllHeights).toHaveLength(1);
    await view.close();
  }
});

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
  for (const [name, viewport] of [
    ["phone", { width: 375, height: 812 }],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    const view = await browser.newPage({ viewport });
    await view.setContent(html);
    await expectReadableDigest(view, name);
    const text = await view.evaluate(() => document.body.innerText);
    expect(text).toContain("Why it matched");
    expect(text).toContain("Your filters");
    await view.screenshot({ path: `test-results/digest-${name}.png`, fullPage: true });
    await view.close();
  }

  const seeAll = html.match(/href="(http:\/\/127\.0\.0\.1:\d+\/digest\/[^"]+)"/);
  const digestUrl =
    seeAll?.[1] ??
    html.match(/href="(http:\/\/127\.0\.0\.1:\d+\/preferences\/[^"#]+)/)![1]!.replace("/preferences/", "/digest/");
  await page.goto(digestUrl);
  await page.getByRole("heading", { name: "Your latest digest" }).waitFor();
  // The same cards as the email: each with its why line and an Apply button.
  const cards = page.locator("ol.listings > li");
  expect(await cards.count()).toBeGreaterThan(0);
  expect(await cards.filter({ hasText: "Why it matched:" }).count()).toBe(await cards.count());
  expect(await cards.getByRole("link", { name: /^Apply →/ }).count()).toBe(await cards.count());

  // The dev outbox, list and message, fits a phone's width.
  await page.setViewportSize({ width: 375, height: 812 });
  for (const path of ["/dev/outbox", null]) {
    if (path) await page.goto(`${service.url}${path}`);
    else
      await page
        .getByRole("link", { name: /new remote .* roles?/ })
        .first()
        .click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path ?? "an outbox message"} at 375 px`).toBeLessThanOrEqual(0);
  }
  // On a phone the framed copy scrolls inside the page; the email on a page of its own does not,
  // and is still sandboxed (no scripts, an opaque origin).
  const [own] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/html")),
    page.getByRole("link", { name: "Open the email on a page of its own" }).click(),
  ]);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-security-policy"]).toMatch(/script-src 'none'.*; sandbox allow-popups/);
  await page.getByText("Why it matched").first().waitFor();
  const shown = await page.evaluate(() => ({
    frames: document.querySelectorAll("iframe").length,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  }));
  expect(shown).toEqual({ frames: 0, overflow: 0 });
  await context.close();
});
