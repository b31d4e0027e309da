import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzle<typeof schema>>;
export interface Database {
  db: Db;
  client: Client;
}

/**
 * Opens a libSQL database: a local file (the embedded default) or Turso over the network.
 * For files, WAL and a busy timeout let the CLI and the server share one database safely.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const client = createClient(authToken ? { url, authToken } : { url });
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA busy_timeout = 5000");
    // synchronous stays FULL (the default): a digest's "sending" row must be on disk before the
    // provider call, or a power cut could re-plan it under a new idempotency key and mail twice.
    await client.execute("PRAGMA foreign_keys = ON");
  }
  return { db: drizzle(client, { schema }), client };
}
