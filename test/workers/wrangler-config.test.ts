import { describe, expect, it } from "vitest";
import wranglerToml from "../../wrangler.toml?raw";

/** The key = value lines of one [table] of wrangler.toml. */
function table(name: string): Record<string, string> {
  const lines = wranglerToml.split("\n");
  const start = lines.indexOf(`[${name}]`);
  if (start < 0) return {};
  const entries: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("[")) break;
    const match = line.match(/^(\w+)\s*=\s*(.+)$/);
    if (match) entries[match[1]!] = match[2]!.trim();
  }
  return entries;
}

// Workers Logs' invocation logs record each request's URL, and a link's URL carries its token
// (/confirm/TOKEN, /unsubscribe/TOKEN…): DESIGN.md §6 says no token ever reaches a log.
describe("wrangler.toml keeps link tokens out of Workers Logs", () => {
  it("keeps our own log lines and turns invocation logs off", () => {
    expect(table("observability").enabled).toBe("true");
    expect(table("observability.logs")).toMatchObject({ enabled: "true", invocation_logs: "false" });
  });
});
