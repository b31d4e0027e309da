/** @jsxImportSource react */
import { Text } from "@react-email/text";
import { Cell, Layout, styles } from "./_components/layout";
import { ListingCard, type DigestListing } from "./_components/listing-card";

export interface DigestFilter {
  label: string;
  value: string;
}

export interface WeeklyDigestProps {
  heading: string;
  previewText: string;
  listings: DigestListing[];
  totalMatches: number;
  seeAllUrl: string;
  filters: DigestFilter[];
  preferencesUrl: string;
  pauseUrl: string;
  unsubscribeUrl: string;
  /** Sources whose terms ask for a credit and a followed link back (Remote OK). */
  attributions: { text: string; href: string }[];
}

const filterLine = { color: "#374151", fontSize: "14px", lineHeight: "1.5", margin: "0 0 4px" } as const;

/** The weekly digest: ranked cards, a "see all" link when more matched, and the filters restated. */
export default function WeeklyDigest(props: WeeklyDigestProps) {
  const more = props.totalMatches - props.listings.length;
  return (
    <Layout
      preview={props.previewText}
      heading={props.heading}
      footerLinks={[
        { label: "Change preferences", href: props.preferencesUrl },
        // The preferences page holds the pause too: the text part names the preferences URL once.
        { label: "Pause for a while", href: props.pauseUrl, skipInText: true },
        { label: "Unsubscribe", href: props.unsubscribeUrl },
      ]}
      footerNote="You get this because you subscribed to Backend Weekly and confirmed your address."
    >
      {props.listings.map((listing) => (
        <ListingCard key={listing.url} listing={listing} />
      ))}
      {more > 0 ? (
        <Text style={styles.text}>
          {/* The name leaves out the arrow, which a screen reader reads aloud as "right arrow". */}
          <a
            href={props.seeAllUrl}
            style={{ ...styles.footerLink, fontSize: "15px", fontWeight: 600 }}
            aria-label={`See all ${props.totalMatches} matches`}
          >
            See all {props.totalMatches} matches →
          </a>
        </Text>
      ) : null}
      {props.attributions.map((a) => (
        // Remote OK's terms ask for a credit and a followed link back: underlined, in the link colour.
        <Text key={a.href} style={styles.muted}>
          {a.text}{" "}
          <a href={a.href} style={styles.link}>
            {a.href.replace(/^https?:\/\//, "")}
          </a>
        </Text>
      ))}
      <Cell
        tableStyle={{ marginTop: "16px" }}
        style={{ backgroundColor: "#f9fafb", borderRadius: "8px", padding: "12px 16px" }}
      >
        <h2 style={{ ...filterLine, fontWeight: 600 }}>Your filters</h2>
        {props.filters.map((f) => (
          <div key={f.label} style={filterLine}>
            {f.label}: {f.value}
          </div>
        ))}
        {/* One 44 px tap target for them all (issue 18.7), where nine 15 px "change" links were. The text
            part names the preferences page once, in the footer. */}
        <div data-skip-in-text="true">
          <a href={props.preferencesUrl} style={styles.footerLink}>
            Change your filters
          </a>
        </div>
      </Cell>
    </Layout>
  );
}

const base = "http://localhost:3000";
const token = "manage.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig";

WeeklyDigest.PreviewProps = {
  heading: "3 new remote Go and Python roles",
  previewText: "Senior Backend Engineer (Go) at Acme, Platform Engineer at Northwind, and 1 more",
  listings: [
    {
      title: "Senior Backend Engineer (Go)",
      company: "Acme Payments",
      url: "https://boards.greenhouse.io/acme/jobs/123",
      salary: "$160k–$190k/year",
      stack: "Go, Node.js / TypeScript",
      remote: "Remote, worldwide",
      posted: "Nov 26",
      source: "Greenhouse",
      why: "Go · senior · remote worldwide · pays up to $190k (your floor $150k)",
    },
    {
      title: "Platform Engineer",
      company: "Northwind Data",
      url: "https://jobs.lever.co/northwind/456",
      salary: "€85k–€100k/year",
      stack: "Python, Go",
      remote: "Remote in Europe",
      posted: "Nov 25",
      source: "Lever",
      why: "Python & Go · platform work · remote in Europe",
    },
    {
      title: "Backend Engineer, APIs",
      company: "Globex",
      url: "https://remoteok.com/remote-jobs/789",
      salary: "salary not stated",
      stack: "Python",
      remote: "Remote, where from not stated",
      posted: "Nov 24",
      source: "Remote OK",
      why: "Python · api work · salary not stated",
    },
  ],
  totalMatches: 5,
  seeAllUrl: `${base}/digest/${token}`,
  filters: [
    { label: "Stacks", value: "Go, Python" },
    {
      label: "Salary",
      value: "at least $150,000/year, plus listings that don't state one",
    },
    {
      label: "Delivery",
      value: "Monday at 08:00 (Europe/Lisbon), up to 20 listings",
    },
  ],
  preferencesUrl: `${base}/preferences/${token}`,
  pauseUrl: `${base}/preferences/${token}#pause`,
  unsubscribeUrl: `${base}/unsubscribe/unsubscribe.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig`,
  attributions: [{ text: "Some jobs via Remote OK:", href: "https://remoteok.com" }],
} satisfies WeeklyDigestProps;
