import { createElement } from "react";
import { describe, expect, it } from "vitest";
import Welcome from "../../../emails/welcome";
import { renderEmail } from "../../../src/mail/render";
import { describeFirstDigest } from "../../../src/subscribers/first-digest";
import { DEFAULT_PREFERENCES } from "../../../src/subscribers/preferences";

const NOW = new Date("2026-03-25T10:00:00Z"); // a Wednesday, after the default Monday slot

/** The welcome email's plain text for these matches now, with the sentence the confirm flow builds. */
async function welcomeText(matchesNow: number): Promise<string> {
  const firstDigest = describeFirstDigest(DEFAULT_PREFERENCES, NOW, { matchesNow });
  const props = { ...Welcome.PreviewProps, firstDigest, matchesNow: matchesNow !== 0 };
  return (await renderEmail(createElement(Welcome, props))).text.replace(/\s+/g, " ");
}

const emptyWeekMentions = (text: string) => text.match(/nothing new/gi)?.length ?? 0;

describe("the welcome email's first-digest paragraph", () => {
  it("says once that an empty week sends nothing, when the filters match nothing now", async () => {
    const text = await welcomeText(0);
    expect(text).toContain("right now none does");
    expect(emptyWeekMentions(text)).toBe(1);
  });

  it("still says it when the filters match something", async () => {
    const text = await welcomeText(3);
    expect(text).toContain("Your first digest arrives within the next 15 minutes, then every Monday");
    expect(emptyWeekMentions(text)).toBe(1);
  });
});
