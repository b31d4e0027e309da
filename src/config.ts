import { z } from "zod";
import { weakSecretReason } from "./security/secret-strength";

/**
 * The environment contract of DESIGN.md §7, parsed once at start-up. An invalid value stops the
 * process with a message naming the variable. This module is runtime-neutral: the Node entry
 * supplies a generated TOKEN_SECRET in development (see node/token-secret.ts).
 */
/**
 * A whole number read from text, refused in words a person understands (zod's own say
 * "Invalid input: expected number, received NaN"). Shared with query strings (admin API). Plain
 * decimal digits only: JavaScript's Number() also reads "0x10" (16), " 3000", "1e3" and "+80",
 * which no one writing PORT means, so coercion let typos start a service on a port nobody chose.
 */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
  const message = `must be a whole number ${range}, in plain digits`;
  return z
    .string({ error: message })
    .regex(/^[0-9]+$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(min, message).max(max, message));
}
const port = wholeNumber(1, 65_535);
const optionalSecret = z.string().min(16, "must be at least 16 characters").optional();
/**
 * A URL as written: no whitespace or control characters. `URL` silently drops tabs and line
 * breaks, so "http://x.example/a\r\nBcc: evil@x.y" parsed, and the text kept its CR/LF and space:
 * every link and the List-Unsubscribe header were built from it.
 */
const url = z
  .string()
  .regex(/^[^\s\u0000-\u001f\u007f-\u009f]*$/, "must not contain spaces, line breaks or control characters")
  .url()
  .transform((u) => u.replace(/\/+$/, ""));

// --- Values that cannot work are refused at start-up (issue 17.7) ---
/** Links in emails must open in a browser: only http(s) (never `javascript:` or `data:`). */
const httpUrl = url.refine((u) => /^https?:\/\//i.test(u), "must be an http:// or https:// URL");
/**
 * The base every link is built on by appending `/confirm/TOKEN`: a query or fragment would swallow
 * that path ("https://x.example/?a=1/confirm/…" opens the home page) and a user:password would be
 * in every email and List-Unsubscribe header.
 */
const publicUrl = httpUrl
  .refine((u) => !/[?#]/.test(u), "must have no query (?…) or fragment (#…): links are built by adding a path")
  .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), "must not contain a user name or password");
/** `file:` alone names no file (libSQL would open something nobody meant). */
const databaseUrl = z
  .string()
  .regex(/^(file:|libsql:|https?:|wss?:)/, "must be a libSQL URL: file:…, libsql://… or https://…")
  .refine((u) => !/^file:(\/\/)?\s*$/.test(u), "file: needs a path, e.g. file:data/backend-weekly.db")
  // fetch refuses such a URL with an error that quotes it, password and all, onto the terminal and into logs.
  .refine(
    (u) => !/^[a-z]+:\/\/[^/?#]*@/i.test(u),
    "must not contain a user name or password: give a Turso token in DATABASE_AUTH_TOKEN",
  );
/**
 * Sites allowed to call POST /api/subscribe from a browser (CORS) and to post the embedded form
 * without our CSRF token: comma-separated origins (scheme, host, optional port; no path or `*`).
 */
const allowedOrigins = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine(isOrigin, "must be comma-separated origins such as https://jobs.example.com (no path, no *)"),
    ),
  )
  .transform((list) => [...new Set(list.map((o) => new URL(o).origin))]);

function isOrigin(value: string): boolean {
  if (!/^https?:\/\/[^/?#*\s]+\/?$/i.test(value)) return false;
  try {
    return new URL(value).origin !== "null";
  } catch {
    return false;
  }
}
/** Below 0.1 a digest run to a few thousand people would take days: a typo, not a wish. */
// A plain decimal ("2", "0.5"): Number() would also take "0x10", " 2" or "1e1".
const sendRate = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)?$/, "must be a number of requests per second, in plain digits (e.g. 2 or 0.5)")
  .transform(Number)
  .pipe(z.number().min(0.1, "must be at least 0.1 (requests per second)").max(1000, "must be at most 1000"));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(3000),
  PUBLIC_URL: publicUrl.optional(),
  DATABASE_URL: databaseUrl.default("file:data/backend-weekly.db"),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  DATABASE_STATEMENT_LIMITS: z.enum(["none", "d1"]).default("none"),
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
  SEND_RATE_PER_SEC: sendRate.default(2),
  SOURCES_FILE: z.string().min(1).default("sources.json"),
  SOURCES_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  LISTING_MAX_AGE_DAYS: wholeNumber(1).default(45),
  // The header a trusted reverse proxy puts the client address in (see clientAddress in security/rate-limit.ts).
  TRUST_PROXY: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, "must be a header name, e.g. x-forwarded-for or cf-connecting-ip")
    .transform((h) => h.toLowerCase())
    .optional(),
  // --- Operator surfaces (issue 16.4, 16.8, 16.9) ---
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SUPPRESSION_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  HOST: z.string().min(1).optional(),
  ALLOWED_ORIGINS: allowedOrigins.optional(),
  // --- Retention (the daily housekeeping job, src/jobs/housekeeping.ts; README "Operations") ---
  LISTING_BODY_RETENTION_DAYS: wholeNumber(1).default(30),
  JOB_RUN_RETENTION_DAYS: wholeNumber(1).default(90),
  WEBHOOK_EVENT_RETENTION_DAYS: wholeNumber(1).default(90),
  OUTBOX_TMP_MAX_AGE_MINUTES: wholeNumber(1).default(60),
  // --- end of retention ---
  // --- Who runs the service, shown under the subscribe form (issue 18.6); default: MAIL_FROM's name and address ---
  OPERATOR_NAME: z.string().max(120).optional(),
  OPERATOR_CONTACT: z.string().max(254).optional(),
});

