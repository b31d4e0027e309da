/** @jsxImportSource react */
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export interface LayoutProps {
  preview: string;
  heading: string;
  children: ReactNode;
  /** Links that close every email; the digest and the welcome carry manage and unsubscribe. */
  footerLinks?: { label: string; href: string }[];
  footerNote?: string;
}

/** The shared skeleton of every email: preview text, a heading, the body, a quiet footer. */
export function Layout({ preview, heading, children, footerLinks = [], footerNote }: LayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Backend Weekly</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={styles.hr} />
          <Section>
            {footerNote ? <Text style={styles.footer}>{footerNote}</Text> : null}
            {footerLinks.length ? (
              <Text style={styles.footer}>
                {footerLinks.map((l, i) => (
                  <span key={l.href}>
                    {i > 0 ? " · " : ""}
                    <Link href={l.href} style={styles.footerLink}>
                      {l.label}
                    </Link>
                  </span>
                ))}
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export const styles = {
  body: { backgroundColor: "#f4f5f7", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", borderRadius: "8px", maxWidth: "600px", margin: "0 auto", padding: "24px" },
  brand: { color: "#4f46e5", fontSize: "14px", fontWeight: 700, letterSpacing: "0.04em", margin: "0 0 8px" },
  heading: { color: "#111827", fontSize: "22px", lineHeight: "1.3", margin: "0 0 16px" },
  text: { color: "#1f2937", fontSize: "15px", lineHeight: "1.6", margin: "0 0 12px" },
  muted: { color: "#6b7280", fontSize: "13px", lineHeight: "1.5", margin: "0 0 8px" },
  button: { backgroundColor: "#4f46e5", borderRadius: "6px", color: "#ffffff", display: "inline-block", fontSize: "15px", fontWeight: 600, padding: "12px 20px", textDecoration: "none" },
  hr: { borderColor: "#e5e7eb", margin: "24px 0 12px" },
  footer: { color: "#6b7280", fontSize: "12px", lineHeight: "1.5", margin: "0 0 6px" },
  footerLink: { color: "#4b5563", textDecoration: "underline" },
} as const;
