import type { Region } from "../../domain/facets";
import type { Remote } from "../listing";
import type { RawListing } from "../sources/raw-listing";
import { findPlaces, type PlaceMentions } from "./places";
import {
  findRestrictedPlaces,
  HYBRID,
  ONSITE,
  ONSITE_ROLE,
  REMOTE_ROLE,
  REMOTE_WORD,
  timezoneRegions,
  withoutTimezones,
} from "./remote-signals";

type Mode = "remote" | "onsite" | "unknown";

const NO_REMOTE = /\bremote (is )?not (available|possible|an option)\b|\bon-?site only\b/i;
// Remote days of a hybrid schedule ("2 days remote", "partially remote") or remote only until the move
// on site: not remote work offered.
const HYBRID_SCHEDULE =
  /\b(\d|one|two|three|four)\s+days?\s+(a week\s+|per week\s+)?remote(ly)?\b|\bremote(ly)?\s+(\d|one|two|three|four)\s+days?\b|\bpartial(ly)?[- ]remote\b|\bremote and in[- ]office\b|\bremote[- ](leading|transitioning|moving)[- ]to[- ]on-?site\b/gi;

const REMOTE_LOCATION = /^\W*remote\b/i;

/**
 * Whether the location fields offer remote work as one of the options ("Hybrid SF & Remote", "San
 * Francisco (Hybrid) or REMOTE (US)", "Remote, Onsite, Hybrid", an ATS's secondary "Remote (US)"):
 * the labelling rules read "Austin or remote" as remote, its scope from the remote option's places.
 */
function offersRemote(fields: string): boolean {
  return REMOTE_WORD.test(fields.replace(HYBRID_SCHEDULE, " "));
}

// "If the job description states that the position is fully remote, …": a case that may apply to some
// roles, not what this role is (a condition before the remote words).
const CONDITIONAL = /\b(if|unless|whether|exceptions?)\b|\bsome (roles|positions|jobs)\b/i;

