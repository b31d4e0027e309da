import type { FormatCallback, HtmlToTextOptions } from "html-to-text";

/**
 * How every email's plain-text part is written (passed to React Email's render, which runs
 * html-to-text). The aim is a text a person reads, not a dump of the HTML's links:
 * - a link reads "label: URL", each URL once: a link whose label is its own address, or only
 *   the address without "https://" (remoteok.com), prints that label alone; a label ending in "→" already
 *   points at what follows, so it takes no colon;
 * - `data-text="label"` on a link keeps its label and drops its URL (a card's title: the same
 *   URL follows on its "Apply" line);
 * - `data-skip-in-text="true"` (React Email's own) leaves an element out (the preview text, the
 *   per-filter "change" links and "pause": the preferences URL is printed once, in the footer);
 * - `data-text="block"` on an element sets it apart with a blank line before and after (the
 *   empty-weeks note's misses, which would otherwise run together);
 * - headings keep their case (html-to-text upper-cases them by default: shouting in a mail client);
 *   an h2 (a digest card's title) takes one line, like the block it is.
 */
export const PLAIN_TEXT_OPTIONS: HtmlToTextOptions = {
  formatters: { labelledLink },
  selectors: [
    { selector: "h1", options: { uppercase: false } },
    // The digest's job titles and "Your filters": one line each, as before they were headings.
    { selector: "h2", options: { uppercase: false, leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: "a", format: "labelledLink" },
    { selector: "a[data-text=label]", format: "labelledLink", options: { ignoreHref: true } },
    { selector: "[data-text=block]", format: "block", options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
  ],
};

function labelledLink(...[elem, walk, builder, options]: Parameters<FormatCallback>) {
  const href: string = (elem as { attribs?: Record<string, string> }).attribs?.href ?? "";
  // Any other address prints as given (the fast digest renderer compiles its text part with
  // placeholders in every href, so nothing here may depend on what the address looks like).
  if (options.ignoreHref || !href || href.startsWith("#")) return walk(elem.children, builder);
  let label = "";
  builder.pushWordTransform((word: string) => {
    label += word;
    return word;
  });
  walk(elem.children, builder);
  builder.popWordTransform();
  if (label === href || label === href.replace(/^https?:\/\//i, "")) return;
  builder.addInline(label ? `${label.endsWith("→") ? "" : ":"} ${href}` : href, { noWordTransform: true });
}
