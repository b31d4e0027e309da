import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listings, preferences } from "../../../db/schema";
import { useAppWithFakeResend } from "../../support/app-harness";
import { runCliOn } from "../../support/cli-process";

/**
 * Control characters in untrusted text (DESIGN.md §6: reduced to plain text), found by an outside
 * check: a Greenhouse title's ESC/BEL sequences reached the operator's terminal through `classify`,
 * `import` and `listings`, and a NUL in a hand-added listing cut its text short in libSQL.
 */
const ADMIN = "admin-token-0123456789";
const harness = useAppWithFakeResend({ env: { ADMIN_TOKEN: ADMIN } });
// Anything below U+0020 but tab and line feed, DEL, and the C1 range: none may be printed or stored.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const cli = (args: string[]) => runCliOn(harness.deps, args);

function greenhousePayload(): string {
  const file = join(harness.deps.dir, "greenhouse-controls.json");
  const job = {
    id: 4242,
    title: "Backend Engineer \u001b[31mRED\u001b[0m \u0007 (Go)",
    absolute_url: "https://boards.example.com/acme/jobs/4242",
    // Greenhouse escapes its HTML once more; a character reference to ESC decodes only as it becomes text.
    content:
      "&lt;p&gt;Build Go APIs.\u0000\u001b[2J&lt;/p&gt;&lt;p&gt;Remote, worldwide. &amp;#27;[1mBold&amp;#27;[0m&lt;/p&gt;",
    location: { name: "Remote\u0007 (Worldwide)" },
    departments: [{ name: "Engineering\u001b]0;title\u0007" }],
    updated_at: "2026-11-20T10:00:00Z",
  };
  writeFileSync(file, JSON.stringify({ jobs: [job] }));
  return file;
}

describe("listing text from a source loses its control characters", () => {
  it("classify prints, import stores and listings shows the title without ESC or BEL", async () => {
    const file = greenhousePayload();
    const classified = await cli(["classify", file, "--type", "greenhouse", "--company", "Acme"]);
    expect(classified.code, classified.stderr).toBe(0);
    const printed = JSON.parse(classified.stdout) as { title: string; description: string };
    expect(printed.title).toBe("Backend Engineer RED (Go)");
    expect(printed.description).toBe("Build Go APIs.\n\nRemote, worldwide. Bold");
    expect(classified.stdout).not.toMatch(CONTROL);
    expect(classified.stdout).not.toMatch(/\\u00(0[0-8bcef]|1[0-9a-f]|7f)/i); // nor escaped in the JSON

    const imported = await cli(["import", file, "--type", "greenhouse", "--company", "Acme", "--json"]);
    expect(imported.code, imported.stderr).toBe(0);
    const [row] = await harness.deps.db.select().from(listings).where(eq(listings.sourceId, "4242"));
    expect(row!.title).toBe("Backend Engineer RED (Go)");
    expect(row!.description).toBe(printed.description);
    expect(row!.tags.join(" ")).not.toMatch(CONTROL);
    // An operating-system command (a window title) goes whole, not just its ESC and BEL.
    expect(row!.tags.join(" ")).not.toContain("]0;");

    const listed = await cli(["listings"]);
    expect(listed.stdout).toContain("Backend Engineer RED (Go)");
    expect(listed.stdout).not.toMatch(CONTROL);
  }, 120_000);

  it("a hand-added listing with NUL in its title, company and description is stored whole, without it", async () => {
    const res = await harness.app.request("/admin/api/listings", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({
        url: "https://jobs.example.com/nul-1",
        title: "Senior Backend\u0000 Engineer (Go)",
        company: "Null\u0000 Corp",
        description: "Build\u0000 Go APIs.\r\nRemote,\u0085 worldwide.\tFull time.",
        workplace: "remote",
      }),
    });
    expect(res.status).toBe(201);
    const { listing } = (await res.json()) as { listing: { id: string } };
    const [row] = await harness.deps.db.select().from(listings).where(eq(listings.id, listing.id));
    expect(row!.title).toBe("Senior Backend Engineer (Go)");
    expect(row!.company).toBe("Null Corp");
    expect(row!.description).toBe("Build Go APIs.\nRemote, worldwide. Full time.");
  });
});

describe("text a subscriber types loses its control characters too", () => {
  it("keywords with NUL, ESC and BEL are stored as the plain words", async () => {
    const res = await harness.app.request("/api/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: "ctrl@example.com",
        mustHave: ["kaf\u0000ka", "\u001b[31mpostgres\u001b[0m"],
        excludeCompanies: ["Evil\u0007 Co"],
      }),
    });
    expect(res.status).toBe(202);
    const [stored] = await harness.deps.db.select().from(preferences);
    expect(stored!.mustHaveKeywords).toEqual(["kafka", "postgres"]);
    expect(stored!.excludedCompanies).toEqual(["evil co"]);
  });
});
