import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { withOutlookMarkup } from "../../emails/_components/outlook";
import { PLAIN_TEXT_OPTIONS } from "../../emails/_components/plain-text";

/**
 * Renders a React Email element into the HTML and plain-text parts every message carries. The
 * HTML gets the Outlook-only markup React cannot write (withOutlookMarkup) here, in the one place
 * every email and the fast digest renderer's templates come from.
 */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: PLAIN_TEXT_OPTIONS }),
  ]);
  return { html: withOutlookMarkup(html), text };
}
