import { zValidator } from "@hono/zod-validator";
import { and, type AnyColumn, count, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { listings } from "../../../db/schema";
import type { AppEnv } from "../../deps";
import { EMPLOYER_TYPES } from "../../domain/facets";
import { AppError } from "../../errors";
import { wholeNumber } from "../../config";
import { requireJsonType } from "../../http/json-type";
import { addManualListing, closeListing } from "../../listings/manual";
import { rowToNormalised } from "../../listings/rows";

const ListQuery = z.object({
  status: z.enum(["open", "closed"]).optional(),
  source: z.string().max(64).optional(),
  backend: z.enum(["true", "false"]).optional(),
  q: z.string().max(100).optional(),
  limit: wholeNumber(1, 500).default(50),
  offset: wholeNumber(0).default(0),
});

/**
 * The text `q` as typed, anywhere in the column (LIKE, so in any letter case for ASCII). `%` and `_`
 * are LIKE's wildcards: `q=_` or `q=%` listed every listing, and "100%" matched "100 engineers".
 */
function contains(column: AnyColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, "\\$&")}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

const invalid = (result: {
  success: boolean;
  error?: { issues: readonly { path: PropertyKey[]; message: string }[] };
}) => {
  if (!result.success) {
    const issue = result.error!.issues[0]!;
    throw new AppError("VALIDATION_FAILED", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
};

/** /admin/api/listings: list with filters, add by hand, close. */
export const adminListingRoutes = new Hono<AppEnv>()
  .get("/listings", zValidator("query", ListQuery, invalid), async (c) => {
    const q = c.req.valid("query");
    const where: SQL[] = [];
    if (q.status) where.push(eq(listings.status, q.status));
    if (q.source) where.push(eq(listings.source, q.source));
    if (q.backend) where.push(eq(listings.isBackend, q.backend === "true"));
    if (q.q) where.push(or(contains(listings.title, q.q), contains(listings.company, q.q))!);
    const condition = where.length ? and(...where) : undefined;
    const db = c.var.deps.db;
    const [rows, [total]] = await Promise.all([
      db.select().from(listings).where(condition).orderBy(desc(listings.firstSeenAt)).limit(q.limit).offset(q.offset),
      db.select({ n: count() }).from(listings).where(condition),
    ]);
    return c.json({ total: total?.n ?? 0, listings: rows.map(rowToNormalised) });
  })
  .post("/listings", async (c) => {
    requireJsonType(c);
    const body = await c.req.json().catch(() => {
      throw new AppError("BAD_REQUEST", "The body must be a JSON object describing the listing.");
    });
    const employerType = z
      .enum(EMPLOYER_TYPES)
      .nullish()
      .safeParse((body as Record<string, unknown>)?.employerType);
    if (!employerType.success)
      throw new AppError("VALIDATION_FAILED", `employerType must be one of ${EMPLOYER_TYPES.join(", ")}.`);
    const { listing, created } = await addManualListing(c.var.deps.db, {
      body,
      employerType: employerType.data ?? null,
      now: c.var.deps.clock.now(),
      maxAgeDays: c.var.deps.config.listingMaxAgeDays,
    });
    return c.json({ listing: rowToNormalised(listing) }, created ? 201 : 200);
  })
  .post("/listings/:id/close", async (c) => {
    const listing = await closeListing(c.var.deps.db, c.req.param("id"), c.var.deps.clock.now());
    return c.json({ listing: rowToNormalised(listing) });
  });
