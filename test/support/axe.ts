import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const WIDTHS = [375, 1280] as const;

/** One axe finding, small enough to read in a failure message. */
export interface Finding {
  state: string;
  width: number;
  rule: string;
  impact: string | null;
  nodes: string[];
}

/**
 * Runs axe-core (every rule it runs by default: WCAG 2.x A and AA, best practices) on the page as
 * it is, at each width, and returns every violation of any impact. The source is evaluated
 * through the DevTools protocol, which the page's Content-Security-Policy does not govern, so the
 * page is tested under its real policy.
 */
export async function axeFindings(
  page: Page,
  state: string,
  opts: { skipRules?: readonly string[] } = {},
): Promise<Finding[]> {
  const rules = Object.fromEntries((opts.skipRules ?? []).map((id) => [id, { enabled: false }]));
  const findings: Finding[] = [];
  const height = page.viewportSize()?.height ?? 900;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height });
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async (rules) => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: unknown,
              opts: unknown,
            ) => Promise<{
              violations: {
                id: string;
                impact: string | null;
                nodes: { target: unknown[]; failureSummary?: string }[];
              }[];
            }>;
          };
        }
      ).axe;
      // Frames are not entered: the outbox shows each email in a sandboxed frame, and every email is checked on its own.
      const result = await axe.run(document, { resultTypes: ["violations"], iframes: false, rules });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`.slice(0, 300)),
      }));
    }, rules);
    for (const v of violations) findings.push({ state, width, rule: v.id, impact: v.impact, nodes: v.nodes });
  }
  return findings;
}

/**
 * Links that stand alone (the only text of their block: a header's name, "Change these
 * preferences" on its own line) drawn under 44 px tall at each width. Links inside a sentence are
 * exempt, as WCAG 2.5.8 exempts inline targets; buttons and fields are checked elsewhere.
 */
export async function smallStandaloneLinks(page: Page, state: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const height = page.viewportSize()?.height ?? 900;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height });
    const small = await page.locator("a[href]").evaluateAll((links) =>
      links
        .filter((a) => (a as HTMLElement).offsetParent !== null)
        .filter((a) => a.parentElement?.textContent?.trim() === a.textContent?.trim())
        .filter((a) => a.getBoundingClientRect().height < 44)
        .map((a) => `"${a.textContent?.trim()}" ${Math.round(a.getBoundingClientRect().height)} px`),
    );
    if (small.length) findings.push({ state, width, rule: "standalone link under 44 px", impact: null, nodes: small });
  }
  return findings;
}

/**
 * Visible text set under 14 px, at each width (the acceptance run found the digest page's
 * "Posted" and "why it matched" lines at 13.6 px). One finding per state and width, naming each
 * element and size once.
 */
export async function smallText(page: Page, state: string, minPx = 14): Promise<Finding[]> {
  const findings: Finding[] = [];
  const height = page.viewportSize()?.height ?? 900;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height });
    const small = await page.evaluate((min) => {
      const seen = new Set<string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || !node.textContent?.trim() || el.getClientRects().length === 0) continue;
        const px = Number.parseFloat(getComputedStyle(el).fontSize);
        if (px < min) seen.add(`${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ""} ${px} px`);
      }
      return [...seen];
    }, minPx);
    if (small.length) findings.push({ state, width, rule: `text under ${minPx} px`, impact: null, nodes: small });
  }
  return findings;
}
