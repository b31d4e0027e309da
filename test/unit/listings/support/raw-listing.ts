import type { RawListing } from "../../../../src/listings/sources/raw-listing";

/** A raw listing with neutral defaults; override what the test is about. */
export function rawListing(overrides: Partial<RawListing> = {}): RawListing {
  return {
    sourceId: "1",
    url: "https://example.com/jobs/1",
    title: "Software Engineer",
    company: "Acme",
    descriptionHtml: null,
    descriptionText: "",
    postedAt: null,
    expiresAt: null,
    location: "",
    hints: {},
    ...overrides,
  };
}
