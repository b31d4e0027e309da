import type { DigestFilter, WeeklyDigestProps } from "../../../emails/weekly-digest";
import type { DigestListing } from "../../../emails/_components/listing-card";
import { seeded } from "../../support/seeded";

type Rng = ReturnType<typeof seeded>;

/** Ordinary values: what real listings and preferences produce. */
const ORDINARY = {
  title: [
    "Senior Backend Engineer (Go)",
    "Platform Engineer",
    "Staff Software Engineer, Payments",
    "Backend Developer - Python/Django",
    "Data Engineer II",
  ],
  company: ["Acme Payments", "Northwind Data", "Globex", "Initech GmbH", "Umbrella Labs"],
  salary: ["$160k–$190k/year", "from €70k/year", "up to $90/hour", "salary not stated", "120k CHF/year"],
  stack: ["Go, Node.js / TypeScript", "Python", "Rust, C++", "stack not stated", "Java, Kotlin, Scala"],
  remote: [
    "Remote, worldwide",
    "Remote in Europe, North America",
    "Remote from US, CA",
    "Remote, where from not stated",
  ],
  posted: ["Nov 26", "Dec 1", "Jan 14"],
  source: ["Greenhouse", "Lever", "Remote OK", "the employer's site", "Hacker News"],
  why: [
    "Go · senior · remote worldwide · pays up to $190k (your floor $150k)",
    "Python & Go · platform work · remote in Europe",
    "remote (where from not stated)",
  ],
  url: [
    "https://boards.greenhouse.io/acme/jobs/123",
    "https://jobs.lever.co/northwind/456?lever-source=x&ref=y",
    "https://remoteok.com/remote-jobs/789",
  ],
};

/** Hostile but well-formed: markup, entities, quotes, emoji, right-to-left text, case changes. */
const HOSTILE_SAFE = [
  `<script>alert("x")</script>`,
  'Tom & Jerry\'s "Shop"',
  "a > b < c",
  "&amp; &lt;not a tag&gt; &#x27;",
  "🚀 Rocket 👩‍💻 Engineer",
  "مهندس خلفية أول",
  "מהנדס בקאנד",
  "Straße ß ﬁ ǆ",
  "Ünïcødé — “curly” ‘quotes’",
  "x\u00a0y (no-break space)",
  "987654321",
  "e\u0301 combining",
  "ΣΊΣΥΦΟΣ ς",
  "$1 $& $$ $' $`",
  "\\u0000 \\n literally",
  "{{ mustache }} ${template}",
  "İstanbul ı",
  "a".repeat(300),
  Array.from({ length: 60 }, (_, i) => `word${i}`).join(" "),
  "<!-- -->",
  "]]> <![CDATA[",
  "x".repeat(3) + "🏳️‍🌈",
];
const HOSTILE_URLS = [
  "https://example.com/a?b=1&c=\"2\"&d='3'<4>",
  "https://例え.jp/パス?q=ü",
  "http://x.test/🚀",
  "https://x.test/&amp;copy=1",
  "https://x.test/%20ok#frag",
];
/** Values no substitution can reproduce exactly: these must fall back to render() and still match. */
const UNSAFE_TEXT = [
  "",
  " ",
  "  leading",
  "trailing ",
  "double  space",
  "tab\there",
  "line\nbreak",
  "cr\r\nlf",
  "zero\u200bwidth",
  "\uE000private\uE001",
  "lone \ud83d half",
  "nul\u0000char",
  "see https://x.test/jobs",
];
const UNSAFE_URLS = [
  "javascript:alert(1)",
  "JAVASCRIPT:alert(1)",
  "#anchor",
  "mailto:jobs@example.com",
  "",
  "https://x.test/a b",
  "/relative/path",
  " https://x.test/lead",
];

function text(r: Rng, ordinary: readonly string[], mode: Mode): string {
  if (mode !== "ordinary" && r.chance(0.35)) return r.pick(HOSTILE_SAFE);
  return r.pick(ordinary);
}
function url(r: Rng, mode: Mode): string {
  if (mode !== "ordinary" && r.chance(0.3)) return r.pick(HOSTILE_URLS);
  return `${r.pick(ORDINARY.url)}${r.chance(0.5) ? `/${r.int(1, 99999)}` : ""}`;
}