/** Whether a sentence states this role is remote, other than as a condition ("if … is fully remote"). */
function statesRemoteRole(text: string): boolean {
  return text.split(/(?<=[.!?])\s+|\n/).some((sentence) => {
    const at = sentence.search(REMOTE_ROLE);
    return at >= 0 && !CONDITIONAL.test(sentence.slice(0, at));
  });
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function hasGeography(p: PlaceMentions): boolean {
  return p.countries.length > 0 || p.regions.length > 0;
}

// Location fields split into their parts ("SF, Atlanta, or REMOTE | Full-time").
function locationSegments(raw: RawListing): string[] {
  return [raw.location, ...(raw.hints.locations ?? [])]
    .flatMap((text) => text.split(/[|;]/))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Evidence order: structured workplace, then location fields, then what the text requires. */
function workMode(raw: RawListing, segments: string[], text: string): Mode {
  const fields = segments.join(" | ");
  const offered = offersRemote(fields);
  if (NO_REMOTE.test(fields)) return "onsite";
  // A structured hybrid/on-site flag wins unless the main location says remote or one of the
  // source's locations is a remote one of its own ("Remote (US)" beside "New York, NY (HQ)").
  if (raw.hints.workplace === "hybrid" || raw.hints.workplace === "onsite")
    return REMOTE_WORD.test(raw.location) || segments.some((s) => REMOTE_LOCATION.test(s)) ? "remote" : "onsite";
  // A hybrid field is on-site unless it offers remote too.
  if (HYBRID.test(fields)) return offered ? "remote" : "onsite";
  if (offered || raw.hints.workplace === "remote") return "remote";
  if (ONSITE.test(fields) || /\bHQ\b|headquarters/.test(fields)) return "onsite";
  if (raw.hints.remoteOnlyBoard) return ONSITE_ROLE.test(text) && !REMOTE_ROLE.test(text) ? "onsite" : "remote";
  if (statesRemoteRole(text)) return "remote";
  if (ONSITE_ROLE.test(text) || HYBRID.test(text) || ONSITE.test(text)) return "onsite";
  // A place with no remote word anywhere is an office (a city-only ATS or HN post).
  return hasGeography(findPlaces(fields)) ? "onsite" : "unknown";
}

// Places attached to the remote alternative ("Remote (US Only)", "Bangalore, India - Remote"), or
// every location when the listing as a whole is remote by structure.
function fieldPlaces(raw: RawListing, segments: string[]): PlaceMentions {
  const structural = raw.hints.workplace === "remote" || raw.hints.remoteOnlyBoard === true;
  // Otherwise only what follows the remote word: "Remote US or Ontario, Canada" counts both places,
  // "SF, Atlanta, or REMOTE" has a remote alternative with no place at all.
  // "EMEA/APAC preferred" is a wish, not a restriction (labelling rules): drop the preferred part
  // only, so "Remote (US, EST preferred)" keeps its US.
  const stated = segments
    .map((s) =>
      s
        .split(/[,()]/)
        .filter((part) => !/\bpreferred\b/i.test(part))
        .join(", "),
    )
    .filter((s) => s.trim());
  const chosen = structural
    ? stated
    : stated.flatMap((s) => {
        const at = s.search(REMOTE_WORD);
        if (at < 0) return [];
        const [before, after] = [s.slice(0, at), s.slice(at)];
        // "Remote or Austin, TX": an office offered as the alternative, not where remote work may be done.
        const parts = /^\S+\s*(?:\bor\b|\/)\s*[A-Z]/i.test(after) ? [] : [after];
        // "Brazil, Remote", "United States (Remote)": the remote word qualifies the place before it;
        // "SF, Atlanta, or REMOTE" offers remote beside offices, so those places do not restrict it.
        if (before.trim() && !/\bor\b|\/|&/i.test(before)) parts.push(before);
        return parts;
      });
  const fieldText = [...chosen, ...(raw.hints.applicantLocations ?? [])].join(" ; ");
  // A time zone in the field ("Remote (US-friendly time zones)") is a region (labelling rules).
  const places = findPlaces(withoutTimezones(fieldText));
  // … unless the field names its countries too ("USA, Canada, USA time zones"): the zone only repeats them.
  const zones = places.countries.length ? [] : timezoneRegions(fieldText);
  // A region next to the remote word is never an office ("Europe - REMOTE"), wherever it stands.
  const nearRemote = stated.filter((s) => REMOTE_WORD.test(s)).flatMap((s) => findPlaces(s).regions);
  const codes = structural ? (raw.hints.countryCodes ?? []) : [];
  return {
    ...places,
    regions: unique([...places.regions, ...zones, ...nearRemote]),
    countries: unique([...places.countries, ...codes]),
  };
}

function officeCountries(raw: RawListing, segments: string[], text: string): string[] {
  const fields = [...segments, ...(raw.hints.officeLocations ?? [])].join(" ; ");
  const found = unique([...findPlaces(fields).countries, ...(raw.hints.countryCodes ?? [])]);
  return found.length ? found : findPlaces(text).countries.slice(0, 1);
}

const ANYWHERE_ALTERNATIVE = /(?:\/|\bor\b)\s*(?:global|worldwide|anywhere|international)\b/i;

function offsets(raw: RawListing): Pick<Remote, "utcOffsetMin" | "utcOffsetMax"> {
  const values = raw.hints.utcOffsets ?? [];
  return values.length ? { utcOffsetMin: Math.min(...values), utcOffsetMax: Math.max(...values) } : {};
}

function scoped(regions: Region[], countries: string[], worldwide: boolean, raw: RawListing): Remote {
  const extra = offsets(raw);
  if (regions.length) return { scope: "regions", regions: unique(regions), countries: unique(countries), ...extra };
  if (countries.length) return { scope: "countries", regions: [], countries: unique(countries), ...extra };
  return { scope: worldwide ? "worldwide" : "unknown", regions: [], countries: [], ...extra };
}

/**
 * Who may apply from where. On-site and hybrid roles are `onsite` with their office country.
 * For remote roles a restriction stated in the text ("must be based in the US") wins over the
 * board's region field ("Anywhere"), which wins over a binding time-zone requirement.
 */
export function classifyRemote(raw: RawListing, text: string): Remote {
  const segments = locationSegments(raw);
  const mode = workMode(raw, segments, text);
  if (mode === "onsite") return { scope: "onsite", regions: [], countries: officeCountries(raw, segments, text) };
  if (mode === "unknown" && !REMOTE_WORD.test(text)) {
    // No remote word anywhere, but the text names where the office is (a free-text post with no
    // location field): an on-site role there (labelling rules). Nothing usable at all stays unknown.
    const office = findPlaces(text).countries.slice(0, 1);
    return { scope: office.length ? "onsite" : "unknown", regions: [], countries: office };
  }
  // The title can state the restriction too ("Backend Engineer (remote within EMEA)").
  const restricted = findRestrictedPlaces(`${raw.title}\n${text}`);
  if (hasGeography(restricted)) return scoped(restricted.regions, restricted.countries, false, raw);
  const fields = fieldPlaces(raw, segments);
  // "Remote US/Global", "EU or Worldwide": anywhere is the place's alternative, and the broader wins.
  if (segments.some((s) => ANYWHERE_ALTERNATIVE.test(s))) return scoped([], [], true, raw);
  if (hasGeography(fields)) return scoped(fields.regions, fields.countries, false, raw);
  if (fields.worldwide) return scoped([], [], true, raw);
  const zones = timezoneRegions(text);
  if (zones.length) return scoped(zones, [], false, raw);
  const utc = raw.hints.utcOffsets ?? [];
  // A board listing every time zone from -10 to +12 with no place restricts nothing: worldwide.
  const everyZone = utc.length > 0 && Math.min(...utc) <= -10 && Math.max(...utc) >= 12;
  return scoped([], [], (restricted.worldwide && utc.length === 0) || everyZone, raw);
}
