import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { cliEnv, startCli } from "../../support/cli-process";

// `import FILE --source NAME` stores a payload saved from a configured source "as a full fetch of
// that source", but it ignored what the sources file says of that source: a Lever board's items
// name no company, so the import named the employer after the board's id in the URL ("acme")
// where a fetch says "Acme Robotics", and the source's employer type was lost, so a subscriber who
// ticked "startup" and left out unstated types never got those jobs until the next real fetch.
const dir = mkdtempSync(join(tmpdir(), "bw-import-source-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sourcesFile = join(dir, "sources.json");
writeFileSync(
  sourcesFile,
  JSON.stringify({
    sources: [{ name: "acme", type: "lever", board: "acme", company: "Acme Robotics", employerType: "startup" }],
  }),
);
const payload = join(dir, "acme-lever.json");
writeFileSync(
  payload,
  JSON.stringify([
    {
      id: "5c1d1e2f-0000-4000-8000-000000000001",
      text: "Senior Go Engineer",
      categories: { location: "Remote", commitment: "Full-time", team: "Engineering" },
      workplaceType: "remote",
      descriptionPlain: "Build Go services and APIs for our fleet.",
      hostedUrl: "https://jobs.lever.co/acme/5c1d1e2f-0000-4000-8000-000000000001",
      createdAt: Date.parse("2026-12-01T00:00:00Z"),
    },
  ]),
);
const env = cliEnv({
  databaseUrl: `file:${join(dir, "bw.db")}`,
  outboxDir: join(dir, "outbox"),
  env: { SOURCES_FILE: sourcesFile },
});
const cli = async (...args: string[]) => {
  const run = await startCli(args, env).done;
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.trim().split("\n");
};

it("takes the company and employer type the sources file gives the source, and a flag still wins", async () => {
  const summary = JSON.parse(
    (await cli("import", payload, "--type", "lever", "--source", "acme", "--now", "2026-12-02T00:00:00Z", "--json")).at(
      -1,
    )!,
  );
  expect(summary).toMatchObject({ source: "acme", fetched: 1, new: 1, rejected: 0 });
  const [listing] = (await cli("listings", "--json")).map((l) => JSON.parse(l));
  expect(listing).toMatchObject({ company: "Acme Robotics", employerType: "startup" });

  await cli(
    "import",
    payload,
    "--type",
    "lever",
    "--source",
    "acme",
    "--employer-type",
    "scaleup",
    "--company",
    "Acme",
  );
  const after = (await cli("listings", "--json")).map((l) => JSON.parse(l));
  // The source's own copy of the job, rewritten by it.
  expect(after).toEqual([expect.objectContaining({ company: "Acme", employerType: "scaleup" })]);
});
