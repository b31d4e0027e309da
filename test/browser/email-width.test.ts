import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscribe } from "../../src/subscribers/subscribe";
import { DEFAULT_PREFERENCES } from "../../src/subscribers/preferences";
import { launchBrowser } from "../support/browser";
import { createDepsWithFakeResend } from "../support/deps";
import { createElement } from "react";
import WeeklyDigest from "../../emails/weekly-digest";
import { renderEmail } from "../../src/mail/render";
import { renderAllTemplates } from "../support/email-templates";

// Issue 18 (acceptance run): "Confirm with these choices" was 394 px wide on a 375 px phone. Its
// "Or open this link" URL ends in a signature with no break opportunity (base64url), so the
// layout table grew to hold it; the confirm and manage emails carry the same kind of URL.
const PHONE = { width: 375, height: 812 };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: PHONE });
});
afterAll(() => browser?.close());

/** How wide the message lays out on the phone (375 when nothing makes it scroll sideways). */
async function layoutWidth(html: string): Promise<number> {
  await page.setContent(html);
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe("every email at 375 px", () => {
  it("each template from its PreviewProps fits the screen", async () => {
    for (const { file, html } of await renderAllTemplates()) expect(await layoutWidth(html), file).toBe(PHONE.width);
  });

  it("the confirm and 'Confirm with these choices' emails with real signed links fit the screen", async () => {
    const deps = await createDepsWithFakeResend({ env: { PUBLIC_URL: "https://weekly.example.com" } });
    try {
      // A new address gets the confirmation; the same address again, still pending, gets new choices.
      // Signatures differ each run: three addresses make a signature without a break point near-certain.
      for (const email of ["ana@example.com", "ben@example.com", "cleo@example.com"]) {
        await subscribe(deps, { email, preferences: DEFAULT_PREFERENCES });
        await subscribe(deps, { email, preferences: { ...DEFAULT_PREFERENCES, stacks: ["go"] } });
      }
      const kinds = deps.fake.accepted.map((m) => m.tags.find((t) => t.name === "kind")?.value);
      expect(kinds).toEqual(["confirm", "new-choices", "confirm", "new-choices", "confirm", "new-choices"]);
      for (const mail of deps.fake.accepted) expect(await layoutWidth(mail.html!), mail.subject).toBe(PHONE.width);
    } finally {
      await deps.close();
    }
  });
});

describe("a digest whose listing text has no break opportunity", () => {
  // Acceptance run: one 34-letter German word in a title made the digest 366 px wide at 320 px, and
  // a hostile source's 800-letter title and 500-letter company 3,364 px.
  it.each([
    ["a long German word", "Sicherheitsinfrastrukturentwickler (m/w/d)", "Beispiel GmbH"],
    ["a hostile source's title and company", `Staff Go Engineer ${"LONG".repeat(200)}`, "B".repeat(500)],
  ])("still fits 320 px with %s", async (_, title, company) => {
    const props = WeeklyDigest.PreviewProps;
    const listings = props.listings.map((l, i) => (i === 0 ? { ...l, title, company } : l));
    const { html } = await renderEmail(createElement(WeeklyDigest, { ...props, listings }));
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await layoutWidth(html)).toBe(320);
    await page.setViewportSize(PHONE);
  });
});
