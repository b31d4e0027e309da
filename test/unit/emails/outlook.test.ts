import { isTag } from "domhandler";
import { textContent } from "domutils";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import WeeklyDigest from "../../../emails/weekly-digest";
import { createDigestRenderer } from "../../../src/digest/render/digest-body";
import { elements, renderAllTemplates, renderEveryEmail } from "../../support/email-templates";

// Outlook for Windows 2007–2016 (Word's engine) ignores max-width (caniemail: "n"; the caniemail
// test checks only each client's latest version, 2019, where it is partial), so the 600 px card
// spread across the whole reading pane; and it sets a nested table whose cells name no font (each
// digest card) in Times New Roman. Outlook reads what sits inside <!--[if mso]>…<![endif]-->;
// every other client sees a comment.
const asOutlookSeesIt = (html: string) => html.replace(/<!--\[if mso\]>([\s\S]*?)<!\[endif\]-->/g, "$1");
const asOthersSeeIt = (html: string) => html.replace(/<!--[\s\S]*?-->/g, "");

/** The widths, in px, of the tables around the message's card (the table whose style says max-width). */
function widthsAroundTheCard(html: string): number[] {
  const card = elements(parseDocument(html)).find(
    (el) => el.name === "table" && /max-width:600px/.test(el.attribs.style ?? ""),
  );
  expect(card, "the message's 600 px card").toBeDefined();
  const widths: number[] = [];
  for (let el = card!.parent; el && isTag(el); el = el.parent)
    if (el.name === "table" && /^\d+$/.test(el.attribs.width ?? "")) widths.push(Number(el.attribs.width));
  return widths;
}

const emails = await renderEveryEmail();

describe("Outlook for Windows (Word's engine)", () => {
  it.each(emails)("$file sits in a 600 px table only Outlook sees", ({ html }) => {
    expect(widthsAroundTheCard(asOutlookSeesIt(html))).toEqual([600]);
    expect(widthsAroundTheCard(asOthersSeeIt(html))).toEqual([]);
    expect(html).not.toMatch(/<bw-outlook/); // every marker was swapped
  });

  it.each(emails)("$file sets a Windows font on every cell for Outlook only, nested tables included", ({ html }) => {
    const styles = (doc: string) =>
      elements(parseDocument(doc))
        .filter((el) => el.name === "style")
        .map((el) => textContent(el));
    // Word does not carry the card cell's font into the tables nested in it (each digest card).
    expect(styles(asOutlookSeesIt(html)).join("")).toMatch(/(^|[,{])td[,{][^}]*font-family:'Segoe UI'/);
    expect(styles(asOthersSeeIt(html))).toEqual([]); // the inline fonts hold everywhere else
  });

  it("leaves the plain-text part as it was: the markers are no text", async () => {
    const { text } = (await renderAllTemplates()).find((t) => t.file === "weekly-digest.tsx")!;
    expect(text).not.toMatch(/mso|bw-outlook|\[if/);
    expect((await createDigestRenderer().render(WeeklyDigest.PreviewProps)).text).toBe(text);
  });
});
