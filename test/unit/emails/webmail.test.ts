import { textContent } from "domutils";
import { type Element, isTag } from "domhandler";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { elements, renderEveryEmail } from "../../support/email-templates";

// Webmail (Gmail, Outlook.com, Yahoo) shows a message inside its own page: it keeps what is in
// <body> (role and aria attributes included, caniemail) and drops <html> with its lang and dir.
// Acceptance run: only <html> said "en", so in webmail the message took the language of the mail
// app's interface and a screen reader set to it read our English with that language's voice; and
// the message was role="main", a second main landmark inside the mail app's own.

/** What webmail keeps: the elements inside <body>. */
function asWebmailKeepsIt(html: string): Element[] {
  const body = elements(parseDocument(html)).find((el) => el.name === "body");
  expect(body, "a <body>").toBeDefined();
  return body!.children.filter(isTag);
}

const emails = await renderEveryEmail();

describe("every email as webmail shows it", () => {
  it.each(emails)(
    "$file is one English, left-to-right article named after the message, with no main landmark",
    ({ html }) => {
      const kept = asWebmailKeepsIt(html).flatMap((el) => [el, ...elements(el)]);
      expect(kept.filter((el) => el.attribs.role === "main" || el.name === "main")).toEqual([]);
      const articles = kept.filter((el) => el.attribs.role === "article");
      expect(articles).toHaveLength(1);
      const title = textContent(elements(parseDocument(html)).find((el) => el.name === "title")!);
      const { lang, dir, "aria-roledescription": kind, "aria-label": label } = articles[0]!.attribs;
      expect({ lang, dir, kind, label }).toEqual({ lang: "en", dir: "ltr", kind: "email", label: title });
    },
  );
});
