import { afterAll, beforeAll, beforeEach } from "vitest";
import { listings, listingSources, sourceClaims, sourceStates } from "../../db/schema";
import { createTestDeps, type TestDeps } from "./deps";
import { startSourceServer } from "./source-server";

export type SourceServer = Awaited<ReturnType<typeof startSourceServer>>;

/**
 * For one ingest test file: a test database and a job source on loopback, both stopped after the
 * file; before each test, no listings, source state or claims, and no recorded requests or logs.
 * Read `.deps` and `.server` once the file's beforeAll has run.
 */
export function useIngestHarness(): { deps: TestDeps; server: SourceServer } {
  const ctx = {} as { deps: TestDeps; server: SourceServer };
  beforeAll(async () => {
    [ctx.server, ctx.deps] = await Promise.all([startSourceServer(), createTestDeps({ mailer: null as never })]);
  });
  afterAll(async () => {
    await ctx.server?.close();
    await ctx.deps?.close();
  });
  beforeEach(async () => {
    for (const table of [listingSources, listings, sourceStates, sourceClaims]) await ctx.deps.db.delete(table);
    ctx.server.requests.length = 0;
    ctx.deps.log.lines.length = 0;
  });
  return ctx;
}
