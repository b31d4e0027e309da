import type { Region } from "../../domain/facets";
import { COUNTRY_NAMES, PLACE_COUNTRY } from "./countries";

/** Region names as listings write them → region ids. "Americas" is wider than "North America". */
const REGION_NAMES: Array<[RegExp, Region]> = [
  [/\b(latam|latin america|south america|central america|latinoam[ée]rica)\b/i, "latam"],
  [/\b(north(ern)? america|n\.? america)\b/i, "north_america"],
  [/\b(the )?americas\b/i, "americas"],
  [/\bemea\b|\bmena\b|\bmiddle east\b/i, "emea"],
  [/\b(europe|european union|european|eu|eea|schengen|cet|cest)\b/i, "europe"],
  [/\b(apac|asia[- ]pacific|asia|oceania|southeast asia)\b/i, "apac"],
  [/\bafrica\b/i, "africa"],
];

// The lookahead, not a closing \b: "Remote (Global)" ends in a bracket, where \b cannot match.
const WORLDWIDE =
  /\b(anywhere in the world|work from anywhere|worldwide|world-wide|globally|global(ly)? remote|remote[ \t]{0,3}[-–(/,:]?[ \t]{0,3}global|anywhere|any location|any country|all countries|international)(?!\w)/i;

// Upper-case abbreviations that are safe to read as places (never "us", "in", "de"…), including the
// city abbreviations office fields use ("SF / NY", "NYC").
const CODE_WORDS: Record<string, string> = {
  US: "US",
  USA: "US",
  UK: "GB",
  UAE: "AE",
  GB: "GB",
  SF: "US",
  NYC: "US",
  NY: "US",
};
const US_STATE_CODES = new Set(
  "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split(
    " ",
  ),
);
const CA_PROVINCE_CODES = new Set("ON QC BC AB MB SK NS NB NL PE".split(" "));

const NAME_PATTERN = buildNamePattern([...Object.keys(COUNTRY_NAMES), ...Object.keys(PLACE_COUNTRY)]);

function buildNamePattern(names: string[]): RegExp {
  const escaped = names
    .sort((a, b) => b.length - a.length) // longest first: "new york" before "york"
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\d])(${escaped.join("|")})(?![\\p{L}\\d])`, "giu");
}

/** Places found in a piece of text: countries (ISO codes), regions, and whether it says worldwide. */
export interface PlaceMentions {
  countries: string[];
  regions: Region[];
  worldwide: boolean;
}

/**
 * Finds country, city, state and region names in text. Bare two-letter codes count only as a
 * US state or Canadian province after a city ("Austin, TX", "Toronto ON"), so "CA" in
 * "San Jose, CA" is California, not Canada.
 */
export function findPlaces(text: string): PlaceMentions {
  const countries = new Set<string>();
  const regions = new Set<Region>();
  for (const match of text.matchAll(NAME_PATTERN)) {
    const name = match[1]!.toLowerCase();
    const code = COUNTRY_NAMES[name] ?? PLACE_COUNTRY[name];
    if (code) countries.add(code);
  }
  for (const match of text.matchAll(/(?<![\w.])(USA|US|UK|UAE|GB|SF|NYC|NY)(?![\w])/g))
    countries.add(CODE_WORDS[match[1]!]!);
  for (const match of text.matchAll(/(?<=[A-Za-z][a-z]),?[ \t]{1,3}([A-Z]{2})\b(?![a-z])/g)) {
    // "Remote OK" is a work mode, not Oklahoma.
    if (/remote$/i.test(text.slice(Math.max(0, (match.index ?? 0) - 6), match.index))) continue;
    if (US_STATE_CODES.has(match[1]!)) countries.add("US");
    else if (CA_PROVINCE_CODES.has(match[1]!)) countries.add("CA");
  }
  for (const [pattern, region] of REGION_NAMES) if (pattern.test(text)) regions.add(region);
  return { countries: [...countries], regions: [...regions], worldwide: WORLDWIDE.test(text) };
}

/** Whether a short phrase is just a place name ("London", "Utrecht, The Netherlands", "EU"). */
export function isPlaceName(phrase: string): boolean {
  const text = phrase.trim();
  if (!text) return false;
  const key = text.toLowerCase();
  if (key in COUNTRY_NAMES || key in PLACE_COUNTRY || text in CODE_WORDS) return true;
  return REGION_NAMES.some(([pattern]) => pattern.test(text) && text.split(/\s+/).length <= 3);
}
