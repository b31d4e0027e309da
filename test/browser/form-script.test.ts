import type { Browser } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { useServiceAndBrowser } from "../support/browser";
import type { RunningService } from "../support/service";

/**
 * The forms' inline script (src/pages/form-script.ts) in Chromium: what it shows beside the salary
 * field follows what the field holds now, including after a value the count cannot read.
 */
const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => ({ service, browser } = ctx));

it("clears the salary note when the salary turns unreadable, so it never describes an older value", async () => {
  const page = await browser.newPage();
  await page.goto(`${service.url}/`);
  const count = page.locator("#match-count");
  const note = page.locator("#minSalaryUsd-note");
  const salary = page.getByLabel("Minimum salary a year");
  await page.locator("#more-filters > summary").click(); // the salary sits under "More filters"

  await salary.fill("$120 000");
  await expect.poll(() => note.innerText()).toBe("$120 000 read as $120,000 a year.");
  await expect.poll(() => count.innerText()).toMatch(/listings? from the past 7 days/);

  await salary.fill("abc");
  // The count line takes the validation error in the same answer that updates the note.
  await expect.poll(() => count.innerText()).toMatch(/salary/i);
  expect(await note.innerText()).toBe("");

  await salary.fill("€90k"); // and a readable value brings a note back
  await expect.poll(() => note.innerText()).toMatch(/^€90k is about \$[\d,]+ a year\.$/);
  await page.close();
});

it("hides the nothing-matches warning when the filters turn unreadable", async () => {
  const page = await browser.newPage();
  await page.goto(`${service.url}/`);
  const count = page.locator("#match-count");
  const warning = page.locator("#match-empty");
  await page.locator("#more-filters > summary").click();
  const salary = page.getByLabel("Minimum salary a year");

  await page.getByLabel("Listings that don't state a salary").selectOption("no");
  await salary.fill("$900k"); // above every demo listing's range
  await expect.poll(() => warning.isVisible()).toBe(true);
  expect(await warning.innerText()).toMatch(/salary/i);

  await salary.fill("abc");
  await expect.poll(() => count.innerText()).toMatch(/salary/i);
  expect(await warning.isVisible()).toBe(false);
  await page.close();
});

// Acceptance run: the warning naming the filter that empties the count was outside any live region,
// so a screen reader announced "0 listings …" (the count's status line) and never which filter.
it("announces the nothing-matches warning: it sits in a live region that is always there", async () => {
  const page = await browser.newPage();
  await page.goto(`${service.url}/`);
  await page.locator("#more-filters > summary").click();
  await page.getByLabel("Listings that don't state a salary").selectOption("no");
  await page.getByLabel("Minimum salary a year").fill("$900k");
  await expect.poll(() => page.locator("#match-empty").isVisible()).toBe(true);
  const region = await page.locator("#match-empty").evaluate((warning) => {
    const live = warning.closest("[aria-live]:not([aria-live=off]), [role=status], [role=alert]");
    return live && live !== warning
      ? { live: live.getAttribute("aria-live"), hidden: live.closest("[hidden]") !== null }
      : null;
  });
  expect(region).toEqual({ live: "polite", hidden: false });
  await page.close();
});
