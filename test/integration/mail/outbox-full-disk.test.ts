import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Issue 17: a full disk left `*.tmp` files in the outbox forever. A real write that fails part
 * way: a child process whose file-size limit (`ulimit -f`, 4 KB) is below the message's size gets
 * EFBIG after the temp file was created and partly written, as on a full disk.
 */
const dir = mkdtempSync(join(tmpdir(), "bw-outbox-full-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = `
const { createOutboxMailer } = await import("./src/node/outbox-mailer.ts");
const mailer = createOutboxMailer(process.env.OUTBOX, { now: () => new Date() });
const email = { to: "a@example.com", from: "b@example.com", subject: "Hi", html: "<p>" + "x".repeat(20000) + "</p>", text: "x" };
try {
  await mailer.send(email, { idempotencyKey: "full-disk" });
  console.log("sent");
} catch (err) {
  console.log("failed: " + err.code);
}
`;

describe("the outbox on a full disk", () => {
  it("fails the send and leaves no temp file behind", () => {
    const outbox = join(dir, "outbox");
    const child = spawnSync(
      "bash",
      ["-c", `ulimit -f 4; exec "${process.execPath}" --import tsx --input-type=module -e "$SCRIPT"`],
      {
        cwd: process.cwd(),
        env: { ...process.env, OUTBOX: outbox, SCRIPT: script },
        encoding: "utf8",
      },
    );
    expect(child.stdout.trim(), child.stderr).toBe("failed: EFBIG");
    expect(readdirSync(outbox)).toEqual([]);
  });
});
