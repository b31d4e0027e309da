import { defineConfig } from "drizzle-kit";

// `npm run db:generate -- --name what_changed` writes a new migration into db/migrations.
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
