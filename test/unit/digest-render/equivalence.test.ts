import { createElement } from "react";
import { describe, expect, it } from "vitest";
import WeeklyDigest from "../../../emails/weekly-digest";
import { renderEmail } from "../../../src/mail/render";
import { createDigestRenderer } from "../../../src/digest/render/digest-body";
import { generateDigest, type Mode } from "./generate";

// One renderer for the whole file, as a run keeps one: shapes and cards carry over between cases.
const renderer = createDigestRenderer();
const { stats } = renderer;
const renderDigestBody = renderer.render;
const reference = (props: Parameters<typeof WeeklyDigest>[0]) => renderEmail(createElement(WeeklyDigest, props));

async function expectIdentical(mode: Mode, seeds: number[]) {
  for (const seed of seeds) {
    const props = generateDigest(seed, mode);
    const [fast, slow] = await Promise.all([renderDigestBody(props), reference(props)]);
    // Compare whole documents, but report the seed so a failure can be replayed.
    expect({ seed, html: fast.html }).toEqual({ seed, html: slow.html });
    expect({ seed, text: fast.text }).toEqual({ seed, text: slow.text });
  }
}

// Each case renders every digest both ways; React Email alone takes 10–60 ms per digest here.
const SLOW = 120_000;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe("the fast digest renderer", () => {
  it("keeps its shapes and counts in the renderer object: a second renderer starts empty", async () => {
    const [first, second] = [createDigestRenderer(), createDigestRenderer()];
    await first.render(WeeklyDigest.PreviewProps);
    expect(first.stats).toMatchObject({ fast: 1, shapes: 1 });
    expect(second.stats).toMatchObject({ fast: 0, shapes: 0 });
    expect(await second.render(WeeklyDigest.PreviewProps)).toEqual(await first.render(WeeklyDigest.PreviewProps));
    expect(second.stats).toMatchObject({ fast: 1, shapes: 1 });
  });

  it("gives exactly React Email's HTML and text for the template's own preview digest", async () => {
    const props = WeeklyDigest.PreviewProps;
    const before = stats.fast;
    expect(await renderDigestBody(props)).toEqual(await reference(props));
    expect(stats.fast).toBe(before + 1);
  });

  it(
    "gives exactly React Email's output for ordinary digests of 1 to 50 listings, and renders them without React",
    async () => {
      const before = { ...stats };
      await expectIdentical("ordinary", range(1, 120));
      expect(stats.fallback).toBe(before.fallback);
      expect(stats.fast - before.fast).toBe(120);
    },
    SLOW,
  );

  it(
    "gives exactly React Email's output with markup, entities, quotes, emoji and right-to-left text in every field",
    async () => {
      const before = { ...stats };
      await expectIdentical("hostile", range(1001, 120));
      // Hostile but well-formed values are escaped, not a reason to leave the fast path (bar a title equal to its URL).
      expect(stats.fast - before.fast).toBeGreaterThan(80);
    },
    SLOW,
  );

  it(
    "falls back to render() for values it cannot substitute exactly (whitespace runs, empty strings, javascript: URLs), and still matches",
    async () => {
      const before = { ...stats };
      await expectIdentical("unsafe", range(2001, 80));
      expect(stats.fallback - before.fallback).toBe(80);
    },
    SLOW,
  );

  it(
    "follows a listing when any one of its fields changes under the same URL",
    async () => {
      const generated = generateDigest(11, "ordinary");
      // One listing per URL (generated digests may repeat a URL with other fields, which fills that card again each time).
      const base = {
        ...generated,
        listings: generated.listings.filter((l, i, all) => all.findIndex((m) => m.url === l.url) === i),
      };
      const listing = base.listings[0]!;
      // Each version differs from the one before in exactly one field.
      const versions = [
        listing,
        { ...listing, posted: "Jan 2", why: "another subscriber's reasons" }, // the subscriber's own fields: the same card
        {
          ...listing,
          posted: "Jan 2",
          why: "another subscriber's reasons",
          title: 'Staff Engineer <Platform> & "Infra"',
        },
      ];
      const changes: Partial<typeof listing>[] = [
        { company: "Globex & Sons" },
        { salary: "€90k–€110k/year 🚀" },
        { stack: "Go, Rust" },
        { remote: "Remote in Europe" },
        { source: "Lever" },
        { title: listing.title },
        { company: "two  spaces" }, // not substitutable: this digest falls back to render()
        { company: listing.company },
      ];
      for (const change of changes) versions.push({ ...versions.at(-1)!, ...change });
      const before = { ...stats };
      for (const [i, version] of versions.entries()) {
        const props = { ...base, listings: [version, ...base.listings.slice(1)] };
        const [fast, slow] = await Promise.all([renderDigestBody(props), reference(props)]);
        expect({ i, html: fast.html, text: fast.text }).toEqual({ i, html: slow.html, text: slow.text });
      }
      expect(stats.fallback - before.fallback).toBe(1);
    },
    SLOW,
  );

  it("compiles one template per shape, whatever the number of listings", async () => {
    const base = generateDigest(7, "ordinary");
    const before = { ...stats };
    // An attribution no other case uses makes this a shape of its own.
    const attributions = [{ text: "Shape probe:", href: "https://probe.example" }];
    for (let n = 1; n <= 50; n++) {
      const listings = Array.from({ length: n }, (_, i) => base.listings[i % base.listings.length]!);
      await renderDigestBody({ ...base, listings, totalMatches: 999, attributions });
    }
    expect(stats.shapes - before.shapes).toBe(1);
    expect(stats.fast - before.fast).toBe(50);
  });
});
