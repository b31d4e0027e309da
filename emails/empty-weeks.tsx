/** @jsxImportSource react */
import { Text } from "@react-email/text";
import { Layout, styles } from "./_components/layout";

export interface EmptyWeeksProps {
  /** Listings that failed one filter only, and which one. */
  misses: { title: string; company: string; url: string; excludedBy: string }[];
  /** Follows "Your next digest is due", e.g. "on Monday 14 December at 08:00 (Europe/Lisbon)". */
  nextDigest: string;
  preferencesUrl: string;
  /** The preferences page at the setting that turns these notes off. */
  notesOffUrl: string;
  unsubscribeUrl: string;
}

const HEADING = "Nothing matched your filters for two weeks";

/**
 * Sent once after two empty weeks in a row (src/digest/empty-weeks.ts): no digest went out, so
 * the subscriber learns why and what came closest. Short and plain, on the shared layout (title,
 * lang, viewport, spacing on cells, 44 px footer links; each URL once in the text part).
 */
export default function EmptyWeeks({
  misses,
  nextDigest,
  preferencesUrl,
  notesOffUrl,
  unsubscribeUrl,
}: EmptyWeeksProps) {
  return (
    <Layout
      preview={
        misses.length
          ? `${misses.length} listing${misses.length === 1 ? "" : "s"} missed by one filter`
          : "Your filters matched nothing new"
      }
      heading={HEADING}
      footerNote="We send this note once after two empty weeks in a row."
      footerLinks={[
        { label: "Turn these notes off", href: notesOffUrl },
        { label: "Unsubscribe", href: unsubscribeUrl },
      ]}
    >
      <Text style={styles.text}>
        No new listing matched your filters in either of the last two weeks, so we sent no digest.
        {misses.length
          ? " These came closest: each was left out by one filter only."
          : " No recent listing came within one filter of yours either."}
      </Text>
      {misses.map((m) => (
        // data-text="block": a blank line between misses in the text part, as between paragraphs.
        <div key={m.url} style={{ margin: "0 0 12px" }} data-text="block">
          {/* A heading per listing, as in the digest: a screen reader moves from one to the next. */}
          <h2 style={{ ...styles.text, fontWeight: 600, margin: "0" }}>
            {m.title} at {m.company}
          </h2>
          <div style={{ ...styles.muted, margin: "0" }}>{m.excludedBy}</div>
          <div style={{ ...styles.muted, margin: "0" }}>
            {/* Its own line: the text part reads "See the listing → URL". A 44 px tap target. Its
                accessible name says which job, as each Apply button's does: a screen reader's list
                of links showed "See the listing →" once per miss. */}
            <a href={m.url} style={styles.footerLink} aria-label={`See the listing: ${m.title} at ${m.company}`}>
              See the listing →
            </a>
          </div>
        </div>
      ))}
      <Text style={styles.text}>Your next digest is due {nextDigest} if anything matches.</Text>
      <Text style={styles.text}>
        <a href={preferencesUrl} style={styles.footerLink}>
          Change your filters
        </a>
      </Text>
    </Layout>
  );
}

EmptyWeeks.PreviewProps = {
  misses: [
    {
      title: "Senior Go Engineer",
      company: "Acme",
      url: "https://boards.greenhouse.io/acme/jobs/1",
      excludedBy: "Minimum salary: it pays up to $150k, under your $200k",
    },
    {
      title: "Backend Developer (Python)",
      company: "Globex",
      url: "https://jobs.lever.co/globex/2",
      excludedBy: "Stacks: it asks for Python",
    },
  ],
  nextDigest: "on Monday 14 December at 08:00 (Europe/Lisbon)",
  preferencesUrl: "http://localhost:3000/preferences/manage.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
  notesOffUrl: "http://localhost:3000/preferences/manage.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig#field-emptyWeekNotes",
  unsubscribeUrl: "http://localhost:3000/unsubscribe/unsubscribe.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.sig",
} satisfies EmptyWeeksProps;
