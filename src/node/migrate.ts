import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { Db } from "../../db/client";

const migrationsFolder = fileURLToPath(new URL("../../db/migrations", import.meta.url));

/** Applies the committed drizzle-kit migrations. Idempotent; safe to run at every start. */
export async function applyMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
