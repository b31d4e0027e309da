import { basename } from "node:path";
import { desc, eq } from "drizzle-orm";
import { ingestJob } from "../../cron/ingest";
import { listings } from "../../db/schema";
import { EMPLOYER_TYPES, type EmployerType } from "../domain/facets";
import type { SourceConfig } from "../listings/sources-config";
import { toCandidates } from "../listings/candidates";
import { ingestOutcome } from "../listings/ingest";
import { rowToNormalised } from "../listings/rows";
import {
  CLASSIFY_ONLY_TYPES,
  getClassifyAdapter,
  isClassifiableType,
  isSourceType,
  NOT_A_SOURCE,
  SOURCE_TYPES,
  SourceParseError,
  type ClassifiableType,
} from "../listings/sources";
import { keepFirstOfEachId } from "../listings/sources/define-adapter";
import { parseSavedPayload } from "../listings/sources/loose-payload";
import { SOURCE_NAME, SOURCE_NAME_RULE } from "../listings/sources-config";
import { closeStaleListings, statusAfterStaleCheck } from "../listings/closing";
import { storeFetchedListings } from "../listings/store";
import { CommandError, readInputFile, UsageError, type CliContext, type Command } from "./command";
import { EXPECTED_PAYLOADS } from "./payload-shapes";

/**
 * The --type flag: any shipped source type, and for `classify` also the payload types no source of
 * which may be stored (Remotive's terms, DESIGN.md §3; Arbeitnow): importing one says why not.
 */
function sourceType(flags: CliContext["flags"], forStorage: boolean): ClassifiableType {
  const type = flags.type;
  const known = forStorage ? SOURCE_TYPES : [...SOURCE_TYPES, ...CLASSIFY_ONLY_TYPES];
  if (typeof type === "string" && forStorage && isClassifiableType(type) && !isSourceType(type))
    throw new UsageError(
      `${type} payloads can be classified but not imported: ${NOT_A_SOURCE[type]}. --type must be one of: ${known.join(", ")}`,
    );
  if (typeof type === "string" && (forStorage ? isSourceType(type) : isClassifiableType(type)))
    return type as ClassifiableType;
  throw new UsageError(`--type must be one of: ${known.join(", ")}`);
}

function employerType(flags: CliContext["flags"], fallback: EmployerType | null = null): EmployerType | null {
  const value = flags["employer-type"];
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(EMPLOYER_TYPES as readonly string[]).includes(value)) {
    throw new UsageError(`--employer-type must be one of: ${EMPLOYER_TYPES.join(", ")}`);
  }
  return value as EmployerType;
}

/**
 * A saved file as text. A byte-order mark says how it was saved and is dropped: UTF-8 with a BOM
 * (Windows editors) and UTF-16 (PowerShell 5's `curl … > file.json`) were refused as "payload is
 * not JSON", though a source answering with the same bytes is read (its decoder drops the BOM).
 */
function decodeSavedFile(bytes: Uint8Array): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * A saved payload read and classified; `forStorage` refuses listings no digest card could show (no
 * company). A file that gives no listing at all is refused (exit 1), saying whether it is not a
 * payload of that type, holds no jobs, or holds only items that cannot be listings: `import` used
 * to report "fetched 0" and `classify` to print nothing, both exiting 0, for another source's file.
 */
