import { describe, expect, it } from "vitest";
import { isHardBounce } from "../../../src/subscribers/delivery-feedback";
import { validateImport } from "../../../src/subscribers/import-csv";
import { isPaused, parsePauseWeeks } from "../../../src/subscribers/pause";
import { DEFAULT_PREFERENCES } from "../../../src/subscribers/preferences";
import { parseUnsubscribeReason } from "../../../src/subscribers/unsubscribe";
import { diffPreferences } from "../../../src/subscribers/update-preferences";

const now = new Date("2026-11-25T12:00:00Z");

describe("isPaused", () => {
  it("is paused only while pausedUntil is in the future, and resumes by itself after", () => {
    expect(isPaused({ pausedUntil: null }, now)).toBe(false);
    expect(isPaused({ pausedUntil: new Date("2026-12-23T12:00:00Z") }, now)).toBe(true);
    expect(isPaused({ pausedUntil: now }, now)).toBe(false);
    expect(isPaused({ pausedUntil: new Date("2026-11-01T00:00:00Z") }, now)).toBe(false);
  });

  it("accepts only pauses of 2, 4 or 12 weeks", () => {
    expect(["2", "4", "12"].map(parsePauseWeeks)).toEqual([2, 4, 12]);
    expect(["3", "", "-4", "4.5", undefined].map(parsePauseWeeks)).toEqual([null, null, null, null, null]);
  });
});

describe("isHardBounce", () => {
  const bounce = (type?: string) => ({ type: "email.bounced", data: type === undefined ? {} : { bounce: { type } } });
  it("treats Permanent (and a bounce without a type) as hard, Transient and Undetermined as soft", () => {
    expect(isHardBounce(bounce("Permanent"))).toBe(true);
    expect(isHardBounce(bounce())).toBe(true);
    expect(isHardBounce(bounce("Transient"))).toBe(false);
    expect(isHardBounce(bounce("Undetermined"))).toBe(false);
  });
});

describe("diffPreferences", () => {
  it("names each changed line with its old and new wording", () => {
    const changes = diffPreferences(DEFAULT_PREFERENCES, {
      ...DEFAULT_PREFERENCES,
      stacks: ["go", "rust"],
      sendHour: 9,
    });
    expect(changes.map((c) => [c.label, c.after])).toEqual([
      ["Stacks", "Go, Rust"],
      ["Delivery", "Monday at 09:00 (UTC), up to 20 listings"],
    ]);
    expect(diffPreferences(DEFAULT_PREFERENCES, DEFAULT_PREFERENCES)).toEqual([]);
    expect(diffPreferences(DEFAULT_PREFERENCES, { ...DEFAULT_PREFERENCES, maxListings: 1 })[0]!.after).toBe(
      "Monday at 08:00 (UTC), up to 1 listing",
    );
  });
});

describe("parseUnsubscribeReason", () => {
  it("keeps a known choice and a short comment, rejects anything else", () => {
    expect(parseUnsubscribeReason("found_job", "")).toEqual({ ok: true, value: "found_job" });
    expect(parseUnsubscribeReason("", "too\nmuch")).toEqual({ ok: true, value: "other: too much" });
    expect(parseUnsubscribeReason(undefined, undefined)).toEqual({ ok: true, value: null });
    expect(parseUnsubscribeReason("hacked", "")).toMatchObject({ ok: false });
    expect(parseUnsubscribeReason("other", "x".repeat(501))).toMatchObject({ ok: false });
  });
});

describe("validateImport", () => {
  it("reads preference columns by their form names, with multi-values separated by ;", () => {
    const result = validateImport('email,stacks,sendHour,mustHave\nAnn@Example.com,go;rust,9,"kafka;postgres"\n');
    expect(result.invalid).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      line: 2,
      email: "ann@example.com",
      preferences: { stacks: ["go", "rust"], sendHour: 9, mustHaveKeywords: ["kafka", "postgres"] },
    });
  });

  it("reports every invalid row with its line number and keeps the first of repeated addresses", () => {
    const result = validateImport(
      "email,stacks,extra\nok@x.com,go,1\nnot-an-address,,\nb@x.com,cobol,\nOK@x.com,rust,\n",
    );
    expect(result.invalid).toEqual([
      { line: 3, message: "email: Enter a valid email address, like name@example.com." },
      { line: 4, message: "stacks: Choose stacks from the list." },
    ]);
    expect(result.duplicates).toBe(1);
    expect(result.ignoredColumns).toEqual(["extra"]);
  });

  it("needs an email column, and says so when the file uses semicolons as separators", () => {
    expect(validateImport("address\na@x.com").invalid[0]!.message).toMatch(/including "email"/);
    expect(validateImport("email;stacks\na@x.com;go").invalid[0]!.message).toMatch(/commas, not semicolons/);
  });
});
