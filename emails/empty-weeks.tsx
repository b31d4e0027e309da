/** @jsxImportSource react */
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { styles } from "./_components/layout";

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
 * the subscriber learns why and what came closest. Short and plain: a title, lang and viewport
 * like every email, each URL once in the text part.
 */
export default function EmptyWeeks({
  misses,
  nextDigest,
  preferencesUrl,
  notesOffUrl,
  unsubscribeUrl,
}: EmptyWeeksProps) {
  return (
    <Html lang="en">
      <Head>
        <title>{HEADING}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <Preview>
        {misses.length
          ? `${misses.length} listing${misses.length === 1 ? "" : "s"} missed by one filter`
          : "Your filters matched nothing new"}
      </Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Backend Weekly</Text>
          <Heading as="h1" style={styles.heading}>
            {HEADING}
          </Heading>
          <Text style={styles.text}>
            No new listing matched your filters in either of the last two weeks, so we sent no digest.
            {misses.length
              ? " These came closest: each was left out by one filter only."
              : " No recent listing came within one filter of yours either."}
          </Text>
          {misses.map((m) => (
            <Section key={m.url} style={{ margin: "0 0 12px" }}>
              <Text style={{ ...styles.text, margin: "0" }}>
                <Link href={m.url} style={{ color: "#3730a3", textDecoration: "underline" }}>
                  {m.title}
                </Link>{" "}
                at {m.company}
              </Text>
              <Text style={{ ...styles.muted, margin: "0" }}>{m.excludedBy}</Text>
            </Section>
          ))}
          <Text style={styles.text}>
            Your next digest is due {nextDigest} if anything matches.{" "}
            <Link href={preferencesUrl} style={{ color: "#3730a3", textDecoration: "underline" }}>
              Change your filters
            </Link>
          </Text>
          <Hr style={styles.hr} />
          <Text style={styles.footer}>
            We send this note once after two empty weeks in a row.{" "}
            <Link href={notesOffUrl} style={styles.footerLink}>
              Turn these notes off
            </Link>{" "}
            ·{" "}
            <Link href={unsubscribeUrl} style={styles.footerLink}>
              Unsubscribe
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
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
