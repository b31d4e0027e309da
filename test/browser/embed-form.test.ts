import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, openFromDevOutbox } from "../support/browser";
import { startService, type RunningService } from "../support/service";

// Issue 18.11: the README's snippet, served as it is from a page on another localhost port, signs
// people up with JavaScript (JSON + CORS) and without it (the plain form, no CSRF token).
const SNIPPET = readFileSync("README.md", "utf8").match(
  /embed-snippet:start[^\n]*\n```html\n([\s\S]*?)```\n<!-- embed-snippet:end/,
)![1]!;

let embed: Server;
let embedUrl: string;
let service: RunningService;
let browser: Browser;
beforeAll(async () => {
  let page = "";
  embed = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page));
  await new Promise<void>((resolve) => embed.listen(0, "127.0.0.1", resolve));
  // `localhost` here and 127.0.0.1 for the service: another origin, as another site would be.
  embedUrl = `http://localhost:${(embed.address() as AddressInfo).port}`;
  [service, browser] = await Promise.all([startService({ ALLOWED_ORIGINS: embedUrl }), launchBrowser()]);
  const form = SNIPPET.replaceAll("https://weekly.example.com", service.url);
  page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Jobs board</title></head><body><h1>Remote jobs</h1>${form}</body></html>`;
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await new Promise((r) => embed.close(r));
});

it("with JavaScript, a visitor of another site subscribes in place and gets the confirmation mail", async () => {
  const context = await browser.newContext({ timezoneId: "America/Toronto" });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  await page.goto(embedUrl);
  await page.getByLabel("Your email address").fill("embedded@example.com");
  await page.getByRole("button", { name: "Get the weekly digest" }).click();
  await expect
    .poll(() => page.getByRole("status").innerText())
    .toContain("we've sent an email to embedded@example.com");
  expect(new URL(page.url()).origin).toBe(embedUrl); // the visitor never left the site
  expect(requests).toContain("POST /api/subscribe");

  await openFromDevOutbox(page, service.url, "Confirm your Backend Weekly subscription", { count: 1 });
  expect(await page.locator("pre").innerText()).toContain("America/Toronto"); // the detected timezone came along
  await context.close();
});

it("with JavaScript, a mistake is shown under the form", async () => {
  const page = await browser.newPage();
  await page.goto(embedUrl);
  // The browser's own check would stop "not-an-address"; one it lets through, ours refuses.
  await page.getByLabel("Your email address").fill("a@b");
  await page.getByRole("button", { name: "Get the weekly digest" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toMatch(/address/i);
  await page.close();
});

it("without JavaScript, the plain form posts to /subscribe and lands on the service's check-inbox page", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(embedUrl);
  await page.getByLabel("Your email address").fill("nojs@example.com");
  await page.getByRole("button", { name: "Get the weekly digest" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  expect(page.url()).toBe(`${service.url}/subscribe`);
  await context.close();
  const outbox = await browser.newPage();
  await openFromDevOutbox(outbox, service.url, "Confirm your Backend Weekly subscription", { count: 2 });
  await outbox.close();
});

/** The dev outbox's list, reloaded until `address` has a message (the service mails after answering). */
async function expectMailTo(page: Page, address: string): Promise<void> {
  await expect
    .poll(async () => {
      await page.goto(`${service.url}/dev/outbox`);
      return page.locator("table").innerText();
    })
    .toContain(address);
}

it("with JavaScript, a mistyped address shows the suggestion; “Use” subscribes the suggested address", async () => {
  const page = await browser.newPage();
  await page.goto(embedUrl);
  await page.getByLabel("Your email address").fill("carol@gmial.con");
  await page.getByRole("button", { name: "Get the weekly digest" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toBe("Did you mean carol@gmail.com?");
  await page.getByRole("button", { name: "No, carol@gmial.con is right" }).waitFor();
  await page.getByRole("button", { name: "Use carol@gmail.com" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toContain("we've sent an email to carol@gmail.com");
  expect(await page.getByRole("button", { name: /^Use / }).isVisible()).toBe(false);
  expect(await page.getByLabel("Your email address").inputValue()).toBe("carol@gmail.com");
  await expectMailTo(page, "carol@gmail.com");
  expect(await page.locator("table").innerText()).not.toContain("gmial.con");
  await page.close();
});

it("with JavaScript, “No, … is right” subscribes the address as typed", async () => {
  const page = await browser.newPage();
  await page.goto(embedUrl);
  await page.getByLabel("Your email address").fill("dora@gmial.con");
  await page.getByRole("button", { name: "Get the weekly digest" }).click();
  await page.getByRole("button", { name: "No, dora@gmial.con is right" }).click();
  await expect.poll(() => page.getByRole("status").innerText()).toContain("we've sent an email to dora@gmial.con");
  await expectMailTo(page, "dora@gmial.con");
  await page.close();
});

it("without JavaScript, a mistyped address lands on the service's form with the suggestion, whose “Use” works", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(embedUrl);
  await page.getByLabel("Your email address").fill("erin@gmial.con");
  await page.getByRole("button", { name: "Get the weekly digest" }).click();
  await expect.poll(() => page.getByRole("alert").innerText()).toContain("Did you mean erin@gmail.com?");
  expect(page.url()).toBe(`${service.url}/subscribe`);
  // The buttons post our own form (with the CSRF cookie set on the way in), not the other site's.
  await page.getByRole("button", { name: "Use erin@gmail.com" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  expect(await page.locator("main").innerText()).toContain("erin@gmail.com");
  await expectMailTo(page, "erin@gmail.com");
  expect(await page.locator("table").innerText()).not.toContain("erin@gmial.con");
  await context.close();
});
