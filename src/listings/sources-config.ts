import { z } from "zod";
import { EMPLOYER_TYPES } from "../domain/facets";
import { CLASSIFY_ONLY_TYPES, type ClassifyOnlyType, NOT_A_SOURCE, SOURCE_TYPES } from "./sources";

/** Items a source's fetch stores at most when its `maxListings` is unset. */
export const DEFAULT_MAX_LISTINGS = 5_000;

/** What a source may be named: lower-case letters, digits, '.', '_' or '-', at most 63 characters. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const SOURCE_NAME_RULE = "use lower-case letters, digits, '.', '_' or '-' (at most 63 characters)";

const SourceSchema = z
  .object({
    /** Unique, stable name: listings remember which configured source carried them. */
    name: z.string().regex(SOURCE_NAME, SOURCE_NAME_RULE),
    // `classify` reads Remotive and Arbeitnow payloads; neither may be a source (NOT_A_SOURCE says why).
    type: z.enum(SOURCE_TYPES, {
      error: (issue) =>
        (CLASSIFY_ONLY_TYPES as readonly unknown[]).includes(issue.input)
          ? `${NOT_A_SOURCE[issue.input as ClassifyOnlyType]}, so it cannot be a source (use one of: ${SOURCE_TYPES.join(", ")})`
          : undefined,
    }),
    /** Board identifier for employer ATS boards (e.g. the Greenhouse board token). */
    board: z.string().min(1).optional(),
    /** Source-specific options for the adapter's URL (e.g. Remote OK `tag`, Jobicy `tag`/`geo`). */
    options: z.record(z.string(), z.string()).default({}),
    /** Explicit URL to fetch; overrides the adapter's URL for the board. */
    url: z.string().url().optional(),
    company: z.string().min(1).optional(),
    employerType: z.enum(EMPLOYER_TYPES).nullable().optional(),
    enabled: z.boolean().default(true),
    /** Politeness: never fetch this source more often than this. */
    minIntervalMinutes: z.number().int().min(1).max(10_080).default(60),
    /**
     * Most items one fetch stores (the first ones, in the source's order): a runaway feed cannot
     * fill the database. A fetch cut at the cap closes nothing (it is not evidence of what is gone).
     * Unset: DEFAULT_MAX_LISTINGS.
     */
    maxListings: z.number().int().min(1).max(200_000).optional(),
    /** Free-form note for the operator (terms of use, why it is here). */
    note: z.string().optional(),
  })
  .refine(
    (s) =>
      !["greenhouse", "lever", "ashby", "workable", "recruitee", "smartrecruiters", "hackernews", "jsonld"].includes(
        s.type,
      ) ||
      s.board ||
      s.url,
    {
      message: "this source type needs a board (or a url)",
    },
  );

const SourcesFileSchema = z
  .object({ sources: z.array(SourceSchema) })
  .refine((f) => new Set(f.sources.map((s) => s.name)).size === f.sources.length, {
    message: "source names must be unique",
  });

export type SourceConfig = z.infer<typeof SourceSchema>;

export class SourcesConfigError extends Error {
  override name = "SourcesConfigError";
}

/**
 * Parses the sources file (SOURCES_FILE, JSON). Runtime-neutral: the caller reads the text.
 * Errors name the source index and field so an operator can fix the file.
 */
export function parseSourcesConfig(text: string, fileName = "sources.json"): SourceConfig[] {
  let json: unknown;
  try {
    // Notepad and other Windows editors save UTF-8 with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new SourcesConfigError(`${fileName} is not valid JSON: ${printable((err as Error).message)}`);
  }
  const parsed = SourcesFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new SourcesConfigError(`${fileName} is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data.sources;
}

/**
 * V8's parse error quotes the text around the fault ('Unexpected token …, "…" is not valid JSON'):
 * from a binary or hostile file that put raw control bytes (a terminal's escape sequences) and
 * bidi controls on the operator's terminal. They are shown as \u escapes.
 */
function printable(message: string): string {
  return message
    .slice(0, 300)
    .replace(
      /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
}
