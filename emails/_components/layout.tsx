/** @jsxImportSource react */
import { Body } from "@react-email/body";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Html } from "@react-email/html";
import { Preview } from "@react-email/preview";
import { Text } from "@react-email/text";
import type { CSSProperties, ReactNode } from "react";
import { OutlookFonts, OutlookWidth } from "./outlook";

export interface LayoutProps {
  preview: string;
  heading: string;
  /** The document's <title> (what a browser tab or a mail client's reading pane names); the heading by default. */
  title?: string;
  children: ReactNode;
  /** Links that close every email; the digest and the welcome carry manage and unsubscribe. */
  footerLinks?: { label: string; href: string; skipInText?: boolean }[];
  footerNote?: string;
}

/**
 * The shared skeleton of every email: preview text, a heading, the body, a quiet footer.
 * Spacing sits on table cells, never on tables: Outlook for Windows (Word's renderer) ignores
 * padding on <table> and on most inline elements but honours it on <td>.
 */
export function Layout({ preview, heading, title, children, footerLinks = [], footerNote }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <title>{title ?? heading}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Designed and contrast-checked for light only: clients that honour this (Apple Mail)
            show it as designed instead of inverting colours on their own. */}
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
        {/* iOS Mail turns dates, numbers and addresses into links of its own (a posting date, a salary). */}
        <meta name="format-detection" content="telephone=no, date=no, address=no, email=no" />
        <OutlookFonts />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        {/* The message is one article, named after it, as a screen reader lists it inside the
            mail app's page. It was role="main": Gmail and Outlook.com keep role, so every message
            put a second main landmark inside their own. Its language and direction are repeated
            here: webmail (Gmail, Outlook.com, Yahoo) drops <html> and its attributes, and the
            message then took the language of the mail app's own interface, so a screen reader set
            to it read our English with another language's voice. */}
        <div role="article" aria-roledescription="email" aria-label={title ?? heading} lang="en" dir="ltr">
          {/* max-width alone does not hold in Outlook for Windows: see OutlookWidth. */}
          <OutlookWidth>
            <Cell tableStyle={styles.container} style={styles.containerCell}>
              <p style={styles.brand}>Backend Weekly</p>
              <Heading as="h1" style={styles.heading}>
                {heading}
              </Heading>
              {children}
              <hr style={styles.hr} />
              {footerNote ? <p style={styles.footer}>{footerNote}</p> : null}
              {footerLinks.length ? (
                <div style={styles.footer}>
                  {footerLinks.map((l) => (
                    // One block per link: in the HTML they sit side by side (inline-block), in the text part one a line.
                    <div key={l.href} style={styles.footerItem} data-skip-in-text={l.skipInText ? "true" : undefined}>
                      <a href={l.href} style={styles.footerLink}>
                        {l.label}
                      </a>
                    </div>
                  ))}
                </div>
              ) : null}
            </Cell>
          </OutlookWidth>
        </div>
      </Body>
    </Html>
  );
}

/** A one-cell layout table: whatever spacing and borders it needs go on the cell (see Layout). */
export function Cell({
  children,
  style,
  tableStyle,
}: {
  children: ReactNode;
  style?: CSSProperties;
  tableStyle?: CSSProperties;
}) {
  return (
    <table role="presentation" width="100%" cellPadding="0" cellSpacing="0" border={0} style={tableStyle}>
      <tbody>
        <tr>
          <td style={style}>{children}</td>
        </tr>
      </tbody>
    </table>
  );
}

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
/** Brand indigo for links: 7.9:1 on white (WCAG AA asks 4.5:1). */
export const LINK_COLOR = "#4338ca";

export const styles = {
  body: { backgroundColor: "#f4f5f7", fontFamily: FONT, margin: 0, padding: "24px 12px" },
  container: { backgroundColor: "#ffffff", borderRadius: "8px", maxWidth: "600px", margin: "0 auto" },
  // A word longer than a phone is wide (a German compound, a hostile source's 800-letter title) would
  // otherwise widen the layout table past the screen: both properties let it wrap anywhere, for the
  // clients that know either (word-break: break-word is WebKit's and Blink's older spelling).
  containerCell: { fontFamily: FONT, padding: "24px", overflowWrap: "anywhere", wordBreak: "break-word" },
  brand: {
    color: LINK_COLOR,
    fontSize: "14px",
    fontWeight: 700,
    letterSpacing: "0.04em",
    lineHeight: "1.5",
    margin: "0 0 8px",
  },
  heading: { color: "#111827", fontSize: "22px", lineHeight: "1.3", margin: "0 0 16px" },
  text: { color: "#1f2937", fontSize: "15px", lineHeight: "1.6", margin: "0 0 12px" },
  muted: { color: "#4b5563", fontSize: "14px", lineHeight: "1.5", margin: "0 0 8px" },
  link: { color: LINK_COLOR, textDecoration: "underline" },
  hr: { border: "none", borderTop: "1px solid #e5e7eb", margin: "24px 0 4px" },
  footer: { color: "#4b5563", fontSize: "14px", lineHeight: "1.5", margin: "8px 0 0" },
  // 20 px of line and 12 px above and below: a 44 px tap target (WCAG 2.5.5, Apple's HIG).
  footerItem: { display: "inline-block", marginRight: "20px" },
  footerLink: {
    color: LINK_COLOR,
    display: "inline-block",
    fontSize: "14px",
    lineHeight: "20px",
    padding: "12px 0",
    textDecoration: "underline",
  },
} as const;

/**
 * The one call to action of an email, as a link styled as a button: 20 px of line and 12 px of
 * padding above and below make it 44 px tall. (React Email's Button adds target="_blank", which
 * Gmail and Yahoo do not support, and Outlook-only markup we do not need for a single line.)
 */
export function ButtonLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p style={{ margin: "20px 0" }}>
      <a href={href} style={buttonStyle}>
        {children}
      </a>
    </p>
  );
}
/**
 * The button's URL in full, for a client that blocks the button. A signed link ends in a base64url
 * signature with no break opportunity, which widened the whole message past a 375 px phone:
 * word-break lets it wrap anywhere. Windows Mail and Yahoo ignore word-break (caniemail); there
 * word-wrap (no caniemail data) may still wrap it, and at worst the message scrolls as before.
 */
export function LinkFallback({ href }: { href: string }) {
  return (
    <Text style={styles.muted} data-skip-in-text="true">
      Or open this link: <span style={{ wordBreak: "break-all", wordWrap: "break-word" }}>{href}</span>
    </Text>
  );
}

const buttonStyle = {
  backgroundColor: LINK_COLOR,
  borderRadius: "6px",
  color: "#ffffff",
  display: "inline-block",
  fontSize: "15px",
  fontWeight: 600,
  lineHeight: "20px",
  padding: "12px 20px",
  textDecoration: "none",
} as const;
