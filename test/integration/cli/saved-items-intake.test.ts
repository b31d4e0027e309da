import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listings } from "../../../db/schema";
import { runCliOn } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";

/**
 * `import` and `classify` on listings saved one by one (a JSON array or JSON Lines of items), run
 * as an operator runs them. README "Command line": a second item under an id already given is
 * skipped with its reason, the first kept; and what is left out is said, never dropped silently.
 */
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
});
afterAll(() => deps.close());

const cli = (args: string[]) => runCliOn(deps, args);
function file(name: string, text: string): string {
  const path = join(deps.dir, name);
  writeFileSync(path, text);
  return path;
}
const job = (id: number, title: string, url: string) => ({
  id,
  title,
  absolute_url: url,
  location: { name: "Remote" },
  content: "Build APIs in Go.",
  updated_at: "2026-12-01T00:00:00Z",
});

describe("listings saved one by one", () => {
  it("import keeps the first item of an id and skips a later one, which used to replace it", async () => {
    const saved = file(
      "same-id.json",
      JSON.stringify([
        job(7, "Senior Go Engineer", "https://jobs.example.com/7"),
        job(7, "Earn $$$ from home", "https://elsewhere.example/7"),
      ]),
    );
    const imported = await cli(["import", saved, "--type", "greenhouse", "--company", "Acme", "--json"]);
    expect(imported.code, imported.stderr).toBe(0);
    const summary = JSON.parse(imported.stdout.trim().split("\n").at(-1)!);
    expect(summary).toMatchObject({ fetched: 1, new: 1, updated: 0, skipped: 1 });
    expect(summary.errors).toEqual(["skipped item: duplicate id (7): the first item with it kept"]);
    const stored = await deps.db.select().from(listings);
    expect(stored.map((l) => [l.title, l.url])).toEqual([["Senior Go Engineer", "https://jobs.example.com/7"]]);
  }, 60_000);

  it("classify prints one line per item saved, and names on stderr the items it left out", async () => {
    const saved = file(
      "mixed.jsonl",
      [
        JSON.stringify(job(1, "Backend Engineer", "javascript:alert(1)")),
        "5",
        JSON.stringify(job(2, "Go Engineer", "https://jobs.example.com/2")),
        JSON.stringify(job(2, "Go Engineer", "https://jobs.example.com/2")),
      ].join("\n"),
    );
    const classified = await cli(["classify", saved, "--type", "greenhouse", "--company", "Acme"]);
    expect(classified.code, classified.stderr).toBe(0);
    const printed = classified.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(printed.map((l) => l.sourceId)).toEqual(["2", "2"]);
    expect(classified.stderr).toContain("classify: 2 printed, 2 left out:");
    expect(classified.stderr).toContain("skipped item: item is not an object (number)");
    expect(classified.stderr).toContain("rejected item: unsafe apply URL (javascript:)");
  }, 60_000);
});
