import { parseArgs } from "node:util";
import { ConfigError } from "./config";
import { fixedClock } from "./clock";
import { createLogger } from "./log";
import { cannotWrite, CommandError, UsageError, type Command } from "./cli/command";
import { digestPreviewCommand, digestRunCommand } from "./cli/digest-commands";
import { classifyCommand, importCommand, ingestCommand, listingsCommand } from "./cli/listing-commands";
import { housekeepingCommand } from "./cli/housekeeping";
import { migrateCommand } from "./cli/migrate";
import { seedDemoCommand } from "./cli/seed-demo";
import { subscribersExportCommand } from "./cli/subscribers-export";
import { subscribersImportCommand } from "./cli/subscribers-import";
import { flushed, writeOut } from "./cli/output";
import { buildNodeDeps, loadNodeConfig } from "./node/deps-node";
import { errorReason } from "./errors";

const LATEST_NOW_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** Every command; the longest matching name wins, so "digest run" and "digest preview" coexist. */
const commands: Command[] = [
  migrateCommand,
  seedDemoCommand,
  ingestCommand,
  importCommand,
  classifyCommand,
  listingsCommand,
  digestRunCommand,
  digestPreviewCommand,
  subscribersImportCommand,
  subscribersExportCommand,
  housekeepingCommand,
];

function help(): string {
  return [
    "Usage: npm run cli -- <command> [options]",
    "",
    ...commands.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`),
  ].join("\n");
}

/**
 * An argument the command does not take, or a flag given an empty value, is a mistake to name, never
 * to ignore: `digest run 2026-12-01T08:00Z` sent this week's digests, `listings open` listed every
 * listing, `subscribers export out.csv` printed the addresses to the terminal, and `ingest --source=`
 * fetched every source.
 */
function refuseStrayArguments(
  command: Command,
  positionals: string[],
  flags: Record<string, string | boolean | undefined>,
): string | undefined {
  const takes = command.positionals ?? [];
  const extra = positionals[takes.length];
  if (extra !== undefined) {
    const expected = takes.length ? `takes only ${takes.join(" ")}` : "takes no arguments";
    return `unexpected argument ${JSON.stringify(extra.slice(0, 100))}: ${command.name} ${expected} (options start with --)`;
  }
  const empty = (command.valueFlags ?? []).find((f) => {
    const value = flags[f];
    return typeof value === "string" && !value.trim();
  });
  return empty ? `--${empty} needs a value` : undefined;
}

const ISO_MOMENT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/i;

/**
 * `--now` as an ISO 8601 date or date-time, or null. `new Date()` alone takes far more: "5" is
 * 2001-05-01, "Dec 8" 2001-12-08, and 2026-02-30 rolls over into March, so a typo ran the weekly
 * run (or an ingest) at a moment nobody named.
 */
function parseIsoMoment(text: string): Date | null {
  const m = ISO_MOMENT.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? 0 : +v));
  const calendar = new Date(Date.UTC(year!, month! - 1, day!));
  const realDay = calendar.getUTCMonth() === month! - 1 && calendar.getUTCDate() === day;
  if (!realDay || hour! > 23 || minute! > 59 || second! > 59) return null;
  // A date-time with no offset is UTC, as a date alone is: JavaScript would read it in the machine's
  // timezone, so the same command ran at another moment on a server in New York.
  const stated = text.trim().replace(" ", "T");
  const at = new Date(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(stated) || !stated.includes("T") ? stated : `${stated}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

async function main(argv: string[]): Promise<number> {
  const command = commands
    .filter((c) => c.name.split(" ").every((word, i) => argv[i] === word))
    .sort((a, b) => b.name.length - a.name.length)[0];
  const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
  const asksHelp = (word: string | undefined) => word === "help" || word === "--help" || word === "-h";
  const subcommands = () => group.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`).join("\n");
  if (!command && group.length && argv.length === 2 && asksHelp(argv[1])) {
    console.log(`"${argv[0]}" subcommands:\n${subcommands()}`);
    return 0;
  }
  if (!command && group.length && argv.length === 1) {
    console.error(`"${argv[0]}" needs a subcommand:\n${subcommands()}`);
    return 2;
  }
  if (!command) {
    // Help asked for goes to stdout (so it pipes into a pager); help after a mistake goes to stderr.
    if (argv.length === 0 || asksHelp(argv[0])) {
      console.log(help());
      return 0;
    }
    console.error(`Unknown command: ${argv.join(" ")}\n\n${help()}`);
    return 2;
  }
  const rest = argv.slice(command.name.split(" ").length);
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`Usage: npm run cli -- ${command.usage}\n${command.summary}`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries((command.valueFlags ?? []).map((f) => [f, { type: "string" as const }])),
        ...Object.fromEntries((command.booleanFlags ?? []).map((f) => [f, { type: "boolean" as const }])),
      },
    });
  } catch (err) {
    // A mistyped flag must never be ignored: `digest run --dryrun` would otherwise really send.
    const reason = (err as Error).message.replace(/\. To specify[\s\S]*$/, ".");
    console.error(`${reason}\nUsage: npm run cli -- ${command.usage}`);
    return 2;
  }
  const flags = parsed.values as Record<string, string | boolean | undefined>;
  const refused = refuseStrayArguments(command, parsed.positionals, flags);
  if (refused) {
    console.error(`${refused}\nUsage: npm run cli -- ${command.usage}`);
    return 2;
  }
  let clock;
  if (typeof flags.now === "string") {
    const at = parseIsoMoment(flags.now);
    // Dates past year 9999 overflow the week arithmetic (a run at +275760 wrote NaN into SQL).
    if (!at || at.getTime() < 0 || at.getTime() > LATEST_NOW_MS) {
      console.error(`--now must be an ISO date-time from 1970 to 9999, like 2026-11-30T08:00:00Z (got "${flags.now}")`);
      return 2;
    }
    clock = fixedClock(at);
  }
  const config = loadNodeConfig();
  // CLI logs go to stderr so stdout stays the command's own output (JSON Lines, --json summaries).
  const deps = await buildNodeDeps(config, { clock, log: createLogger((l) => process.stderr.write(`${l}\n`)) });
  try {
    const code = await command.run({
      deps,
      args: parsed.positionals,
      flags,
      out: (line) => writeOut(process.stdout, `${line}\n`),
      progress: (line) => {
        if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[2K");
    return code ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\nUsage: npm run cli -- ${command.usage}`);
      return 2;
    }
    if (err instanceof CommandError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    deps.database.client.close();
  }
}

/**
 * Ends the process only once stdout and stderr have handed everything to the OS: writes to a pipe
 * are asynchronous, and `process.exit` right after them cut `listings --json | wc -l` short with
 * exit 0 (issue 17). The exit itself stays explicit, so a handle left open (a keep-alive socket, a
 * transport's thread) cannot keep a finished command running.
 */
async function finish(code: number): Promise<void> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit();
}

// A reader that stops early (`| head`) closes the pipe: nothing more to say, and no stack trace.
// Output that cannot be written (`> /dev/full`, a full disk) is named in one line, exit code 1:
// it used to end in an uncaught ENOSPC with a stack trace.
// Standard error carries log lines and progress; when it cannot be written (`2> /dev/full`) they
// are lost, but the command goes on: the unhandled error ended a finished import with exit 1, and
// could have stopped a digest run between two batches.
process.stderr.on("error", () => {});
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit();
  process.stderr.write(`${cannotWrite("standard output", err).message}\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => finish(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `Error: ${errorReason(err)}`);
    return finish(1);
  },
);
