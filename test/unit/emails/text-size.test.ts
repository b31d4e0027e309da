import { describe, expect, it } from "vitest";
import { renderAllTemplates } from "../../support/email-templates";

// Acceptance run: the "why it matched" and "Posted" lines of every digest card, "Your filters",
// each near miss's reason in the empty-weeks note, "Or open this link" and every footer were set
// at 13 px, under the 14 px floor we hold every text a person reads in an email to (a mail app
// shows it at that size on a phone, before any zoom).
const MIN_PX = 14;

const templates = await renderAllTemplates();

describe("text size in every email", () => {
  it.each(templates)(`$file sets no text under ${MIN_PX} px`, ({ html }) => {
    const sizes = [...html.matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(3);
    expect(sizes.filter((px) => px < MIN_PX)).toEqual([]);
  });
});
