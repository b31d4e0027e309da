import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { axeFindings, smallStandaloneLinks, smallText, type Finding } from "../support/axe";
import { isoWeekdayToday, openFromDevOutbox, useServiceAndBrowser } from "../support/browser";
import { renderAllTemplates } from "../support/email-templates";
import { runCli, type RunningService } from "../support/service";

const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => {
  ({ service, browser } = ctx);
});

const TZ = "America/New_York";
const todayThere = () => isoWeekdayToday(TZ);

const report = (findings: Finding[]) =>
  findings.map((f) => `${f.state} @${f.width}px: ${f.rule} (${f.impact})\n    ${f.nodes.join("\n    ")}`).join("\n");

/** The newest outbox message with this subject: its first link to `route`. */
async function linkInMessage(page: Page, subject: RegExp | string, route: string): Promise<string> {
  await openFromDevOutbox(page, service.url, subject);
  const text = await page.locator("pre").innerText();
  return text.match(new RegExp(`http://127\\.0\\.0\\.1:\\d+/${route}/[A-Za-z0-9._-]+`))![0];
}

it("every page a subscriber meets, in each state, has no axe violations and no text under 14 px at 375 and 1280 px", async () => {
  const context = await browser.newContext({ timezoneId: TZ, viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  const findings: Finding[] = [];
  const check = async (state: string) =>
    findings.push(
      ...(await axeFindings(page, state)),
      ...(await smallStandaloneLinks(page, state)),
      ...(await smallText(page, state)),
    );

  await page.goto(`${service.url}/`);
  await check("subscribe");
  // Any collapsed section ("More filters") opened, so what it holds is checked too.
  const openAll = () =>
    page.locator("details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await openAll();
  await check("subscribe, every section open");
  await page.getByLabel("Email address").fill("not-an-address");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.getByRole("alert").waitFor();
  await check("subscribe with an error");
  await page.getByLabel("Email address").fill("axe@example.com");
  await openAll();
  await page.getByLabel("Day").selectOption(todayThere());
  await page.getByLabel("Hour (your timezone)").selectOption("0");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  await check("check your inbox");

  const confirmUrl = await linkInMessage(page, /Confirm your Backend Weekly subscription/, "confirm");
  await check("outbox message");
  await page.goto(`${service.url}/dev/outbox`);
  await check("outbox");
  await page.goto(confirmUrl);
  await check("confirm");
  await page
    .getByRole("button", { name: /Confirm/ })
    .first()
    .click();
  await page.getByRole("heading", { name: "You're subscribed" }).waitFor();
  await check("confirmed");

  const welcome = await linkInMessage(page, /Welcome to Backend Weekly/, "preferences");
  const token = welcome.split("/").at(-1)!;
  runCli(service, ["digest", "run"]);
  await page.goto(`${service.url}/digest/${token}`);
  await page.getByRole("heading", { name: "Your latest digest" }).waitFor();
  await check("digest page");

  await page.goto(welcome);
  await openAll();
  await check("preferences");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await page.getByRole("status").first().waitFor();
  await check("preferences saved");
  await page.goto(welcome);
  await page.getByRole("button", { name: "Pause 4 weeks" }).click();
  await page.locator("#paused-until").waitFor();
  await check("preferences paused");

  await page.goto(`${service.url}/my-data/${token}`);
  await check("my data");
  await page.goto(`${service.url}/my-data/delete/${token}`);
  await check("delete my data");

  const unsubscribeUrl = await linkInMessage(page, /Welcome to Backend Weekly/, "unsubscribe");
  await page.goto(unsubscribeUrl);
  await check("unsubscribe");
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await page.getByRole("heading", { name: "You're unsubscribed" }).waitFor();
  await check("unsubscribed");

  await page.goto(`${service.url}/no-such-page`);
  await check("404");
  await page.goto(`${service.url}/confirm/not-a-real-token`);
  await check("bad link");

  await context.close();
  expect(findings, report(findings)).toEqual([]);
});

/**
 * An email is never a page of its own: a mail app shows it inside its page, which has the main
 * landmark, so the message is one article (a second main inside Gmail's or Outlook.com's was the
 * defect). The rules about a whole page's landmarks are therefore left out for emails.
 */
const EMAIL = { skipRules: ["landmark-one-main", "region"] } as const;

/** A mail app's page around a message, as Gmail and Outlook.com show one: <html> and <head> dropped, <body> kept. */
const asWebmailShowsIt = (html: string) =>
  `<!DOCTYPE html><html lang="en"><head><title>Inbox</title></head><body><header><p>Mail</p></header>` +
  `<main><h1>Inbox</h1>${/<body[^>]*>([\s\S]*)<\/body>/.exec(html)![1]}</main></body></html>`;

it("every email template, and a real digest from the outbox, has no axe violations at 375 and 1280 px", async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const findings: Finding[] = [];
  for (const { file, html } of await renderAllTemplates()) {
    await page.setContent(html);
    findings.push(...(await axeFindings(page, file, EMAIL)));
    // As webmail shows it: the message's <body> inside the mail app's own page, every rule on.
    await page.setContent(asWebmailShowsIt(html));
    findings.push(...(await axeFindings(page, `${file} in webmail`)));
  }
  // The first test mailed a real digest (demo listings, Remote OK credit included).
  await openFromDevOutbox(page, service.url, /new remote .* roles?/);
  const digest = await page.locator("iframe").getAttribute("srcdoc");
  await page.setContent(digest!);
  findings.push(...(await axeFindings(page, "digest from the outbox", EMAIL)));
  await page.setContent(asWebmailShowsIt(digest!));
  findings.push(...(await axeFindings(page, "digest from the outbox in webmail")));
  await page.close();
  expect(findings, report(findings)).toEqual([]);
});
