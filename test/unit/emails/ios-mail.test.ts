import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { elements, renderEveryEmail } from "../../support/email-templates";

// iOS Mail turns what looks like a date, a phone number or an address into a link of its own (a
// listing's posting date, a salary figure), styled blue and pointing at the calendar or the phone:
// not our link, and not our colour. Acceptance run (acc6ui).

const emails = await renderEveryEmail();

describe("every email asks iOS Mail not to make links of its own", () => {
  it.each(emails)("$file turns off format detection for dates, numbers, addresses and emails", ({ html }) => {
    const meta = elements(parseDocument(html)).find(
      (el) => el.name === "meta" && el.attribs.name === "format-detection",
    );
    expect(meta?.attribs.content).toBe("telephone=no, date=no, address=no, email=no");
  });
});
