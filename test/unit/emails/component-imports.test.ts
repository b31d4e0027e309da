import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["emails", "src"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

// The barrel re-exports every component package, so importing it loads CodeBlock (Prism),
// Markdown and Tailwind into every process: 14 MB of heap, ~50 MB of RSS (bench/RESULTS.md).
describe("React Email imports", () => {
  it("take each component from its own package, never from the @react-email/components barrel", () => {
    const offenders = ROOTS.flatMap(sourceFiles).filter((file) =>
      /from\s+["']@react-email\/components["']/.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
