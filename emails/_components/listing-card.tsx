/** @jsxImportSource react */
import { Section } from "@react-email/components";

export interface DigestListing {
  title: string;
  company: string;
  url: string;
  salary: string;
  stack: string;
  remote: string;
  posted: string;
  source: string;
  why: string;
}

/** A listing's card as every digest shows it: the day posted and the "why" are the subscriber's own. */
export type ListingCard = Omit<DigestListing, "posted" | "why">;

/** Whether two cards show the same listing (whatever the subscriber's own fields). */
export function sameCard(a: ListingCard, b: ListingCard): boolean {
  return a.title === b.title && a.company === b.company && a.url === b.url && a.salary === b.salary && a.stack === b.stack && a.remote === b.remote && a.source === b.source;
}

// Plain <p> and <a> with shorthand margins rather than React Email's Text and Link: those spell
// out every margin and decoration longhand, ~1.6 KB per card where this is ~0.8 KB. A 50-listing
// digest then stays well under the 102 KB at which Gmail clips a message (and hides its footer,
// the unsubscribe link included), and every batch is half the bytes to encode and send.
const card = { border: "1px solid #e5e7eb", borderRadius: "8px", margin: "0 0 12px", padding: "14px 16px" } as const;
const title = { color: "#111827", fontSize: "16px", fontWeight: 700, lineHeight: "1.35", margin: "0 0 2px" } as const;
const titleLink = { color: "#111827", textDecoration: "none" } as const;
const meta = { color: "#374151", fontSize: "14px", lineHeight: "1.5", margin: "0 0 2px" } as const;
const posted = { color: "#6b7280", fontSize: "13px", lineHeight: "1.5", margin: "0 0 2px" } as const;
const why = { color: "#4338ca", fontSize: "13px", lineHeight: "1.5", margin: "6px 0 0" } as const;
const apply = { color: "#4f46e5", fontSize: "14px", fontWeight: 600, textDecoration: "none" } as const;

/** One listing in the digest: what, who, pay, stack, where from, when, from where, and why it matched. */
export function ListingCard({ listing }: { listing: DigestListing }) {
  return (
    <Section style={card}>
      <p style={title}>
        <a href={listing.url} style={titleLink} target="_blank">
          {listing.title}
        </a>
      </p>
      <p style={meta}>
        {listing.company} · {listing.salary}
        <br />
        {listing.stack} · {listing.remote}
      </p>
      <p style={posted}>
        Posted {listing.posted} · via {listing.source}
      </p>
      <p style={why}>Why it matched: {listing.why}</p>
      <p style={{ fontSize: "14px", lineHeight: "1.5", margin: "8px 0 0" }}>
        <a href={listing.url} style={apply} target="_blank">
          Apply →
        </a>
      </p>
    </Section>
  );
}
