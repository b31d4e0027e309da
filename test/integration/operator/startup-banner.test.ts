import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startService, type RunningService } from "../../support/service";

/**
 * What `npm start` prints once it listens (acceptance run of issue 17): in production without
 * RESEND_API_KEY it pointed people at /dev/outbox, which production does not serve (404), and it
 * said nothing when every emailed link would point at localhost.
 */
let service: RunningService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
});

const production = (env: Record<string, string> = {}) => ({
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  TOKEN_SECRET: randomBytes(32).toString("base64url"),
  ...env,
});

/** The start-up banner: written to stderr right after listening (it may trail /healthz), ending in a blank line. */
async function banner(running: RunningService): Promise<string> {
  const whole = /is running[\s\S]*\n\n/;
  for (let i = 0; i < 400 && !whole.test(running.output()); i++) await new Promise((r) => setTimeout(r, 50));
  return running.output();
}

describe("npm start says where mail goes and where links point", () => {
  it("in production the outbox is named by its folder, not the /dev/outbox page production does not serve", async () => {
    service = await startService(production({ PUBLIC_URL: "https://jobs.example.com" }));
    const output = await banner(service);
    expect(output).toContain(`Mail goes to the outbox folder (no RESEND_API_KEY): ${join(service.dir, "outbox")}`);
    expect(output).not.toContain("/dev/outbox");
    expect(output).not.toMatch(/Warning: PUBLIC_URL/);
    expect((await fetch(`${service.url}/dev/outbox`)).status).toBe(404);
  }, 90_000);

  it("in production with PUBLIC_URL unset or local, it warns that every emailed link points there", async () => {
    service = await startService(production({ PUBLIC_URL: "" }));
    const port = new URL(service.url).port;
    expect(await banner(service)).toContain(
      `Warning: PUBLIC_URL is http://localhost:${port}: every link in the emails (confirm, manage, unsubscribe) will point at this address`,
    );
    await service.stop();
    service = await startService(production({ PUBLIC_URL: "http://127.0.0.1:8080" }));
    expect(await banner(service)).toMatch(/Warning: PUBLIC_URL is http:\/\/127\.0\.0\.1:8080: every link/);
  }, 120_000);

  it("in production with a plain-http PUBLIC_URL, it warns that one-click unsubscribe needs https", async () => {
    service = await startService(production({ PUBLIC_URL: "http://weekly.example.com" }));
    expect(await banner(service)).toContain(
      "Warning: PUBLIC_URL is http://weekly.example.com: links in the emails use plain http, and one-click unsubscribe",
    );
  }, 90_000);

  it("outside production the outbox page is named, with no warning about a local PUBLIC_URL", async () => {
    service = await startService();
    const output = await banner(service);
    expect(output).toContain(`Mail goes to the outbox (no RESEND_API_KEY): ${service.url}/dev/outbox`);
    expect(output).not.toMatch(/Warning: PUBLIC_URL/);
  }, 90_000);
});
