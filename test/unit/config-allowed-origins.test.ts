import { expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config";

const secret = "s".repeat(32);

it("ALLOWED_ORIGINS: unset means this site only; a list is read as origins, trimmed and without duplicates", () => {
  expect(parseConfig({ TOKEN_SECRET: secret }).allowedOrigins).toEqual([]);
  const config = parseConfig({
    TOKEN_SECRET: secret,
    ALLOWED_ORIGINS: " https://Jobs.Example.com/, http://localhost:8080 ,https://jobs.example.com,",
  });
  expect(config.allowedOrigins).toEqual(["https://jobs.example.com", "http://localhost:8080"]);
});

it("ALLOWED_ORIGINS refuses a path, a wildcard or a non-http scheme, naming the variable", () => {
  for (const bad of [
    "https://jobs.example.com/embed",
    "*",
    "https://*.example.com",
    "ftp://example.com",
    "jobs.example.com",
  ]) {
    expect(() => parseConfig({ TOKEN_SECRET: secret, ALLOWED_ORIGINS: bad })).toThrow(ConfigError);
    expect(() => parseConfig({ TOKEN_SECRET: secret, ALLOWED_ORIGINS: bad })).toThrow(/ALLOWED_ORIGINS/);
  }
});