async function parseFile(ctx: CliContext, forStorage: boolean, source?: SourceConfig) {
  const [file] = ctx.args;
  if (!file) throw new UsageError("name the payload file to read");
  const type = sourceType(ctx.flags, forStorage);
  const text = decodeSavedFile(await readInputFile(file));
  const expected = `Expected ${EXPECTED_PAYLOADS[type]}, or its items saved one by one.`;
  if (text.trim() === "") throw new CommandError(`${file} is empty: no ${type} listing in it. ${expected}`);
  const company = typeof ctx.flags.company === "string" ? ctx.flags.company : source?.company;
  const ctxOfSource = { sourceName: `import-${type}`, ...(company ? { company } : {}) };
  let parsed;
  try {
    parsed = parseSavedPayload(getClassifyAdapter(type), text, ctxOfSource);
  } catch (err) {
    if (!(err instanceof SourceParseError)) throw err;
    throw new CommandError(`${file} is not a ${type} payload: ${err.problem}. ${expected}`);
  }
  // Stored by id, a second item saved under an id already given would replace the first, as in a
  // fetch (define-adapter.ts); `classify` prints one line per item saved, a job saved twice twice.
  if (forStorage) parsed = keepFirstOfEachId(parsed);
  const { candidates, rejected, reasons } = toCandidates(parsed.listings, {
    type,
    employerType: employerType(ctx.flags, source?.employerType ?? null),
    now: ctx.deps.clock.now(),
    requireCompany: forStorage,
  });
  // Items too malformed to read are rejected as well as listings refused; both say why, as ingest does.
  const errors = [
    ...parsed.problems.map((problem) => `skipped item: ${problem}`),
    ...reasons.map((reason) => `rejected item: ${reason}`),
  ];
  if (candidates.length === 0) {
    if (errors.length === 0) throw new CommandError(`${file}: the ${type} payload holds no jobs.`);
    const hint = reasons.includes("no company") ? " Name the employer with --company NAME." : ` ${expected}`;
    throw new CommandError(`${file}: no ${type} listing could be read (${[...new Set(errors)].join("; ")}).${hint}`);
  }
  return { file, type, candidates, rejected: rejected + parsed.skipped, skipped: parsed.skipped, errors };
}

const printSummary = (ctx: CliContext, line: string, summary: object) => {
  ctx.out(ctx.flags.json ? JSON.stringify(summary) : line);
};

export const ingestCommand: Command = {
  name: "ingest",
  usage: "ingest [--source NAME] [--force] [--now ISO] [--json]",
  summary: "fetch the configured sources (SOURCES_FILE) and store their listings",
  valueFlags: ["source", "now"],
  booleanFlags: ["force", "json"],
  async run(ctx) {
    const sources = await ctx.deps.sources();
    const only = typeof ctx.flags.source === "string" ? ctx.flags.source : undefined;
    if (only && !sources.some((s) => s.name === only))
      // Quoted as JSON: a name typed with a terminal escape (ESC ]0;…) is shown, not run.
      throw new UsageError(`no source named ${JSON.stringify(only.slice(0, 100))} in ${ctx.deps.config.sourcesFile}`);
    const summary = await ingestJob(ctx.deps, {
      now: ctx.deps.clock.now(),
      only,
      force: Boolean(ctx.flags.force),
      onProgress: ctx.progress,
    });
    if (!ctx.flags.json) {
      for (const s of summary.sources) {
        ctx.out(
          `${s.name.padEnd(28)} ${s.status.padEnd(12)} fetched ${s.fetched}, new ${s.new}, updated ${s.updated}, merged ${s.merged}, closed ${s.closed}, rejected ${s.rejected}${s.errors.length ? ` — ${s.errors.join("; ")}` : ""}`,
        );
      }
    }
    const t = summary.totals;
    printSummary(
      ctx,
      `ingest: ${summary.sources.length} source${summary.sources.length === 1 ? "" : "s"} (${t.failed} failed), fetched ${t.fetched}, new ${t.new}, updated ${t.updated}, closed ${t.closed}, rejected ${t.rejected}`,
      summary,
    );
    // As the job run is recorded: sources left alone (not due, busy) are neither ok nor failed.
    return ingestOutcome(summary) === "failed" ? 1 : 0;
  },
};

