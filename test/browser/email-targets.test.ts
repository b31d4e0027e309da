import { readdirSync } from "node:fs";
import { createElement, type FunctionComponent } from "react";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { renderEmail } from "../../src/mail/render";
import { launchBrowser } from "../support/browser";

/**
 * Every link a reader taps on its own in any of our emails is a 44 px target (WCAG 2.5.5), on a
 * phone: the acceptance run found the empty-weeks note's "See the listing →" links 15 px tall.
 * A link "on its own" is the whole text of its block; a card's title is exempt (`data-text="label"`),
 * as its Apply button below is the 44 px target for the same address.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

type Template = FunctionComponent<object> & { PreviewProps: object };
const templates = readdirSync("emails").filter((f) => f.endsWith(".tsx"));

it.each(templates)("%s: every link on its own line is 44 px tall at 375 px", async (file) => {
  const template = ((await import(`../../emails/${file}`)) as { default: Template }).default;
  const { html } = await renderEmail(createElement(template, template.PreviewProps));
  const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  await page.setContent(html);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll("a")]
      .filter((a) => a.dataset.text !== "label" && a.parentElement?.textContent?.trim() === a.textContent?.trim())
      .map((a) => ({ text: a.textContent?.trim(), height: Math.round(a.getBoundingClientRect().height) }))
      .filter((t) => t.height < 44),
  );
  await page.close();
  expect(small).toEqual([]);
});
