import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSourcesConfig } from "../../../src/listings/sources-config";
import { runCliOn } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";

/**
 * `classify` reads Remotive and Arbeitnow payloads too (labelled listings come from both), but no
 * listing of them may be stored: Remotive's terms forbid showing its jobs to collect email sign-ups
 * (DESIGN.md §3), and Arbeitnow is not one of our sources. Before, `--type remotive` was refused
 * outright, so such a record could not be classified at all.
 */
const REMOTIVE = "test/fixtures/feeds/remotive/lcarlini_JobSearchAggregator__remotive.json";
const ARBEITNOW = "test/fixtures/feeds/arbeitnow/lcarlini_JobSearchAggregator__arbeitnow.json";
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
});
afterAll(() => deps.close());

const cli = (args: string[]) => runCliOn(deps, args);
const printed = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("payload types classify reads but import refuses", () => {
  it("classifies a recorded Remotive payload with its salary text and applicant location", async () => {
    const { code, stdout, stderr } = await cli(["classify", REMOTIVE, "--type", "remotive"]);
    expect(code, stderr).toBe(0);
    const [sales, reviewer] = printed(stdout);
    expect(sales).toMatchObject({ source: "remotive", sourceId: "2091075", company: expect.any(String) });
    // "$45,000 - $50,000" and "$14/hr": the board's salary text read as stated pay, with its period.
    expect(sales!.salary).toMatchObject({ min: 45_000, max: 50_000, currency: "USD", period: "year" });
    expect(reviewer!.salary).toMatchObject({ min: 14, max: 14, currency: "USD", period: "hour" });
    // A remote-only board: "USA" is where applicants must live.
    expect(reviewer!.remote).toMatchObject({ scope: "countries", countries: ["US"] });
  });

  it("classifies a recorded Arbeitnow payload, its remote flag deciding the workplace", async () => {
    const { code, stdout, stderr } = await cli(["classify", ARBEITNOW, "--type", "arbeitnow"]);
    expect(code, stderr).toBe(0);
    const [job] = printed(stdout);
    expect(job).toMatchObject({ source: "arbeitnow", sourceId: "technical-co-founder-cto-aureas-munich-353142" });
    expect(job!.remote).toMatchObject({ scope: "onsite" });
  });

  it.each([
    ["remotive", REMOTIVE, "Remotive's API terms forbid"],
    ["arbeitnow", ARBEITNOW, "not one of the sources"],
  ])("refuses to import %s payloads, saying why, and stores nothing", async (type, file, why) => {
    const { code, stderr } = await cli(["import", file, "--type", type]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${type} payloads can be classified but not imported`);
    expect(stderr).toContain(why);
    expect((await cli(["listings", "--json"])).stdout.trim()).toBe("");
  });

  it("refuses either as a configured source in sources.json, saying why", () => {
    const config = (type: string) => JSON.stringify({ sources: [{ name: "jobs", type }] });
    expect(() => parseSourcesConfig(config("remotive"))).toThrow(/Remotive's API terms forbid .* cannot be a source/);
    expect(() => parseSourcesConfig(config("arbeitnow"))).toThrow(/not one of the sources .* cannot be a source/);
  });

  it("still names every type classify reads when the type is unknown", async () => {
    const { code, stderr } = await cli(["classify", REMOTIVE, "--type", "remotivee"]);
    expect(code).toBe(2);
    expect(stderr).toContain("remotive, arbeitnow");
  });
});
