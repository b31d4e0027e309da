import { doIUseEmail } from "@jsx-email/doiuse-email";
import { describe, expect, it } from "vitest";
import { renderAllTemplates } from "../../support/email-templates";

/** The clients the issue names, every platform caniemail lists for each. */
const CLIENTS = ["gmail.*", "outlook.*", "apple-mail.*", "yahoo.*"];

/**
 * What caniemail reports as unsupported that we use anyway: progressive enhancements, each safe
 * because a client that ignores it loses nothing a reader needs (README "Email" says the same).
 */
const ALLOWED: Record<string, string> = {
  "<body> element":
    "Outlook on Mac and phones and Yahoo's apps replace <body> with a <div>: React Email's Body repeats its styles on a wrapping cell, so nothing is lost.",
  "role attribute":
    'Windows Mail ignores role="presentation" on layout tables: it only tells screen readers the table is not data.',
  "aria-label attribute":
    "On each Apply button and each 'See the listing →' of the empty-weeks note, naming its job for a screen reader's list of links; Windows Mail and Yahoo drop it and read the visible words, with the job's title just above, as before.",
  "border-radius": "Outlook for Windows draws square corners instead of round ones.",
  "word-break":
    "On the 'Or open this link' URL and the message's container, so a signature or a word wider than a phone wraps; Windows Mail and Yahoo may show it unwrapped and scroll sideways, as before.",
  "overflow-wrap":
    "On the message's container, beside word-break, so a word wider than a phone (a long German compound, a hostile title) wraps; a client without either scrolls sideways, as before.",
};
/** Only inside the hidden preview text (React Email's Preview): each client that ignores one of these hides it another way. */
const PREHEADER_ALLOWED: Record<string, string> = {
  "display:none": "Gmail's mobile web client keeps the block but max-height:0 and overflow:hidden collapse it.",
  opacity: "Outlook and Yahoo ignore opacity:0; display:none hides the block there.",
  overflow: "Outlook and Yahoo on Android ignore overflow:hidden; display:none hides the block there.",
};

// React Email's Preview: a hidden <div> holding the preview text and a padding <div>.
const PREHEADER = /<div style="display:none[^"]*" data-skip-in-text="true">.*?<div>[^<]*<\/div><\/div>/s;

function unsupported(html: string): string[] {
  const result = doIUseEmail(html, { emailClients: CLIENTS });
  return result.success ? [] : result.errors;
}
const feature = (error: string) => /^`(.+?)` is not supported by `/.exec(error)?.[1] ?? error;

const templates = await renderAllTemplates();

describe("every email template against caniemail data for Gmail, Outlook, Apple Mail and Yahoo", () => {
  it("renders every template, the five the issue names among them", () => {
    const files = templates.map((t) => t.file);
    for (const file of [
      "confirm-subscription.tsx",
      "manage-link.tsx",
      "new-choices.tsx",
      "weekly-digest.tsx",
      "welcome.tsx",
    ])
      expect(files).toContain(file);
  });

  it.each(templates)("$file uses nothing unsupported beyond the documented enhancements", ({ html }) => {
    const preheader = html.match(PREHEADER);
    expect(preheader, "the preview text block").not.toBeNull();
    const body = html.replace(PREHEADER, "");
    expect(
      unsupported(body)
        .map(feature)
        .filter((f) => !(f in ALLOWED)),
    ).toEqual([]);
    const hidden = `<!DOCTYPE html><html><head></head><body>${preheader![0]}</body></html>`;
    expect(
      unsupported(hidden)
        .map(feature)
        .filter((f) => !(f in ALLOWED) && !(f in PREHEADER_ALLOWED)),
    ).toEqual([]);
  });

  it.each(templates)("$file puts spacing on cells, not tables, and opens no links in a target", ({ html }) => {
    // Outlook for Windows ignores padding on <table>; Gmail and Yahoo do not support target.
    expect(html.match(/<table[^>]*style="[^"]*padding[^"]*"/g)).toBeNull();
    expect(html).not.toMatch(/<a [^>]*target=/);
  });

  it.each(templates)("$file names its document and its language, and lays out at the device's width", ({ html }) => {
    expect(html).toMatch(/<html [^>]*lang="en"/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
  });
});
