import { textContent } from "domutils";
import { type Element, isTag, type ParentNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderAllTemplates } from "../../support/email-templates";

// A screen reader's list of links shows each link's name alone. Acceptance run: the empty-weeks
// note listed every near miss as "See the listing →", five links of one name to five jobs. A name
// must say where its link goes: two links of one name go to one place.
function links(node: ParentNode): Element[] {
  return node.children.filter(isTag).flatMap((el) => (el.name === "a" ? [el] : links(el)));
}
const accessibleName = (a: Element) => (a.attribs["aria-label"] ?? textContent(a)).replace(/\s+/g, " ").trim();

const templates = await renderAllTemplates();

describe("link names in every email", () => {
  it.each(templates)("$file gives links to different places different names", ({ html }) => {
    const hrefsByName = new Map<string, Set<string>>();
    for (const a of links(parseDocument(html))) {
      const name = accessibleName(a);
      hrefsByName.set(name, (hrefsByName.get(name) ?? new Set()).add(a.attribs.href ?? ""));
    }
    const ambiguous = [...hrefsByName].filter(([, hrefs]) => hrefs.size > 1).map(([name]) => name);
    expect(ambiguous).toEqual([]);
  });

  // Screen readers read a trailing "→" aloud ("See all 12 matches right arrow").
  it.each(templates)("$file names no link with an arrow", ({ html }) => {
    const arrowed = links(parseDocument(html))
      .map(accessibleName)
      .filter((name) => /[→›»]$/.test(name));
    expect(arrowed).toEqual([]);
  });

  it("names each near miss of the empty-weeks note after its job", () => {
    const { html } = templates.find((t) => t.file === "empty-weeks.tsx")!;
    const names = links(parseDocument(html))
      .map(accessibleName)
      .filter((name) => name.startsWith("See the listing"));
    expect(names).toEqual([
      "See the listing: Senior Go Engineer at Acme",
      "See the listing: Backend Developer (Python) at Globex",
    ]);
  });
});
