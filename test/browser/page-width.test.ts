import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { useServiceAndBrowser } from "../support/browser";
import { runCli, type RunningService } from "../support/service";

// Acceptance run: a hostile source's title and company with no break opportunity made /sample
// 3,718 px wide on a 320 px phone (WCAG 1.4.10, reflow); the digest page shares its styles.
const ctx = useServiceAndBrowser();
let service: RunningService;
let browser: Browser;
beforeAll(() => ({ service, browser } = ctx));

it("lays a listing with an unbreakable title and company out within 320 px on /sample", async () => {
  const title = `Senior Backend Engineer ${"LONG".repeat(200)}`;
  const payload = [
    { legal: "recorded for a test" },
    {
      id: "900001",
      slug: "long-words",
      epoch: String(Math.floor(Date.now() / 1000) - 3600),
      date: new Date(Date.now() - 3_600_000).toISOString(),
      company: "B".repeat(500),
      position: title,
      tags: ["golang", "backend"],
      description: "<p>Build and run Go APIs and services on PostgreSQL.</p>",
      location: "Worldwide",
      url: "https://remoteok.com/remote-jobs/900001",
      apply_url: "https://remoteok.com/remote-jobs/900001",
    },
  ];
  const file = join(service.dir, "long-words.json");
  writeFileSync(file, JSON.stringify(payload));
  runCli(service, ["import", file, "--type", "remoteok"]);

  const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
  await page.goto(`${service.url}/sample`);
  await page.getByText("Senior Backend Engineer LONGLONG", { exact: false }).first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
  await page.close();
});
