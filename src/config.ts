import { z } from "zod";

/**
 * The environment contract of DESIGN.md §7, parsed once at start-up. An invalid value stops the
 * process with a message naming the variable. This module is runtime-neutral: the Node entry
 * supplies a generated TOKEN_SECRET in development (see node/token-secret.ts).
 */
const port = z.coerce.number().int().min(1).max(65_535);
const optionalSecret = z.string().min(16, "must be at least 16 characters").optional();
const url = z.string().url().transform((u) => u.replace(/\/+$/, ""));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(3000),
  PUBLIC_URL: url.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, "must be a libSQL URL: file:…, libsql://… or https://…")
    .default("file:data/backend-weekly.db"),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  RESEND_API_KEY: z.string().startsWith("re_", "must start with re_").optional(),
  RESEND_BASE_URL: url.optional(),
  MAIL_FROM: z
    .string()
    .regex(/^([^<>\r\n]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, "must be an address or 'Name <address>'")
    .default("Backend Weekly <digest@localhost>"),
  OUTBOX_DIR: z.string().min(1).default("data/outbox"),
  TOKEN_SECRET: optionalSecret,
  TOKEN_SECRET_PREVIOUS: optionalSecret,
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  RESEND_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_").optional(),
  SEND_RATE_PER_SEC: z.coerce.number().positive().max(1000).default(2),
  SOURCES_FILE: z.string().min(1).default("sources.json"),
  SOURCES_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  LISTING_MAX_AGE_DAYS: z.coerce.number().int().positive().default(45),
});

export type Config = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment record into the typed config, or throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset" (a blank line in .env must not turn into an invalid value).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (!e.TOKEN_SECRET) {
    throw new ConfigError(
      e.NODE_ENV === "production"
        ? "Invalid configuration:\n  TOKEN_SECRET: required in production (at least 16 characters)"
        : "Invalid configuration:\n  TOKEN_SECRET: missing (the Node entry generates one in development)",
    );
  }
  if (e.RESEND_API_KEY && !/@[^@>\s]+\.[^@>\s]+>?$/.test(e.MAIL_FROM)) {
    // Resend rejects a sender without a real domain; say so at start-up, not at the first send.
    throw new ConfigError(
      "Invalid configuration:\n  MAIL_FROM: set it to an address on your verified sending domain when RESEND_API_KEY is set (e.g. \"Backend Weekly <digest@example.com>\")",
    );
  }
  return toConfig({ ...e, TOKEN_SECRET: e.TOKEN_SECRET });
}

function toConfig(e: z.infer<typeof EnvSchema> & { TOKEN_SECRET: string }) {
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === "production",
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    mailFrom: e.MAIL_FROM,
    outboxDir: e.OUTBOX_DIR,
    tokenSecrets: [e.TOKEN_SECRET, ...(e.TOKEN_SECRET_PREVIOUS ? [e.TOKEN_SECRET_PREVIOUS] : [])],
    adminToken: e.ADMIN_TOKEN,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    sendRatePerSec: e.SEND_RATE_PER_SEC,
    sourcesFile: e.SOURCES_FILE,
    sourcesAllowPrivate: e.SOURCES_ALLOW_PRIVATE === "true",
    scheduler: e.SCHEDULER === "on",
    listingMaxAgeDays: e.LISTING_MAX_AGE_DAYS,
  };
}
