/** @jsxImportSource react */
import { Cell, LINK_COLOR } from "./layout";

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

// Plain <div> and <a> with shorthand margins rather than React Email's Text and Link: those spell
// out every margin and decoration longhand, ~1.6 KB per card where this is ~1 KB. A 50-listing
// digest then stays well under the 102 KB at which Gmail clips a message (and hides its footer,
// the unsubscribe link included), and every batch is half the bytes to encode and send. Lines are
// <div>s, not <p>s, so the plain-text part has one line each with no blank line between them.
// The border and padding sit on the cell: Outlook for Windows ignores padding on a <table>.
const card = { border: "1px solid #e5e7eb", borderRadius: "8px", padding: "14px 16px" } as const;
const title = { color: "#111827", fontSize: "16px", fontWeight: 700, lineHeight: "1.35", margin: "0 0 2px" } as const;
const titleLink = { color: "#111827", textDecoration: "none" } as const;
const meta = { color: "#374151", fontSize: "14px", lineHeight: "1.5", margin: "0 0 2px" } as const;
const posted = { color: "#4b5563", fontSize: "14px", lineHeight: "1.5", margin: "0 0 2px" } as const;
// Set apart from links: dark grey on a tint, never the link colour, never underlined.
const why = {
  backgroundColor: "#f3f4f6",
  borderRadius: "4px",
  color: "#374151",
  fontSize: "14px",
  lineHeight: "1.5",
  margin: "8px 0 0",
  padding: "4px 8px",
} as const;
// 20 px of line and 12 px above and below: a 44 px tap target.
const apply = {
  backgroundColor: LINK_COLOR,
  borderRadius: "6px",
  color: "#ffffff",
  display: "inline-block",
  fontSize: "14px",
  fontWeight: 600,
  lineHeight: "20px",
  margin: "10px 0 0",
  padding: "12px 18px",
  textDecoration: "none",
} as const;

/** One listing in the digest: what, who, pay, stack, where from, when, from where, and why it matched. */
export function ListingCard({ listing }: { listing: DigestListing }) {
  return (
    <Cell tableStyle={{ margin: "0 0 12px" }} style={card}>
      {/* A heading per job, so a screen reader can move from one to the next. */}
      <h2 style={title}>
        {/* The title's URL is the Apply line's: the text part prints it there, once. */}
        <a href={listing.url} style={titleLink} data-text="label">
          {listing.title}
        </a>
      </h2>
      <div style={meta}>
        {listing.company} · {listing.salary}
        <br />
        {listing.stack} · {listing.remote}
      </div>
      <div style={posted}>
        Posted {listing.posted} · via {listing.source}
      </div>
      <div style={why}>
        <strong>Why it matched:</strong> {listing.why}
      </div>
      <div>
        {/* Twenty "Apply →" links read alike in a screen reader's list of links: the name says which job. */}
        <a href={listing.url} style={apply} aria-label={`Apply: ${listing.title} at ${listing.company}`}>
          Apply →
        </a>
      </div>
    </Cell>
  );
}