export const importCommand: Command = {
  name: "import",
  positionals: ["FILE"],
  usage: "import FILE --type TYPE [--company NAME] [--employer-type T] [--source NAME] [--now ISO] [--json]",
  summary: "store listings from a saved payload (with --source, as a full fetch of that source)",
  valueFlags: ["type", "company", "employer-type", "source", "now"],
  booleanFlags: ["json"],
  async run(ctx) {
    // Listings keep the name they came in under, and `listings` and the digest print it: a name with
    // a line break or 5,000 characters was stored as given. Named as sources.json names sources.
    if (typeof ctx.flags.source === "string" && !SOURCE_NAME.test(ctx.flags.source))
      throw new UsageError(`--source ${JSON.stringify(ctx.flags.source.slice(0, 80))}: ${SOURCE_NAME_RULE}`);
    // A payload saved from a configured source is stored as its fetch would be: with the company and
    // employer type the sources file gives it (flags still win).
    const named = typeof ctx.flags.source === "string" ? ctx.flags.source : undefined;
    const configured = named ? (await ctx.deps.sources()).find((s) => s.name === named) : undefined;
    const parsed = await parseFile(ctx, true, configured);
    const source =
      typeof ctx.flags.source === "string"
        ? ctx.flags.source
        : `import-${parsed.type}-${basename(parsed.file)
            .replace(/[^a-z0-9]+/gi, "-")
            .toLowerCase()}`;
    const stored = await storeFetchedListings(ctx.deps.db, {
      sourceName: source,
      candidates: parsed.candidates,
      now: ctx.deps.clock.now(),
      complete: typeof ctx.flags.source === "string",
    });
    // Expiry and age apply at once, as an ingest applies them: an old saved payload adds no open listing.
    const stale = await closeStaleListings(ctx.deps.db, ctx.deps.clock.now(), ctx.deps.config.listingMaxAgeDays);
    const { rejected, skipped, errors } = parsed;
    const summary = {
      source,
      ...stored,
      closedExpired: stale.expired,
      closedTooOld: stale.tooOld,
      rejected,
      skipped,
      errors,
    };
    const why = errors.length ? ` — ${errors.join("; ")}` : "";
    printSummary(
      ctx,
      `import: ${source}: fetched ${stored.fetched}, new ${stored.new}, updated ${stored.updated}, merged ${stored.merged}, reopened ${stored.reopened}, closed ${stored.closed}, closed as expired ${stale.expired}, closed as too old ${stale.tooOld}, rejected ${rejected}${why}`,
      summary,
    );
  },
};

export const classifyCommand: Command = {
  name: "classify",
  positionals: ["FILE"],
  usage: "classify FILE --type TYPE [--company NAME] [--now ISO]",
  summary: "print a payload's normalised listings as JSON Lines; stores nothing",
  valueFlags: ["type", "company", "employer-type", "now"],
  async run(ctx) {
    const { candidates, rejected, errors } = await parseFile(ctx, false);
    const { now, maxAgeDays } = { now: ctx.deps.clock.now(), maxAgeDays: ctx.deps.config.listingMaxAgeDays };
    // The normalised-listing contract exactly: the expiry and source tags are stored, not printed.
    // The status is the one `import` stores: closed when expired or too old at --now.
    // Awaited line by line: a slow reader at the other end of a pipe holds the writer back.
    for (const { expiresAt, tags: _t, ...listing } of candidates) {
      const status = statusAfterStaleCheck({ ...listing, expiresAt }, now, maxAgeDays);
      // A listing with no posted date prints its first sighting, as `listings --json` does (rowToNormalised).
      await ctx.out(JSON.stringify({ ...listing, postedAt: listing.postedAt ?? listing.firstSeenAt, status }));
    }
    // Standard output stays JSON Lines; what was left out is said on standard error, as `import`
    // says it in its summary. Items used to vanish without a word (130 saved, 129 printed).
    if (rejected > 0)
      process.stderr.write(
        `classify: ${candidates.length} printed, ${rejected} left out: ${[...new Set(errors)].join("; ")}\n`,
      );
  },
};

export const listingsCommand: Command = {
  name: "listings",
  usage: "listings [--json] [--status open|closed]",
  summary: "show stored listings (--json: one normalised listing per line)",
  valueFlags: ["status"],
  booleanFlags: ["json"],
  async run(ctx) {
    const status = ctx.flags.status;
    if (status !== undefined && status !== "open" && status !== "closed")
      throw new UsageError("--status must be open or closed");
    const rows = await ctx.deps.db
      .select()
      .from(listings)
      .where(status ? eq(listings.status, status) : undefined)
      .orderBy(desc(listings.firstSeenAt));
    for (const row of rows) {
      if (ctx.flags.json) {
        await ctx.out(JSON.stringify(rowToNormalised(row)));
        continue;
      }
      const salary = row.salary?.minUsdYear ? `$${Math.round(row.salary.minUsdYear / 1000)}k+` : "—";
      const flags = [row.isBackend ? "" : "not-backend", row.scamSignals.length ? "flagged" : ""]
        .filter(Boolean)
        .join(",");
      await ctx.out(
        `${row.status.padEnd(6)} ${row.firstSeenAt.toISOString().slice(0, 10)} ${row.company.slice(0, 22).padEnd(22)} ${row.title.slice(0, 48).padEnd(48)} ${row.stacks.join("/").padEnd(14)} ${row.remoteScope.padEnd(9)} ${salary.padEnd(6)} ${flags}`,
      );
    }
    if (!ctx.flags.json) ctx.out(`${rows.length} listing${rows.length === 1 ? "" : "s"}`);
  },
};
