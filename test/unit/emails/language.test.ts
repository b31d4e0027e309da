import { type Element, isTag, type ParentNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import WeeklyDigest from "../../../emails/weekly-digest";
import { createDigestRenderer } from "../../../src/digest/render/digest-body";
import { renderAllTemplates } from "../../support/email-templates";

// Webmail (Gmail, Outlook.com, Yahoo) shows a message inside its own page: it keeps what is in
// <body> and drops <html> with its lang and dir. Acceptance run: only <html> said "en", so in
// webmail the message took the language of the mail app's interface and a screen reader set to
// it read our English with that language's voice.
function elements(node: ParentNode): Element[] {
  return node.children.filter(isTag).flatMap((el) => [el, ...elements(el)]);
}

/** What webmail keeps: the elements inside <body>. */
function asWebmailKeepsIt(html: string): Element[] {
  const body = elements(parseDocument(html)).find((el) => el.name === "body");
  expect(body, "a <body>").toBeDefined();
  return body!.children.filter(isTag);
}

const templates = await renderAllTemplates();
const fastDigest = await createDigestRenderer().render(WeeklyDigest.PreviewProps);

describe("the language of every email, as webmail shows it", () => {
  it.each([...templates, { file: "weekly-digest.tsx by the fast renderer", html: fastDigest.html }])(
    "$file says English, left to right, on the element that holds the message",
    ({ html }) => {
      const kept = asWebmailKeepsIt(html);
      const holder = kept.flatMap((el) => [el, ...elements(el)]).find((el) => el.attribs.role === "main");
      expect(holder, "the message's main landmark").toBeDefined();
      expect({ lang: holder!.attribs.lang, dir: holder!.attribs.dir }).toEqual({ lang: "en", dir: "ltr" });
    },
  );
});
