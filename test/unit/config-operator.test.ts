import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config";
import { weakSecretReason } from "../../src/security/secret-strength";
import { importSuppressionKeys } from "../../src/subscribers/suppression-keys";

const devSecret = "s".repeat(32);
const strong = () => randomBytes(32).toString("base64");
const production = (env: Record<string, string> = {}) =>
  parseConfig({ NODE_ENV: "production", TOKEN_SECRET: strong(), ...env });

describe("config refuses values that cannot work (issue 17.7)", () => {
  it.each([
    ["DATABASE_URL", "file:"],
    ["DATABASE_URL", "file://"],
    ["SEND_RATE_PER_SEC", "0.0001"],
    ["SEND_RATE_PER_SEC", "0.09"],
    ["PUBLIC_URL", "javascript:alert(1)"],
    ["PUBLIC_URL", "ftp://jobs.example.com"],
    ["PUBLIC_URL", "data:text/html,hi"],
  ])("stops with a message naming %s when it is %j", (name, value) => {
    expect(() => parseConfig({ TOKEN_SECRET: devSecret, [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ TOKEN_SECRET: devSecret, [name]: value })).toThrow(new RegExp(`\\n  ${name}: `));
  });

  it.each([
    ["PUBLIC_URL", "http://x.example/a\r\nBcc: evil@x.y", "must not contain spaces, line breaks or control characters"],
    ["PUBLIC_URL", "https://jobs.example.com/a b", "must not contain spaces, line breaks or control characters"],
    ["PUBLIC_URL", "https://jobs.example.com/\t", "must not contain spaces, line breaks or control characters"],
    ["PUBLIC_URL", "https://jobs.example.com/\u0000", "must not contain spaces, line breaks or control characters"],
    ["RESEND_BASE_URL", "http://127.0.0.1:9\n", "must not contain spaces, line breaks or control characters"],
    ["PUBLIC_URL", "https://jobs.example.com/w?ref=mail", "must have no query (?…) or fragment (#…)"],
    ["PUBLIC_URL", "https://jobs.example.com/#top", "must have no query (?…) or fragment (#…)"],
    ["PUBLIC_URL", "https://ops:hunter2@jobs.example.com", "must not contain a user name or password"],
    ["PORT", "0x10", "must be a whole number from 1 to 65535, in plain digits"],
    ["PORT", " 3000", "must be a whole number from 1 to 65535, in plain digits"],
    ["PORT", "3000 ", "must be a whole number from 1 to 65535, in plain digits"],
    ["PORT", "1e3", "must be a whole number from 1 to 65535, in plain digits"],
    ["PORT", "+80", "must be a whole number from 1 to 65535, in plain digits"],
    ["LISTING_MAX_AGE_DAYS", "0b11", "must be a whole number 1 or more, in plain digits"],
    ["JOB_RUN_RETENTION_DAYS", "9\n", "must be a whole number 1 or more, in plain digits"],
    ["OUTBOX_TMP_MAX_AGE_MINUTES", "60.0", "must be a whole number 1 or more, in plain digits"],
    ["SEND_RATE_PER_SEC", "0x10", "must be a number of requests per second, in plain digits (e.g. 2 or 0.5)"],
    ["SEND_RATE_PER_SEC", " 2", "must be a number of requests per second, in plain digits (e.g. 2 or 0.5)"],
    ["SEND_RATE_PER_SEC", "1e1", "must be a number of requests per second, in plain digits (e.g. 2 or 0.5)"],
  ])("refuses %s=%j, naming it: a value JavaScript would bend into another is a typo", (name, value, reason) => {
    expect(() => parseConfig({ TOKEN_SECRET: devSecret, [name]: value })).toThrow(`\n  ${name}: ${reason}`);
  });

  it("keeps accepting the values that do work", () => {
    const config = parseConfig({
      TOKEN_SECRET: devSecret,
      DATABASE_URL: "file:/tmp/x.db",
      SEND_RATE_PER_SEC: "0.1",
      PUBLIC_URL: "HTTPS://jobs.example.com/weekly%20jobs",
      PORT: "08080",
      LISTING_MAX_AGE_DAYS: "30",
    });
    expect(config).toMatchObject({
      databaseUrl: "file:/tmp/x.db",
      sendRatePerSec: 0.1,
      publicUrl: "HTTPS://jobs.example.com/weekly%20jobs",
      port: 8080,
      listingMaxAgeDays: 30,
    });
  });

  it("remembers whether SOURCES_FILE was set (only an explicit one must exist)", () => {
    expect(parseConfig({ TOKEN_SECRET: devSecret }).sourcesFileSet).toBe(false);
    expect(parseConfig({ TOKEN_SECRET: devSecret, SOURCES_FILE: "mine.json" }).sourcesFileSet).toBe(true);
  });
});

describe("production secrets carry 32 bytes of entropy (issue 16.8)", () => {
  it.each(["TOKEN_SECRET", "TOKEN_SECRET_PREVIOUS", "ADMIN_TOKEN", "METRICS_TOKEN", "SUPPRESSION_SECRET"])(
    "a 16-character or repetitive %s stops start-up with a message naming it",
    (name) => {
      for (const weak of [
        "0123456789abcdef",
        "a".repeat(64),
        "abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc",
        "f".repeat(63) + "0",
      ]) {
        expect(() => production({ [name]: weak })).toThrow(new RegExp(`\\n  ${name}: too`));
      }
    },
  );

  it("accepts what `openssl rand -base64 32` and `openssl rand -hex 32` print", () => {
    for (let i = 0; i < 200; i++) {
      const b64 = randomBytes(32).toString("base64");
      const hex = randomBytes(32).toString("hex");
      expect([
        weakSecretReason(b64),
        weakSecretReason(hex),
        weakSecretReason(randomBytes(32).toString("base64url")),
      ]).toEqual([null, null, null]);
    }
    expect(production({ ADMIN_TOKEN: strong(), METRICS_TOKEN: randomBytes(32).toString("hex") }).isProduction).toBe(
      true,
    );
  });

  it("leaves development alone (a generated secret, short tokens for local tries)", () => {
    expect(parseConfig({ TOKEN_SECRET: devSecret, ADMIN_TOKEN: "0123456789abcdef" }).adminToken).toBe(
      "0123456789abcdef",
    );
  });
});

describe("operator defaults", () => {
  it("listens on loopback outside production and everywhere in production, HOST overriding both", () => {
    expect(parseConfig({ TOKEN_SECRET: devSecret }).host).toBe("127.0.0.1");
    expect(production().host).toBe("0.0.0.0");
    expect(parseConfig({ TOKEN_SECRET: devSecret, HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("keys suppression hashes apart from link signatures, with SUPPRESSION_SECRET first when set", async () => {
    const derived = await importSuppressionKeys(
      parseConfig({ TOKEN_SECRET: devSecret, TOKEN_SECRET_PREVIOUS: "p".repeat(32) }),
    );
    expect(derived.ids).toHaveLength(2);
    const [hash] = await derived.hashes("vic@example.com");
    const underTokenSecret = await importSuppressionKeys({ suppressionSecret: devSecret, tokenSecrets: [] });
    expect(await underTokenSecret.hashes("vic@example.com")).not.toContain(hash);
    const explicit = await importSuppressionKeys(
      parseConfig({ TOKEN_SECRET: devSecret, SUPPRESSION_SECRET: "q".repeat(32) }),
    );
    const [first, second] = await explicit.hashes("vic@example.com");
    expect(second).toBe(hash);
    expect(first).not.toBe(hash);
  });
});
