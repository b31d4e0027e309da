import { networkInterfaces } from "node:os";
import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { openFromDevOutbox, useServiceAndBrowser } from "../support/browser";
import type { RunningService } from "../support/service";

/**
 * The Content-Security-Policy in a real browser (issue 16.9): every page the service serves keeps
 * working under it (the timezone filler runs, the stylesheet applies) and Chromium reports no
 * violation. And the development server is reachable on loopback only.
 */
const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => ({ service, browser } = ctx));

function recordViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  return violations;
}

it("pages work under the policy: the timezone script runs, styles apply, nothing is refused", async () => {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  const violations = recordViolations(page);
  await page.goto(`${service.url}/`);
  expect(await page.locator("#timezone").inputValue()).toBe("Asia/Tokyo"); // the hashed inline script ran
  expect(await page.locator("main").evaluate((m) => getComputedStyle(m).backgroundColor)).toBe("rgb(255, 255, 255)");
  await page.getByLabel("Email address").fill("csp@example.com");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();

  await openFromDevOutbox(page, service.url, "Confirm your Backend Weekly subscription", { count: 1 });
  await page.frameLocator("iframe").locator("body").waitFor(); // the email's own HTML in its frame
  const confirmUrl = (await page.locator("pre").innerText()).match(/http:\/\/127\.0\.0\.1:\d+\/confirm\/\S+/)![0];
  await page.goto(confirmUrl);
  await page.getByRole("button", { name: "Confirm my subscription" }).click();
  await page.getByRole("heading", { name: "You're subscribed" }).waitFor();

  await openFromDevOutbox(page, service.url, "Welcome to Backend Weekly", { count: 1 });
  const text = await page.locator("pre").innerText();
  for (const route of ["preferences", "unsubscribe"]) {
    const url = text.match(new RegExp(`http://127\\.0\\.0\\.1:\\d+/${route}/\\S+`))?.[0];
    expect(url, route).toBeDefined();
    await page.goto(url!);
    await page.locator("main h1").waitFor();
    expect(await page.locator("main").evaluate((m) => getComputedStyle(m).backgroundColor)).toBe("rgb(255, 255, 255)");
  }
  await page.goto(`${service.url}/no-such-page`);
  expect(violations).toEqual([]);

  // And an injected inline script (as if escaping had failed) is refused.
  await page.goto(`${service.url}/`);
  const ran = await page.evaluate(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await context.close();
});

const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === "IPv4")?.address;

it.skipIf(!external)("outside production the server answers on loopback only", async () => {
  const port = new URL(service.url).port;
  expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  await expect(fetch(`http://${external}:${port}/healthz`)).rejects.toThrow();
});
