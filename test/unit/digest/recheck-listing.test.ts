import { describe, expect, it } from "vitest";
import { markedClosed, recheckUrl } from "../../../src/listings/recheck-listing";
import type { SourceConfig } from "../../../src/listings/sources-config";

const NOW = new Date("2026-03-23T08:00:00Z");
const source = (extra: Partial<SourceConfig>): SourceConfig => ({
  name: "s",
  type: "greenhouse",
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
  ...extra,
});

describe("where a listing is re-checked", () => {
  it("Greenhouse, Lever and SmartRecruiters: the board's per-job API", () => {
    expect(recheckUrl(source({ board: "acme" }), "4012", "https://boards.greenhouse.io/acme/jobs/4012")).toBe(
      "https://boards-api.greenhouse.io/v1/boards/acme/jobs/4012",
    );
    expect(recheckUrl(source({ type: "lever", board: "acme" }), "ab-12", "https://jobs.lever.co/acme/ab-12")).toBe(
      "https://api.lever.co/v0/postings/acme/ab-12",
    );
    expect(
      recheckUrl(source({ type: "smartrecruiters", board: "Acme" }), "77", "https://jobs.smartrecruiters.com/Acme/77"),
    ).toBe("https://api.smartrecruiters.com/v1/companies/Acme/postings/77");
  });

  it("a configured feed URL (a mirror, a test server) gives the per-job path under it; an id cannot climb out", () => {
    expect(recheckUrl(source({ url: "http://127.0.0.1:9/v1/boards/x/jobs?content=true" }), "5", "")).toBe(
      "http://127.0.0.1:9/v1/boards/x/jobs/5",
    );
    expect(recheckUrl(source({ board: "acme" }), "../../admin", "")).toBe(
      "https://boards-api.greenhouse.io/v1/boards/acme/jobs/..%2F..%2Fadmin",
    );
  });

  it("every other source: the listing's own URL there", () => {
    expect(recheckUrl(source({ type: "ashby", board: "acme" }), "id", "https://jobs.ashbyhq.com/acme/id")).toBe(
      "https://jobs.ashbyhq.com/acme/id",
    );
    expect(recheckUrl(source({ type: "remoteok" }), "1", "https://remoteok.com/remote-jobs/1")).toBe(
      "https://remoteok.com/remote-jobs/1",
    );
  });
});

describe("a source's own word that a job is closed", () => {
  it("JSON: unlisted, inactive, a closing status, or an expiry in the past", () => {
    expect(markedClosed(JSON.stringify({ isListed: false }), NOW)).toBe(true);
    expect(markedClosed(JSON.stringify({ active: false }), NOW)).toBe(true);
    expect(markedClosed(JSON.stringify({ status: "Closed" }), NOW)).toBe(true);
    expect(markedClosed(JSON.stringify({ state: "archived" }), NOW)).toBe(true);
    expect(markedClosed(JSON.stringify({ validThrough: "2026-03-01" }), NOW)).toBe(true);
  });

  it("anything else proves nothing: a live job, a location called 'state', a bare number, text that is not JSON", () => {
    expect(markedClosed(JSON.stringify({ id: 1, title: "Go Engineer", isListed: true }), NOW)).toBe(false);
    expect(markedClosed(JSON.stringify({ state: "Berlin", status: "published" }), NOW)).toBe(false);
    expect(markedClosed(JSON.stringify({ expires_at: 1_700_000 }), NOW)).toBe(false);
    expect(markedClosed(JSON.stringify({ validThrough: "2026-06-01" }), NOW)).toBe(false);
    expect(markedClosed("{ not json", NOW)).toBe(false);
    expect(markedClosed("<html><body>We are hiring</body></html>", NOW)).toBe(false);
  });

  it("a page: its schema.org JobPosting's validThrough", () => {
    const page = (validThrough: string) =>
      `<html><script type="application/ld+json">{"@type":"JobPosting","title":"Go Engineer","identifier":"1","validThrough":"${validThrough}"}</script></html>`;
    expect(markedClosed(page("2026-03-01T00:00:00Z"), NOW)).toBe(true);
    expect(markedClosed(page("2026-04-01T00:00:00Z"), NOW)).toBe(false);
  });
});
