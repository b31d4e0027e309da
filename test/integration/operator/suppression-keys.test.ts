import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { suppressions } from "../../../db/schema";
import { createApp } from "../../../src/app";
import { parseConfig } from "../../../src/config";
import { buildNodeDeps } from "../../../src/node/deps-node";
import { isSuppressed, suppressStatements } from "../../../src/subscribers/suppression";
import { FormSession } from "../../support/forms";

/**
 * Suppression hashes are keyed (issue 16.8): a leaked table cannot be tested against a list of
 * addresses, and rows written before keys existed are re-keyed at start-up and still stop mail.
 */
const dir = mkdtempSync(join(tmpdir(), "bw-suppress-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plainSha256 = (email: string) => createHash("sha256").update(email).digest("hex");
const secretA = randomBytes(32).toString("base64url");
const secretB = randomBytes(32).toString("base64url");

function start(db: string, env: Record<string, string>) {
  const config = parseConfig({
    NODE_ENV: "test",
    DATABASE_URL: `file:${join(dir, db)}`,
    OUTBOX_DIR: join(dir, `${db}-outbox`),
    ...env,
  });
  return buildNodeDeps(config);
}

async function subscribeThroughForm(deps: Awaited<ReturnType<typeof start>>, email: string) {
  const session = new FormSession(createApp(deps));
  await session.get("/");
  const res = await session.post("/subscribe", { email });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("Check your inbox");
  await deps.background.idle(); // the confirmation is mailed after the answer
}

describe("keyed suppression hashes", () => {
  it("a new suppression is stored as neither the address nor its plain SHA-256, and differs per key", async () => {
    const stored: string[] = [];
    for (const [db, secret] of [
      ["a.db", secretA],
      ["b.db", secretB],
    ] as const) {
      const deps = await start(db, { TOKEN_SECRET: secret });
      await deps.db.batch(
        (await suppressStatements(deps.db, deps.suppressionKeys, ["Vic@Example.com"], "bounce", new Date())) as [never],
      );
      const rows = await deps.db.select().from(suppressions);
      expect(rows).toHaveLength(1);
      stored.push(rows[0]!.emailHash);
      expect(await isSuppressed(deps.db, deps.suppressionKeys, " vic@example.COM ")).toBe(true);
      deps.database.client.close();
    }
    expect(stored[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(plainSha256("vic@example.com"));
    expect(stored[0]).not.toBe(stored[1]);
  });

  it("rows from before keys are re-keyed at start-up and the address is still refused, sending nothing", async () => {
    const first = await start("legacy.db", { TOKEN_SECRET: secretA });
    // What the previous version stored: SHA-256 of the lower-cased address, no key id.
    await first.db
      .insert(suppressions)
      .values({ emailHash: plainSha256("gone@example.com"), reason: "complaint", createdAt: new Date() });
    first.database.client.close();

    const deps = await start("legacy.db", { TOKEN_SECRET: secretA }); // a restart runs the data migration
    const rows = await deps.db.select().from(suppressions);
    expect(rows).toEqual([
      expect.objectContaining({ reason: "complaint", keyId: expect.stringMatching(/^[0-9a-f]{16}$/) }),
    ]);
    expect(rows[0]!.emailHash).not.toBe(plainSha256("gone@example.com"));
    await subscribeThroughForm(deps, "Gone@example.com");
    expect(await deps.outbox!.list()).toEqual([]);
    await subscribeThroughForm(deps, "fresh@example.com");
    expect(await deps.outbox!.list()).toHaveLength(1);
    deps.database.client.close();

    const again = await start("legacy.db", { TOKEN_SECRET: secretA }); // idempotent
    expect(await again.db.select().from(suppressions)).toEqual(rows);
    again.database.client.close();
  });

  it("after rotating TOKEN_SECRET, old rows still match while the old secret is kept; without it start-up refuses", async () => {
    const before = await start("rotate.db", { TOKEN_SECRET: secretA });
    await before.db.batch(
      (await suppressStatements(before.db, before.suppressionKeys, ["bounced@example.com"], "bounce", new Date())) as [
        never,
      ],
    );
    before.database.client.close();

    await expect(start("rotate.db", { TOKEN_SECRET: secretB })).rejects.toThrow(
      /SUPPRESSION_SECRET: some suppressed addresses were hashed with a key that is no longer configured/,
    );
    const rotated = await start("rotate.db", { TOKEN_SECRET: secretB, TOKEN_SECRET_PREVIOUS: secretA });
    expect(await isSuppressed(rotated.db, rotated.suppressionKeys, "bounced@example.com")).toBe(true);
    rotated.database.client.close();
  });

  it("SUPPRESSION_SECRET keys them apart from TOKEN_SECRET, so rotating TOKEN_SECRET changes nothing", async () => {
    const suppressionSecret = randomBytes(32).toString("hex");
    const before = await start("own.db", { TOKEN_SECRET: secretA, SUPPRESSION_SECRET: suppressionSecret });
    await before.db.batch(
      (await suppressStatements(before.db, before.suppressionKeys, ["bounced@example.com"], "bounce", new Date())) as [
        never,
      ],
    );
    before.database.client.close();
    const after = await start("own.db", { TOKEN_SECRET: secretB, SUPPRESSION_SECRET: suppressionSecret });
    expect(await isSuppressed(after.db, after.suppressionKeys, "bounced@example.com")).toBe(true);
    after.database.client.close();
  });
});
