import { type Element, isTag, type ParentNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import WeeklyDigest from "../../../emails/weekly-digest";
import { createDigestRenderer } from "../../../src/digest/render/digest-body";
import { renderAllTemplates } from "../../support/email-templates";

// iOS Mail turns what looks like a date, a phone number or an address into a link of its own (a
// listing's posting date, a salary figure), styled blue and pointing at the calendar or the phone:
// not our link, and not our colour. Acceptance run (acc6ui).
function elements(node: ParentNode): Element[] {
  return node.children.filter(isTag).flatMap((el) => [el, ...elements(el)]);
}

const templates = await renderAllTemplates();
const fastDigest = await createDigestRenderer().render(WeeklyDigest.PreviewProps);

describe("every email asks iOS Mail not to make links of its own", () => {
  it.each([...templates, { file: "weekly-digest.tsx by the fast renderer", html: fastDigest.html }])(
    "$file turns off format detection for dates, numbers, addresses and emails",
    ({ html }) => {
      const meta = elements(parseDocument(html)).find(
        (el) => el.name === "meta" && el.attribs.name === "format-detection",
      );
      expect(meta?.attribs.content).toBe("telephone=no, date=no, address=no, email=no");
    },
  );
});
