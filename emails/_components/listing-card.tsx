/** @jsxImportSource react */
import { Link, Section, Text } from "@react-email/components";

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

const card = { border: "1px solid #e5e7eb", borderRadius: "8px", margin: "0 0 12px", padding: "14px 16px" } as const;
const title = { color: "#111827", fontSize: "16px", fontWeight: 700, lineHeight: "1.35", margin: "0 0 2px" } as const;
const meta = { color: "#374151", fontSize: "14px", lineHeight: "1.5", margin: "0 0 2px" } as const;
const why = { color: "#4338ca", fontSize: "13px", lineHeight: "1.5", margin: "6px 0 0" } as const;
const apply = { color: "#4f46e5", fontSize: "14px", fontWeight: 600 } as const;

/** One listing in the digest: what, who, pay, stack, where from, when, from where, and why it matched. */
export function ListingCard({ listing }: { listing: DigestListing }) {
  return (
    <Section style={card}>
      <Text style={title}>
        <Link href={listing.url} style={{ color: "#111827", textDecoration: "none" }}>
          {listing.title}
        </Link>
      </Text>
      <Text style={meta}>
        {listing.company} · {listing.salary}
      </Text>
      <Text style={meta}>
        {listing.stack} · {listing.remote}
      </Text>
      <Text style={{ ...meta, color: "#6b7280", fontSize: "13px" }}>
        Posted {listing.posted} · via {listing.source}
      </Text>
      <Text style={why}>Why it matched: {listing.why}</Text>
      <Text style={{ margin: "8px 0 0" }}>
        <Link href={listing.url} style={apply}>
          Apply →
        </Link>
      </Text>
    </Section>
  );
}
