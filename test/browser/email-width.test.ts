import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscribe } from "../../src/subscribers/subscribe";
import { DEFAULT_PREFERENCES } from "../../src/subscribers/preferences";
import { launchBrowser } from "../support/browser";
import { createDepsWithFakeResend } from "../support/deps";
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