export type Mode = "ordinary" | "hostile" | "unsafe";

/**
 * One digest's props: 1–50 listings, optional "see all", 0–9 filters, 0–2 attributions.
 * "unsafe" is a hostile digest with exactly one value that cannot be substituted exactly.
 */
export function generateDigest(seed: number, mode: Mode): WeeklyDigestProps {
  const r = seeded(seed);
  const props = generateWellFormed(r, mode);
  if (mode === "unsafe") {
    const listing = r.pick(props.listings);
    const slot = r.int(0, 5);
    if (slot === 0) listing.url = r.pick(UNSAFE_URLS);
    else if (slot === 1) props.unsubscribeUrl = r.pick(UNSAFE_URLS);
    else if (slot === 2) props.heading = r.pick(UNSAFE_TEXT);
    else if (slot === 3 && props.filters.length) r.pick(props.filters).value = r.pick(UNSAFE_TEXT);
    else
      listing[r.pick(["title", "company", "salary", "stack", "remote", "posted", "source", "why"] as const)] =
        r.pick(UNSAFE_TEXT);
  }
  return props;
}

function generateWellFormed(r: Rng, mode: Mode): WeeklyDigestProps {
  const n = r.chance(0.2) ? r.pick([1, 2, 49, 50]) : r.int(1, 50);
  const listings: DigestListing[] = Array.from({ length: n }, () => {
    const l: DigestListing = {
      title: text(r, ORDINARY.title, mode),
      company: text(r, ORDINARY.company, mode),
      url: url(r, mode),
      salary: text(r, ORDINARY.salary, mode),
      stack: text(r, ORDINARY.stack, mode),
      remote: text(r, ORDINARY.remote, mode),
      posted: text(r, ORDINARY.posted, mode),
      source: text(r, ORDINARY.source, mode),
      why: text(r, ORDINARY.why, mode),
    };
    return l;
  });
  // html-to-text hides an href equal to its link text: a title that is its own URL must still match.
  if (mode !== "ordinary" && r.chance(0.05)) listings[0]!.title = listings[0]!.url;
  const base = "http://localhost:3000";
  const token = `manage.${r.int(1, 1e9)}.sig-${r.int(1, 1e6)}`;
  const labels = [
    "Focus",
    "Stacks",
    "Seniority",
    "Salary",
    "Working from",
    "Employers",
    "Must mention",
    "Leave out",
    "Delivery",
  ];
  const filters: DigestFilter[] = labels.slice(0, r.chance(0.8) ? 9 : r.int(0, 9)).map((label) => ({
    label: mode === "ordinary" || !r.chance(0.1) ? label : text(r, [label], mode),
    value: text(
      r,
      [
        "Go, Python",
        "any level",
        "at least $150,000/year, plus listings that don't state one",
        "Portugal · Europe/Lisbon",
        "nothing",
      ],
      mode,
    ),
  }));
  const heading = text(
    r,
    [`${n} new remote Go and Python roles`, `${n} new remote backend role${n === 1 ? "" : "s"}`],
    mode,
  );
  const previewLength = r.pick([0, 1, 80, 149, 150, 151, 400]);
  let previewText = listings
    .map((l) => `${l.title} at ${l.company}`)
    .join(", ")
    .slice(0, previewLength);
  if (r.chance(0.15)) previewText = `${"p".repeat(149)}😀 and more`; // an emoji straddling the 150-character cut
  if (r.chance(0.1)) previewText = r.pick(HOSTILE_SAFE);
  return {
    heading,
    previewText,
    listings,
    totalMatches: r.chance(0.5) ? n : n + r.int(-2, 120),
    seeAllUrl: r.chance(0.9) ? `${base}/digest/${token}` : url(r, mode),
    filters,
    preferencesUrl: `${base}/preferences/${token}`,
    pauseUrl: `${base}/preferences/${token}#pause`,
    unsubscribeUrl: `${base}/unsubscribe/unsubscribe.${r.int(1, 1e9)}.sig`,
    attributions: r.pick([
      [],
      [],
      [{ text: "Some jobs via Remote OK:", href: "https://remoteok.com" }],
      [
        { text: "Some jobs via Remote OK:", href: "https://remoteok.com" },
        { text: "And <Himalayas> & co:", href: "https://himalayas.app/jobs" },
      ],
    ]),
  };
}
