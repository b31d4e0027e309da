import { createElement } from "react";
import { describe, expect, it } from "vitest";
import Welcome from "../../../emails/welcome";
import { renderEmail } from "../../../src/mail/render";
import { describeFirstDigest } from "../../../src/subscribers/first-digest";
import { DEFAULT_PREFERENCES } from "../../../src/subscribers/preferences";

const NOW = new Date("2026-03-25T10:00:00Z"); // a Wednesday, after the default Monday slot

/** The welcome email's plain text with this "first digest" sentence, as the confirm flow builds it. */
async function welcomeText(firstDigest: string): Promise<string> {
  const props = { ...Welcome.PreviewProps, firstDigest };
  return (await renderEmail(createElement(Welcome, props))).text.replace(/\s+/g, " ");
}

const emptyWeekMentions = (text: string) => text.match(/nothing new/gi)?.length ?? 0;

describe("the welcome email's first-digest paragraph", () => {
  it("says once that an empty week sends nothing, when the filters match nothing now", async () => {
    const text = await welcomeText(describeFirstDigest(DEFAULT_PREFERENCES, NOW, { matchesNow: 0 }));
    expect(text).toContain("right now none does");
    expect(emptyWeekMentions(text)).toBe(1);
  });

  it("still says it when the filters match something", async () => {
    const text = await welcomeText(describeFirstDigest(DEFAULT_PREFERENCES, NOW, { matchesNow: 3 }));
    expect(text).toContain("Your first digest arrives within the next 15 minutes, then every Monday");
    expect(emptyWeekMentions(text)).toBe(1);
  });
});
