/// <reference types="vite/client" />
import { createElement, type ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { renderEmail } from "../../../src/mail/render";

type Template = ComponentType<Record<string, unknown>> & { PreviewProps?: Record<string, unknown> };

// Every template in emails/, found by Vite's glob (works in the Node pool and inside workerd, unlike node:fs).
const modules = import.meta.glob<Template>("../../../emails/*.tsx", { import: "default", eager: true });
const templates = Object.entries(modules).map(([path, Template]) => ({ file: path.split("/").at(-1)!, Template }));
const files = templates.map((t) => t.file);

/** Templates sent to confirmed subscribers carry the manage and unsubscribe links in both parts. */
const SUBSCRIBER_EMAILS = new Set(["weekly-digest.tsx", "welcome.tsx", "manage-link.tsx", "new-choices.tsx"]);

describe("every email template", () => {
  it("has PreviewProps for `npm run email:dev`", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const { file, Template } of templates) expect(Template.PreviewProps, file).toBeTruthy();
  });

  it.each(templates)(
    "$file renders HTML, plain text and preview text from its PreviewProps",
    async ({ file, Template }) => {
      const { html, text } = await renderEmail(createElement(Template, Template.PreviewProps));
      expect(html).toMatch(/^<!DOCTYPE html/);
      expect(html).toContain('data-skip-in-text="true"'); // the preview text block
      expect(html, "light only: contrast was checked on light").toContain('<meta name="color-scheme" content="light"');
      expect(text.length).toBeGreaterThan(100);
      expect(text).not.toMatch(/<[a-z][^>]*>/i);
      if (SUBSCRIBER_EMAILS.has(file)) {
        for (const part of [html, text]) {
          expect(part, `${file} preferences link`).toMatch(/\/preferences\//);
          expect(part, `${file} unsubscribe link`).toMatch(/\/unsubscribe\//);
        }
      }
    },
  );

  it("new-choices' preview text adds to its subject instead of repeating it", async () => {
    const NewChoices = modules["../../../emails/new-choices.tsx"]!;
    const { html } = await renderEmail(createElement(NewChoices, { ...NewChoices.PreviewProps, mode: "change" }));
    const preview = /data-skip-in-text="true">([^<]*)/.exec(html)?.[1];
    expect(preview).toBe("Nothing changes until you press the button inside");
    expect(preview).not.toBe("Use your new Backend Weekly choices?"); // its subject (src/subscribers/emails.ts)
  });

  it("the digest marks each job's title and 'Your filters' as headings under its h1, and its text keeps one line each", async () => {
    const Digest = modules["../../../emails/weekly-digest.tsx"]!;
    const { html, text } = await renderEmail(createElement(Digest, Digest.PreviewProps));
    const headings = [...html.matchAll(/<(h[1-6])\b[^>]*>(.*?)<\/\1>/g)].map(([, tag, inner]) => [
      tag,
      inner!.replace(/<[^>]*>/g, ""),
    ]);
    const listings = (Digest.PreviewProps as { listings: { title: string }[] }).listings;
    expect(headings.slice(1)).toEqual([...listings.map((l) => ["h2", l.title]), ["h2", "Your filters"]]);
    expect(headings[0]![0]).toBe("h1");
    for (const { title } of listings) expect(text).toContain(`\n${title}\n`);
  });

  it("the empty-weeks note marks each near miss as a heading under its h1", async () => {
    const Note = modules["../../../emails/empty-weeks.tsx"]!;
    const { html } = await renderEmail(createElement(Note, Note.PreviewProps));
    const misses = (Note.PreviewProps as { misses: { title: string; company: string }[] }).misses;
    const h2s = [...html.matchAll(/<h2\b[^>]*>(.*?)<\/h2>/g)].map(([, inner]) => inner!.replace(/<!-- -->/g, ""));
    expect(h2s).toEqual(misses.map((m) => `${m.title} at ${m.company}`));
  });
});
