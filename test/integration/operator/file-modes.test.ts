import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock";
import { createOutboxMailer } from "../../../src/node/outbox-mailer";
import { devTokenSecret, saveDevTokenSecret } from "../../../src/node/token-secret";

/** Files holding addresses, links or secrets are the service user's alone (issue 16.8). */
const dir = mkdtempSync(join(tmpdir(), "bw-modes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (path: string) => statSync(path).mode & 0o777;

describe("private files", () => {
  it("the outbox creates its folder 0700 and each message 0600, whatever the umask", async () => {
    const previous = process.umask(0o022);
    try {
      const outbox = createOutboxMailer(join(dir, "data", "outbox"), fixedClock("2026-11-25T12:00:00Z"));
      const email = { to: "ada@example.com", from: "d@example.com", subject: "s", html: "<p>h</p>", text: "t" };
      await outbox.send(email, { idempotencyKey: "k1" });
      await outbox.sendBatch([email, email], { idempotencyKey: "k2" });
      const names = readdirSync(join(dir, "data", "outbox"));
      expect(names).toHaveLength(3);
      expect(names.map((n) => mode(join(dir, "data", "outbox", n)))).toEqual([0o600, 0o600, 0o600]);
      expect(mode(join(dir, "data", "outbox"))).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it("the generated development token secret is 0600 in a folder created 0700", () => {
    const { env, unsaved } = devTokenSecret({ DATABASE_URL: `file:${join(dir, "fresh", "db.sqlite")}` });
    expect(env.TOKEN_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(saveDevTokenSecret(unsaved!)).toBe(env.TOKEN_SECRET);
    expect(mode(join(dir, "fresh", "token-secret"))).toBe(0o600);
    expect(mode(join(dir, "fresh"))).toBe(0o700);
  });
});
