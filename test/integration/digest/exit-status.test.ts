import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRuns } from "../../../db/schema";
import { startDigestRun, summaryOf } from "./cli";
import { createDigestDeps, expectEachMailedOnce, givenWeek, resetDigestState, type DigestDeps } from "./helpers";

const WEEK1 = new Date("2026-03-23T08:00:00Z");
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
  await resetDigestState(deps);
});
afterAll(() => deps.close());

const errorLines = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { level: string; event: string })
    .filter((l) => l.level === "error");

describe("`digest run` that could not send", () => {
  it("exits non-zero, logs at error level and records the run as failed; the run that sends exits 0", {
    timeout: 60_000,
  }, async () => {
    const subs = await givenWeek(deps.db, WEEK1, 5);
    // The provider refuses every request (daily quota spent): nothing goes out, all five are deferred.
    deps.fake.configure({ dailyQuota: 0 });
    const refused = await startDigestRun(deps, WEEK1).done;
    expect(summaryOf(refused.stdout)).toMatchObject({ sent: 0, deferred: 5 });
    expect(refused.code).toBe(1);
    expect(errorLines(refused.stderr).map((l) => l.event)).toContain("job.failed");
    expect((await deps.db.select().from(jobRuns)).map((r) => r.status)).toEqual(["failed"]);
    // One run id in every line of the run and in its job_runs row, so the operator can follow it.
    const [run] = await deps.db.select().from(jobRuns);
    const ids = errorLines(refused.stderr).map((l) => [l.event, (l as { runId?: string }).runId]);
    expect(ids).toEqual([
      ["digest.batch_failed", run!.id],
      ["job.failed", run!.id],
    ]);

    deps.fake.configure({ dailyQuota: undefined });
    const later = new Date(WEEK1.getTime() + 15 * 60_000);
    const sent = await startDigestRun(deps, later).done;
    expect(summaryOf(sent.stdout)).toMatchObject({ sent: 5, deferred: 0 });
    expect(sent.code, sent.stderr).toBe(0);
    expect(errorLines(sent.stderr)).toEqual([]);
    expectEachMailedOnce(deps.fake, subs);
  });
});
