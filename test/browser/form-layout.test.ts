import type { Browser } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { useServiceAndBrowser } from "../support/browser";
import type { RunningService } from "../support/service";

/** The subscribe form's layout on a phone: every choice is as easy to hit as the others. */
const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => ({ service, browser } = ctx));

it("draws every checkbox at one size at 375 px, however long its label", async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await page.goto(`${service.url}/`);
  await page.locator("#more-filters > summary").click(); // the employer and remote choices too
  const sizes = await page.locator('input[type="checkbox"]').evaluateAll((boxes) =>
    boxes.map((b) => {
      const r = b.getBoundingClientRect();
      return { name: `${(b as HTMLInputElement).name}=${(b as HTMLInputElement).value}`, w: r.width, h: r.height };
    }),
  );
  expect(sizes.length).toBeGreaterThan(10);
  const first = sizes[0]!;
  expect(first.w).toBeGreaterThanOrEqual(18); // 1.15rem
  expect(sizes.filter((s) => s.w !== first.w || s.h !== first.h)).toEqual([]);
  await page.close();
});

it("fits the form on a 375 px screen with every filter open: no sideways scroll, no label past its box", async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await page.goto(`${service.url}/`);
  await page.locator("#more-filters > summary").click();
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    labels: [...document.querySelectorAll<HTMLLabelElement>(".choices label")]
      .filter((l) => l.scrollWidth > l.clientWidth + 1)
      .map((l) => l.textContent!.trim()),
  }));
  expect(overflow).toEqual({ page: 0, labels: [] });
  await page.close();
});

it("never leaves the focused field under the sticky Subscribe bar while tabbing through the form", async () => {
  for (const viewport of [
    { width: 375, height: 812 },
    { width: 1280, height: 800 },
  ]) {
    const page = await browser.newPage({ viewport });
    await page.goto(`${service.url}/`);
    await page.locator("#more-filters > summary").click();
    await page.locator("#email").focus();
    const hidden: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const under = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const bar = document.querySelector(".submit-bar");
        if (!el || !bar || bar.contains(el) || el === document.body) return null;
        const r = el.getBoundingClientRect();
        const b = bar.getBoundingClientRect();
        return r.bottom > b.top + 1 && r.top < b.bottom - 1
          ? `${el.tagName} ${(el as HTMLInputElement).name || el.textContent?.trim()}`
          : null;
      });
      if (under) hidden.push(under);
    }
    expect(hidden, `${viewport.width} px`).toEqual([]);
    await page.close();
  }
});

it("gives every choice label, text field and select a 44 px target at 375 px", async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await page.goto(`${service.url}/`);
  await page.locator("#more-filters > summary").click();
  const small = await page
    .locator(".choices label, select, input[type=email], input[type=text], input[type=number]")
    .evaluateAll((els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().height < 44)
        .map((e) => `${e.tagName} ${e.textContent?.trim() || (e as HTMLInputElement).name}`),
    );
  expect(small).toEqual([]);
  await page.close();
});

/** WCAG 2.x relative luminance contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = rgb
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

it("draws field borders and the focus ring at 3:1 against the page (WCAG 1.4.11)", async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await page.goto(`${service.url}/`);
  await page.locator("#email").focus();
  const seen = await page.evaluate(() => {
    const field = getComputedStyle(document.querySelector("#email")!);
    const card = getComputedStyle(document.querySelector("main")!).backgroundColor;
    const body = getComputedStyle(document.body).backgroundColor;
    return { border: field.borderTopColor, ring: field.outlineColor, ringWidth: field.outlineWidth, card, body };
  });
  expect(seen.ringWidth).toBe("3px");
  expect(contrast(seen.border, seen.card)).toBeGreaterThanOrEqual(3);
  expect(contrast(seen.ring, seen.card)).toBeGreaterThanOrEqual(3);
  expect(contrast(seen.ring, seen.body)).toBeGreaterThanOrEqual(3);
  await page.close();
});

// Acceptance run: at 400% zoom (1280×1024 is 320×256 CSS px) the sticky Subscribe bar, 90 px tall,
// covered 35% of the screen wherever one scrolled in the form, and its focus clearance almost half.
it("keeps the Subscribe bar on a phone's first screen, but not over the form at 400% zoom", async () => {
  const barOnScreen = async (viewport: { width: number; height: number }, scrollY: number) => {
    const page = await browser.newPage({ viewport });
    await page.goto(`${service.url}/`);
    await page.evaluate((y) => window.scrollTo(0, y), scrollY);
    const covered = await page.locator(".submit-bar").evaluate((bar) => {
      const r = bar.getBoundingClientRect();
      return Math.max(0, Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0));
    });
    await page.close();
    return covered;
  };
  expect(await barOnScreen({ width: 375, height: 667 }, 0)).toBeGreaterThan(40);
  expect(await barOnScreen({ width: 320, height: 256 }, 400)).toBe(0);
});

// Acceptance run: with forced colours (a Windows contrast theme) the browser replaces a button's fill
// with the page's, and our borderless Subscribe and Count matches buttons read as plain bold text.
it("outlines every button when forced colours replace their fill", async () => {
  const context = await browser.newContext({ forcedColors: "active", javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${service.url}/`);
  const borders = await page
    .locator("button")
    .evaluateAll((buttons) =>
      buttons
        .filter((b) => (b as HTMLElement).offsetParent !== null)
        .map(
          (b) =>
            `${b.textContent?.trim()}: ${getComputedStyle(b).borderTopStyle} ${getComputedStyle(b).borderTopWidth}`,
        ),
    );
  expect(borders).toEqual(["Subscribe: solid 1px", "Count matches: solid 1px"]);
  await context.close();
});
