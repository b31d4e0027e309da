import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classifyLines } from "../../support/classify-command";
import { NormalisedListingContract } from "../../support/listing-contract";

const FEEDS = "test/fixtures/feeds";
const TYPE_OF: Record<string, string> = { jsonld: "jsonld" };
const payloads = readdirSync(FEEDS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(FEEDS, d.name))
      .filter(
        (f) =>
          (d.name === "jsonld" ? f.endsWith(".html") : true) && !(d.name === "hackernews" && f.includes("stories")),
      )
      .map((f) => ({ type: TYPE_OF[d.name] ?? d.name, file: join(FEEDS, d.name, f) })),
  );

// Recorded answers of boards that had no job open (`"jobs": []`, `"results": []`): classify refuses them.
const EMPTY = new Set([
  `${FEEDS}/ashby/ehddd3579-dot_career-page-job-monitor__ashby_ramp.json`,
  `${FEEDS}/himalayas/louisinayinde_jobs__himalayas_excerpt.json`,
  `${FEEDS}/workable/louisinayinde_jobs__workable_bgprevent.json`,
]);

describe("classify", () => {
  it.each(payloads.filter((p) => EMPTY.has(p.file)))("says $file holds no jobs", async ({ type, file }) => {
    await expect(classifyLines(file, type)).rejects.toThrow(`${file}: the ${type} payload holds no jobs.`);
  });

  it.each(payloads.filter((p) => !EMPTY.has(p.file)))(
    "prints valid normalised listings for $file",
    async ({ type, file }) => {
      const lines = await classifyLines(file, type);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const parsed = NormalisedListingContract.safeParse(JSON.parse(line));
        expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
      }
    },
  );
});

describe("the CLI as an operator runs it", () => {
  const dir = mkdtempSync(join(tmpdir(), "bw-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      env: {
        ...process.env,
        DATABASE_URL: `file:${join(dir, "cli.db")}`,
        TOKEN_SECRET: "cli-test-secret-0123456789",
        OUTBOX_DIR: join(dir, "outbox"),
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });

  it("imports the same payload twice into one set of listings, and lists them as JSON Lines", () => {
    const file = `${FEEDS}/remoteok/remoteok_api_2024-12-04_excerpt.json`;
    const first = JSON.parse(
      cli("import", file, "--type", "remoteok", "--now", "2024-12-05T00:00:00Z", "--json").trim().split("\n").at(-1)!,
    );
    const second = JSON.parse(
      cli("import", file, "--type", "remoteok", "--now", "2024-12-05T06:00:00Z", "--json").trim().split("\n").at(-1)!,
    );
    expect(first).toMatchObject({ fetched: 14, new: 14 });
    expect(second).toMatchObject({ fetched: 14, new: 0 });
    const listed = cli("listings", "--json")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(listed).toHaveLength(14);
    for (const l of listed) expect(NormalisedListingContract.safeParse(l).success).toBe(true);
    expect(listed[0].firstSeenAt).toBe("2024-12-05T00:00:00.000Z");
  });

  it("closes what an import brings that is past its age, as an ingest would", () => {
    const file = `${FEEDS}/remoteok/remoteok_api_2024-12-04_excerpt.json`;
    // Two months after the payload was recorded: every listing in it is past the 45-day default.
    const summary = JSON.parse(
      cli("import", file, "--type", "remoteok", "--source", "late", "--now", "2025-02-05T00:00:00Z", "--json")
        .trim()
        .split("\n")
        .at(-1)!,
    );
    expect(summary).toMatchObject({ fetched: 14, closedTooOld: 14 });
    const open = cli("listings", "--status", "open", "--json").trim();
    expect(open).toBe("");
  });

  it("prints help asked for on stdout, for the whole CLI and for a group of commands", () => {
    expect(cli("help")).toContain("digest run");
    expect(cli("--help")).toContain("subscribers import");
    const digest = cli("digest", "--help");
    expect(digest).toContain("digest run");
    expect(digest).toContain("digest preview");
    expect(digest).not.toContain("subscribers import");
  });

  it("explains a wrong type and an unreadable file instead of crashing", () => {
    let stderr = "";
    try {
      cli("import", "nope.json", "--type", "monster");
    } catch (err) {
      stderr = String((err as { stderr: string }).stderr);
      expect((err as { status: number }).status).toBe(2);
    }
    expect(stderr).toContain("--type must be one of");
  });
});
