/** @jsxImportSource react */
import { createElement, type ReactNode } from "react";

/**
 * Outlook for Windows 2007–2016 lays mail out with Word, which ignores max-width (caniemail), so
 * the message's 600 px card spread across the whole reading pane. The usual fix is a "ghost"
 * table of a fixed 600 px that only Outlook sees, inside conditional comments. React writes no
 * comments, so two empty marker elements stand where they go and renderEmail (src/mail/render.ts)
 * swaps them for the comments in the HTML, before anything else reads it: the fast digest
 * renderer builds its templates from renderEmail's output, so both renderers write the same bytes.
 * The text part never shows the markers (empty elements are no text).
 */
export const OUTLOOK_WIDTH_PX = 600;

const OPEN = "bw-outlook-width-open";
const CLOSE = "bw-outlook-width-close";

const SWAPS: readonly (readonly [string, string])[] = [
  [
    `<${OPEN}></${OPEN}>`,
    `<!--[if mso]><table role="presentation" align="center" width="${OUTLOOK_WIDTH_PX}" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->`,
  ],
  [`<${CLOSE}></${CLOSE}>`, "<!--[if mso]></td></tr></table><![endif]-->"],
];

/** Holds its children to OUTLOOK_WIDTH_PX in Outlook for Windows; other clients see only the children. */
export function OutlookWidth({ children }: { children: ReactNode }) {
  return (
    <>
      {createElement(OPEN)}
      {children}
      {createElement(CLOSE)}
    </>
  );
}

/** The rendered HTML with OutlookWidth's markers replaced by Outlook's conditional comments. */
export function withOutlookMarkup(html: string): string {
  let out = html;
  for (const [marker, markup] of SWAPS) out = out.replaceAll(marker, markup);
  return out;
}
