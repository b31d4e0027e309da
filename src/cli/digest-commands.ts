import { writeFile } from "node:fs/promises";
import { digestJob, digestOutcome } from "../../cron/digest";
import { previewDigest } from "../digest/preview";
import { parseEmail } from "../subscribers/email-address";
import { cannotWrite, PRIVATE_FILE_MODE, UsageError, type Command } from "./command";

export const digestRunCommand: Command = {
  name: "digest run",
  usage: "digest run [--now ISO] [--dry-run] [--json]",
  summary: "plan and send every digest that is due now (--dry-run: only count)",
  valueFlags: ["now"],
  booleanFlags: ["dry-run", "json"],
  async run(ctx) {
    const s = await digestJob(ctx.deps, {
      now: ctx.deps.clock.now(),
      dryRun: Boolean(ctx.flags["dry-run"]),
      onProgress: ctx.progress,
    });
    const line = s.dryRun
      ? `digest run (dry run): ${s.due} due, ${s.planned} would be sent, ${s.skippedEmpty} skipped empty, ${s.skippedSuppressed} suppressed`
      : `digest run: ${s.due} due, ${s.sent} sent, ${s.skippedEmpty} skipped empty, ${(s.skipped ?? 0) + s.skippedSuppressed} skipped, ${s.failed} failed, ${s.deferred} deferred, ${s.unknown} unknown, ${s.recovered} recovered${s.recheck ? `, rechecked ${s.recheck.rechecked} (${s.recheck.dropped} gone)` : ""}`;
    ctx.out(ctx.flags.json ? JSON.stringify(s) : line);
    // Deferred digests are not lost (a later run sends them), but this run did not do its job: a
    // script or cron wrapper must see that (issue 17: exit 0 with 300 deferred).
    return s.dryRun || digestOutcome(s) === "ok" ? 0 : 1;
  },
};

export const digestPreviewCommand: Command = {
  name: "digest preview",
  positionals: ["EMAIL"],
  usage: "digest preview EMAIL [--now ISO] [--out FILE]",
  summary: "show the digest a subscriber would get now; sends and stores nothing",
  valueFlags: ["now", "out"],
  async run(ctx) {
    const email = parseEmail(ctx.args[0]);
    if (!email.ok) throw new UsageError(`give the subscriber's email address (${email.error})`);
    const out = ctx.flags.out;
    if (out === "") throw new UsageError("--out needs a file name.");
    const preview = await previewDigest(ctx.deps, { email: email.value, now: ctx.deps.clock.now() });
    if (!preview.email) {
      ctx.out(`no digest: ${preview.reason}`);
      return preview.reason === "no such subscriber" ? 1 : 0;
    }
    if (typeof out === "string") {
      await writeFile(out, preview.email.html, { mode: PRIVATE_FILE_MODE }).catch((err) => {
        throw cannotWrite(out, err);
      });
      ctx.out(
        `wrote ${ctx.flags.out}: "${preview.email.subject}" (${preview.listings} listings of ${preview.totalMatches} matches)`,
      );
    } else {
      ctx.out(`Subject: ${preview.email.subject}\n\n${preview.email.text}`);
    }
  },
};