/** Secrets that must carry 32 bytes of entropy in production (RESEND_WEBHOOK_SECRET is Resend's own). */
const STRONG_IN_PRODUCTION = [
  "TOKEN_SECRET",
  "TOKEN_SECRET_PREVIOUS",
  "ADMIN_TOKEN",
  "METRICS_TOKEN",
  "SUPPRESSION_SECRET",
] as const;

/** Names each production secret too weak to resist guessing (issue 16.8). */
function weakSecrets(e: z.infer<typeof EnvSchema>): string[] {
  if (e.NODE_ENV !== "production") return [];
  return STRONG_IN_PRODUCTION.flatMap((name) => {
    const value = e[name];
    const reason = value === undefined ? null : weakSecretReason(value);
    return reason ? [`  ${name}: ${reason}`] : [];
  });
}

/** Who runs this instance, as the subscribe page names them: OPERATOR_* or MAIL_FROM's name and address. */
function operatorOf(e: Pick<z.infer<typeof EnvSchema>, "MAIL_FROM" | "OPERATOR_NAME" | "OPERATOR_CONTACT">): {
  name: string;
  contact: string;
} {
  const from = /^\s*([^<]*?)\s*<([^>]+)>\s*$/.exec(e.MAIL_FROM);
  return {
    name: e.OPERATOR_NAME ?? (from?.[1] || "Backend Weekly"),
    contact: e.OPERATOR_CONTACT ?? (from ? from[2]! : e.MAIL_FROM),
  };
}

export type Config = ReturnType<typeof toConfig>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment record into the typed config, or throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty or blank values mean "unset" (a blank line in .env must not turn into an invalid value):
  // OUTBOX_DIR=" " made a folder named " ", and ADMIN_TOKEN of spaces turned on an admin API no
  // request could reach (HTTP trims the header), both without a word.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    // One line per variable and reason: a number past 2^53 failed two checks with one message.
    const lines = [...new Set(parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`))];
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const weak = weakSecrets(e);
  if (weak.length) throw new ConfigError(`Invalid configuration:\n${weak.join("\n")}`);
  if (!e.TOKEN_SECRET) {
    throw new ConfigError(
      e.NODE_ENV === "production"
        ? "Invalid configuration:\n  TOKEN_SECRET: required in production (32 random bytes, e.g. `openssl rand -base64 32`)"
        : "Invalid configuration:\n  TOKEN_SECRET: missing (the Node entry generates one in development)",
    );
  }
  if (e.RESEND_API_KEY && !/@[^@>\s]+\.[^@>\s]+>?$/.test(e.MAIL_FROM)) {
    // Resend rejects a sender without a real domain; say so at start-up, not at the first send.
    throw new ConfigError(
      'Invalid configuration:\n  MAIL_FROM: set it to an address on your verified sending domain when RESEND_API_KEY is set (e.g. "Backend Weekly <digest@example.com>")',
    );
  }
  return toConfig({ ...e, TOKEN_SECRET: e.TOKEN_SECRET }, "SOURCES_FILE" in cleaned);
}

function toConfig(e: z.infer<typeof EnvSchema> & { TOKEN_SECRET: string }, sourcesFileSet = false) {
  const tokenSecrets = [e.TOKEN_SECRET, ...(e.TOKEN_SECRET_PREVIOUS ? [e.TOKEN_SECRET_PREVIOUS] : [])];
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === "production",
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    /** "d1": refuse what Cloudflare D1 would (over 100 parameters or 100 KB a statement, interactive transactions). */
    databaseStatementLimits: e.DATABASE_STATEMENT_LIMITS,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    mailFrom: e.MAIL_FROM,
    outboxDir: e.OUTBOX_DIR,
    tokenSecrets,
    adminToken: e.ADMIN_TOKEN,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    sendRatePerSec: e.SEND_RATE_PER_SEC,
    sourcesFile: e.SOURCES_FILE,
    sourcesAllowPrivate: e.SOURCES_ALLOW_PRIVATE === "true",
    scheduler: e.SCHEDULER === "on",
    listingMaxAgeDays: e.LISTING_MAX_AGE_DAYS,
    trustProxy: e.TRUST_PROXY,
    // --- Operator surfaces (issue 16.4, 16.8, 16.9, 17.7) ---
    /** An explicit SOURCES_FILE must exist; the default may be absent (no sources). */
    sourcesFileSet,
    metricsToken: e.METRICS_TOKEN,
    /** Keys the suppression hashes when set; otherwise they derive from TOKEN_SECRET (subscribers/suppression-keys.ts). */
    suppressionSecret: e.SUPPRESSION_SECRET,
    /** Loopback outside production, so a laptop does not serve /dev/outbox to its network. */
    host: e.HOST ?? (e.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1"),
    operator: operatorOf(e),
    /** Origins of other sites that embed the subscribe form (README "Embed the form on your site"); empty: this site only. */
    allowedOrigins: e.ALLOWED_ORIGINS ?? [],
    retention: {
      listingBodyDays: e.LISTING_BODY_RETENTION_DAYS,
      jobRunDays: e.JOB_RUN_RETENTION_DAYS,
      webhookEventDays: e.WEBHOOK_EVENT_RETENTION_DAYS,
      outboxTmpMinutes: e.OUTBOX_TMP_MAX_AGE_MINUTES,
    },
  };
}
