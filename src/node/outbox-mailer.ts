import { randomUUID } from "node:crypto";
import { link, mkdir, readdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../clock";
import type { Mailer } from "../mail/mailer";
import { isOutboxId, outboxMailer, type OutboxMessage, type OutboxStore } from "../mail/outbox-store";

/**
 * The outbox transport, used when RESEND_API_KEY is unset: one JSON file per message. File names
 * derive from the idempotency key, and each file appears atomically through link(), which
 * refuses to replace an existing name: a retry, or the CLI and the server racing on one key,
 * write a message once.
 */
export function createOutboxMailer(dir: string, clock: Clock): Mailer & OutboxStore {
  const mailer = outboxMailer(clock, async (messages) => {
    // Messages hold addresses and signed links: only the service's user may read them.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    for (const message of messages) await writeOnce(join(dir, `${message.id}.json`), JSON.stringify(message, null, 2));
  });
  return {
    ...mailer,
    async list() {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => n.endsWith(".json"));
      } catch {
        return [];
      }
      const messages = await Promise.all(names.map((n) => readMessage(join(dir, n))));
      return messages
        .filter((m): m is OutboxMessage => m !== null)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    },
    async get(id) {
      if (!isOutboxId(id)) return null;
      return readMessage(join(dir, `${id}.json`));
    },
  };
}

async function writeOnce(path: string, content: string): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  // A write that fails part way (a full disk) must not leave its temp file behind.
  await writeFile(tmp, content, { mode: 0o600 }).catch(async (err: unknown) => {
    await unlink(tmp).catch(() => {});
    throw err;
  });
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/** A file in the folder that is not JSON, or JSON that is not a message (another tool's, a hand edit), is none. */
async function readMessage(path: string): Promise<OutboxMessage | null> {
  try {
    const value: unknown = JSON.parse(await readFile(path, "utf8"));
    return isMessage(value) ? value : null;
  } catch {
    return null;
  }
}

// The fields /dev/outbox reads: one of another type made its list page throw (a 500).
function isMessage(value: unknown): value is OutboxMessage {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const m = value as Record<string, unknown>;
  const isText = (v: unknown) => typeof v === "string";
  const to = Array.isArray(m.to) ? m.to.every(isText) : isText(m.to);
  const headers = typeof m.headers === "object" && m.headers !== null && !Array.isArray(m.headers);
  return to && headers && ["id", "from", "subject", "html", "text", "createdAt"].every((key) => isText(m[key]));
}
