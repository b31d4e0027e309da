import type { Browser } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { useServiceAndBrowser } from "../support/browser";
import type { RunningService } from "../support/service";

// Acceptance run: after a likely typo ("carol@gmial.con") the form came back with "Did you mean …?"
// at its top, the focus on nothing and the title unchanged, so a screen reader announced the same
// page again and its user could not tell the address had not been sent.
const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => ({ service, browser } = ctx));

it.each([
  { javaScriptEnabled: true, address: "carol@gmial.con" },
  { javaScriptEnabled: false, address: "dave@gmial.con" },
])(
  "moves the focus to 'Did you mean …?' and says so in the title (JavaScript: $javaScriptEnabled)",
  async ({ javaScriptEnabled, address }) => {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`${service.url}/`);
    await page.getByLabel("Email address").fill(address);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.getByRole("alert").filter({ hasText: "Did you mean" }).waitFor();
    expect(await page.title()).toBe("Check your address: Remote backend jobs, once a week · Backend Weekly");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("email-suggestion");
    await context.close();
  },
);
