import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../../support/free-port";

/**
 * `npm start > service.log` on a full disk, or piped into a log shipper that died: the first log
 * line's write error was unhandled and the whole service exited. Its lines are lost; it serves on.
 */
const dir = mkdtempSync(join(tmpdir(), "bw-log-full-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("keeps serving when its log output cannot be written (stdout is /dev/full)", async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const full = openSync("/dev/full", "w");
  const child = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "development",
      DATABASE_STATEMENT_LIMITS: "d1",
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: `file:${join(dir, "db.sqlite")}`,
      OUTBOX_DIR: join(dir, "outbox"),
      SCHEDULER: "off",
    },
    stdio: ["ignore", full, "pipe"],
  });
  closeSync(full);
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  try {
    let health = 0;
    for (let i = 0; i < 100 && health !== 200 && child.exitCode === null; i++) {
      health = await fetch(`${url}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (health !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(health, stderr).toBe(200);
    for (let i = 0; i < 5; i++) expect((await fetch(`${url}/`)).status).toBe(200); // each logs a line
    expect(child.exitCode).toBeNull();
    expect(stderr).toContain("log output failed (ENOSPC): its lines are lost");
    expect(stderr).not.toMatch(/\n\s+at /);
  } finally {
    child.kill("SIGKILL");
  }
}, 60_000);
