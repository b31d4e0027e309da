import { describe, expect, it } from "vitest";
import WeeklyDigest from "../../../emails/weekly-digest";
import { renderAllTemplates } from "../../support/email-templates";

const templates = await renderAllTemplates();
const URL = /https?:\/\/\S+/g;
const HAS_URL = /https?:\/\//;

describe("every email's plain-text part reads as text", () => {
  it.each(templates)("$file names each URL once, one a line, after a short label", ({ text }) => {
    const urls: string[] = text.match(URL) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    expect(
      urls.filter((u, i) => urls.indexOf(u) !== i),
      "URLs printed twice",
    ).toEqual([]);
    for (const line of text.split("\n").filter((l) => HAS_URL.test(l))) {
      expect(line.match(URL), line).toHaveLength(1);
      // "Apply → https://…", "Unsubscribe: https://…"
      expect(line, "a short label, then the URL").toMatch(/^[^:]{1,40}(:| →) https?:\/\/\S+$/);
    }
  });

  it.each(templates)("$file has no line in capitals", ({ text }) => {
    for (const line of text.split("\n"))
      if (/[A-Z]{3}/.test(line)) expect(line, "a shouted line").not.toBe(line.toUpperCase());
  });

  it("the digest names the preferences page once, not once per filter and link", () => {
    const { text } = templates.find((t) => t.file === "weekly-digest.tsx")!;
    const preferences = WeeklyDigest.PreviewProps.preferencesUrl;
    expect(text.split(preferences).length - 1).toBe(1);
    expect(text).toContain("Why it matched: ");
    expect(text).toContain(`Unsubscribe: ${WeeklyDigest.PreviewProps.unsubscribeUrl}`);
  });
});
