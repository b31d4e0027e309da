import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { startService, type RunningService } from "./service";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Debian's Chromium, headless, driven by playwright-core. The flags keep it off the network
 * (this machine has none) and let it run as root in CI.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-gpu",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * For one browser test file: the service started as `npm start` would (its own temp data
 * folder) and one Chromium, both stopped after the file. Read `.service` and `.browser` in tests.
 */
export function useServiceAndBrowser(): { service: RunningService; browser: Browser } {
  const ctx = {} as { service: RunningService; browser: Browser };
  beforeAll(async () => {
    [ctx.service, ctx.browser] = await Promise.all([startService(), launchBrowser()]);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.service?.stop();
  });
  return ctx;
}

/**
 * Opens a message in /dev/outbox by its subject, reloading until it is there: the subscribe form
 * answers first and mails just after (issue 16.4). With `count`, exactly that many must be listed.
 */
export async function openFromDevOutbox(
  page: Page,
  serviceUrl: string,
  subject: string | RegExp,
  opts: { count?: number } = {},
): Promise<void> {
  const link = () => page.getByRole("link", { name: subject });
  const listed = expect.poll(async () => {
    await page.goto(`${serviceUrl}/dev/outbox`);
    return link().count();
  });
  await (opts.count === undefined ? listed.toBeGreaterThan(0) : listed.toBe(opts.count));
  await link().first().click();
}

/** Today's ISO weekday (1 = Monday) in `timeZone`, as a form value: a slot at 00:00 today has always arrived. */
export const isoWeekdayToday = (timeZone: string) =>
  String(
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(
      new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone }).format(new Date()),
    ) + 1,
  );
