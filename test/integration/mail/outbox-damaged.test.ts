import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { createOutboxMailer } from "../../../src/node/outbox-mailer";
import { createTestDeps, type TestDeps } from "../../support/deps";

/**
 * /dev/outbox reads every *.json in the folder. A file in it that is JSON but not a message (another
 * tool's, an older version's, a hand edit) made the list page throw: a 500 instead of the outbox.
 */
let deps: TestDeps;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
  const outbox = createOutboxMailer(join(deps.dir, "outbox"), deps.clock);
  deps = Object.assign(deps, { mailer: outbox, outbox });
  app = createApp(deps);
});
afterAll(() => deps.close());

describe("the dev outbox with a file that is not a message", () => {
  it("lists the real messages and leaves the others out, on the list and their own pages", async () => {
    const email = { to: "ann@example.com", from: "b@example.com", subject: "A real one", html: "<p>x</p>", text: "x" };
    await deps.mailer.send(email, { idempotencyKey: "real-one" });
    const dir = join(deps.dir, "outbox");
    writeFileSync(join(dir, "aaaaaaaaaaaaaaaaaaaaaaaa-0.json"), JSON.stringify({ to: 123, subject: null }));
    writeFileSync(join(dir, "bbbbbbbbbbbbbbbbbbbbbbbb-0.json"), JSON.stringify([1, 2]));
    const real = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]!), "utf8")) as Record<string, unknown>;
    writeFileSync(join(dir, "cccccccccccccccccccccccc-0.json"), JSON.stringify({ ...real, headers: undefined }));
    const list = await app.request("/dev/outbox");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("A real one");
    expect((await app.request("/dev/outbox/aaaaaaaaaaaaaaaaaaaaaaaa-0")).status).toBe(404);
    expect((await app.request("/dev/outbox/aaaaaaaaaaaaaaaaaaaaaaaa-0/html")).status).toBe(404);
    expect((await app.request("/dev/outbox/cccccccccccccccccccccccc-0")).status).toBe(404);
  });
});
