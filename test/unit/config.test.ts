import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config";

const secret = "s".repeat(32);

describe("config", () => {
  it("applies the documented defaults", () => {
    const config = parseConfig({ TOKEN_SECRET: secret });
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: "http://localhost:3000",
      databaseUrl: "file:data/backend-weekly.db",
      mailFrom: "Backend Weekly <digest@localhost>",
      outboxDir: "data/outbox",
      sendRatePerSec: 2,
      sourcesFile: "sources.json",
      scheduler: true,
      isProduction: false,
      tokenSecrets: [secret],
    });
    expect(config.resendApiKey).toBeUndefined();
    expect(config.adminToken).toBeUndefined();
  });

  it("derives PUBLIC_URL from PORT and trims a trailing slash from an explicit one", () => {
    expect(parseConfig({ TOKEN_SECRET: secret, PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(parseConfig({ TOKEN_SECRET: secret, PUBLIC_URL: "https://jobs.example.com/" }).publicUrl).toBe(
      "https://jobs.example.com",
    );
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ TOKEN_SECRET: secret, RESEND_API_KEY: "", PORT: "" }).port).toBe(3000);
  });

  it("treats blank values as unset too: no folder named ' ', no admin API behind a token of spaces", () => {
    const config = parseConfig({ TOKEN_SECRET: secret, OUTBOX_DIR: " ", ADMIN_TOKEN: " ".repeat(20), PORT: "\t" });
    expect(config).toMatchObject({ outboxDir: "data/outbox", adminToken: undefined, port: 3000 });
    expect(() => parseConfig({ TOKEN_SECRET: "   ", NODE_ENV: "production" })).toThrow(
      "TOKEN_SECRET: required in production",
    );
  });

  it("refuses a DATABASE_URL carrying a password, without printing it", () => {
    // fetch refused it at start-up with an error quoting the URL, password and all.
    for (const url of ["http://user:SECRETPASS1234@db.example/", "libsql://:SECRETPASS1234@db.example"]) {
      const run = () => parseConfig({ TOKEN_SECRET: secret, DATABASE_URL: url });
      expect(run).toThrow("DATABASE_URL: must not contain a user name or password");
      expect(run).not.toThrow(/SECRETPASS/);
    }
    expect(parseConfig({ TOKEN_SECRET: secret, DATABASE_URL: "libsql://db.example" }).databaseUrl).toBe(
      "libsql://db.example",
    );
  });

  it("names each variable's reason once", () => {
    expect(() => parseConfig({ TOKEN_SECRET: secret, LISTING_MAX_AGE_DAYS: "99999999999999999999" })).toThrow(
      /^Invalid configuration:\n {2}LISTING_MAX_AGE_DAYS: must be a whole number 1 or more, in plain digits$/,
    );
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["PUBLIC_URL", "not a url"],
    ["DATABASE_URL", "postgres://db"],
    ["RESEND_API_KEY", "sk_live_123"],
    ["SEND_RATE_PER_SEC", "-1"],
    ["SCHEDULER", "maybe"],
    ["MAIL_FROM", "nobody"],
    ["ADMIN_TOKEN", "short"],
  ])("stops with a message naming %s when it is %j", (name, value) => {
    expect(() => parseConfig({ TOKEN_SECRET: secret, [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ TOKEN_SECRET: secret, [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it.each([
    ["PORT", "eighty", "PORT: must be a whole number from 1 to 65535"],
    ["PORT", "70000", "PORT: must be a whole number from 1 to 65535"],
    ["PORT", "80.5", "PORT: must be a whole number from 1 to 65535"],
    ["LISTING_MAX_AGE_DAYS", "-3", "LISTING_MAX_AGE_DAYS: must be a whole number 1 or more"],
  ])("refuses %s=%j in words, not the validation library's", (name, value, message) => {
    expect(() => parseConfig({ TOKEN_SECRET: secret, [name]: value })).toThrow(message);
  });

  it("asks for a real sender domain once mail goes through Resend", () => {
    expect(() => parseConfig({ TOKEN_SECRET: secret, RESEND_API_KEY: "re_123" })).toThrow(
      /MAIL_FROM: set it to an address on your verified sending domain/,
    );
    expect(
      parseConfig({ TOKEN_SECRET: secret, RESEND_API_KEY: "re_123", MAIL_FROM: "Jobs <digest@jobs.example.com>" })
        .resendApiKey,
    ).toBe("re_123");
  });

  it("requires TOKEN_SECRET in production and keeps a previous one for rotation", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(/TOKEN_SECRET: required in production/);
    const [current, previous] = [
      "c2VjcmV0LWZvci1wcm9kdWN0aW9uLTAxMjM0NTY3ODlhYmNk",
      "cHJldmlvdXMtc2VjcmV0LTAxMjM0NTY3ODlhYmNkZWZnaGlq",
    ];
    const config = parseConfig({ NODE_ENV: "production", TOKEN_SECRET: current, TOKEN_SECRET_PREVIOUS: previous });
    expect(config.tokenSecrets).toEqual([current, previous]);
    expect(config.isProduction).toBe(true);
  });
});
