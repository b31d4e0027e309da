/** @jsxImportSource react */
import { createElement, type ReactNode } from "react";

/**
 * Markup for Outlook for Windows 2007–2016 alone, which lays mail out with Word. It goes inside
 * conditional comments (<!--[if mso]>…<![endif]-->), which every other client reads as comments.
 * React writes no comments, so empty marker elements stand where the markup goes and renderEmail
 * (src/mail/render.ts) swaps them for it in the HTML, before anything else reads it: the fast
 * digest renderer builds its templates from renderEmail's output, so both renderers write the same
 * bytes. The text part never shows the markers (empty elements are no text).
 */
export const OUTLOOK_WIDTH_PX = 600;

/** Outlook's own fonts: Word does not carry a cell's font into the tables nested in it (the digest's cards). */
export const OUTLOOK_FONT = "'Segoe UI', Arial, sans-serif";

const WIDTH_OPEN = "bw-outlook-width-open";
const WIDTH_CLOSE = "bw-outlook-width-close";
const FONTS = "bw-outlook-fonts";

const SWAPS: readonly (readonly [string, string])[] = [
  [
    `<${WIDTH_OPEN}></${WIDTH_OPEN}>`,
    `<!--[if mso]><table role="presentation" align="center" width="${OUTLOOK_WIDTH_PX}" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->`,
  ],
  [`<${WIDTH_CLOSE}></${WIDTH_CLOSE}>`, "<!--[if mso]></td></tr></table><![endif]-->"],
  [
    `<${FONTS}></${FONTS}>`,
    `<!--[if mso]><style>body,table,td,p,div,span,a,h1,h2,strong{font-family:${OUTLOOK_FONT}!important}</style><![endif]-->`,
  ],
];

/**
 * Holds its children to OUTLOOK_WIDTH_PX in Outlook for Windows, which ignores max-width: the
 * message's 600 px card spread across the whole reading pane. Other clients see only the children.
 */
export function OutlookWidth({ children }: { children: ReactNode }) {
  return (
    <>
      {createElement(WIDTH_OPEN)}
      {children}
      {createElement(WIDTH_CLOSE)}
    </>
  );
}

/**
 * In <head>: sets OUTLOOK_FONT on every element for Outlook for Windows. Word does not inherit a
 * cell's font into a nested table (every digest card and "Your filters" is one), which it then
 * sets in Times New Roman, and it may drop a whole font stack whose first font it lacks
 * (-apple-system). Other clients keep the inline fonts.
 */
export function OutlookFonts() {
  return createElement(FONTS);
}

/** The rendered HTML with the markers replaced by Outlook's conditional comments. */
export function withOutlookMarkup(html: string): string {
  let out = html;
  for (const [marker, markup] of SWAPS) out = out.replaceAll(marker, markup);
  return out;
}
