/**
 * Field validation of one email as `POST /emails` and `POST /emails/batch` do it: the first
 * problem found is reported, as the real API reports one message per email.
 */
import { fieldError, type ResendErrorBody } from "./errors";
import type { AcceptedEmail } from "./types";

export type ValidEmail = Omit<
  AcceptedEmail,
  "id" | "endpoint" | "requestIndex" | "batchIndex" | "idempotencyKey" | "acceptedAt"
>;
export type Validation = { ok: true; email: ValidEmail } | { ok: false; error: ResendErrorBody };

export const MAX_RECIPIENTS = 50;
export const MAX_BATCH = 100;
const MAX_TAG_LENGTH = 256;

const ADDRESS_FORMAT =
  "The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";
const TAG_RULE =
  "It can only contain ASCII letters (a–z, A–Z), numbers (0–9), underscores (_), or dashes (-), and no more than 256 characters.";
const LOCAL_PART = /^[^\s@<>()[\]",;:\\]+$/;
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const DISPLAY_FORM = /^(?:"[^"\r\n]*"|[^<>"\r\n]*?)\s*<([^<>]+)>$/;
const TAG_NAME = /^[A-Za-z0-9_-]+$/;
const TAG_VALUE = /^[A-Za-z0-9_-]*$/;

/** `addr@domain.tld` or `Name <addr@domain.tld>`; the domain needs a dot, as a sendable one does. */
export function isValidAddress(value: string): boolean {
  const trimmed = value.trim();
  const bare = DISPLAY_FORM.exec(trimmed)?.[1] ?? trimmed;
  const at = bare.lastIndexOf("@");
  if (at <= 0) return false;
  return LOCAL_PART.test(bare.slice(0, at)) && DOMAIN.test(bare.slice(at + 1));
}

class FieldProblem extends Error {
  constructor(readonly body: ResendErrorBody) {
    super(body.message);
  }
}
const invalid = (message: string) => new FieldProblem(fieldError("validation_error", message));
const missing = (field: string) =>
  new FieldProblem(fieldError("missing_required_field", `The \`${field}\` field is missing.`));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function addressList(raw: Record<string, unknown>, field: string, required: boolean): string[] {
  const value = raw[field];
  if (value === undefined || value === null) {
    if (required) throw missing(field);
    return [];
  }
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
    throw invalid(`The \`${field}\` field must be a \`string\` or an \`array\` of strings.`);
  }
  if (list.length === 0 && required) throw missing(field);
  if (field === "to" && list.length > MAX_RECIPIENTS) {
    throw invalid(`Too many recipients in the \`to\` field: the maximum is ${MAX_RECIPIENTS}, got ${list.length}.`);
  }
  if (!list.every(isValidAddress)) throw invalid(`Invalid \`${field}\` field. ${ADDRESS_FORMAT}`);
  return list;
}

function requiredString(raw: Record<string, unknown>, field: string): string {
  const value = raw[field];
  if (value === undefined || value === null || value === "") throw missing(field);
  if (typeof value !== "string") throw invalid(`The \`${field}\` field must be a \`string\`.`);
  return value;
}

function optionalString(raw: Record<string, unknown>, field: string): string | undefined {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`The \`${field}\` field must be a \`string\`.`);
  return value;
}

function parseHeaders(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === "string")) {
    throw invalid("The `headers` field must be an object whose values are strings.");
  }
  for (const [name, headerValue] of Object.entries(value as Record<string, string>)) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(headerValue)) {
      throw invalid(`Invalid \`headers\` field: \`${name.replace(/[\r\n]/g, " ")}\` contains a line break.`);
    }
  }
  return { ...(value as Record<string, string>) };
}

function parseTags(value: unknown): { name: string; value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid("The `tags` field must be an array of `{ name, value }` objects.");
  return value.map((tag) => {
    if (!isPlainObject(tag) || typeof tag.name !== "string" || typeof tag.value !== "string") {
      throw invalid("Each tag must be an object with a `name` and a `value` string.");
    }
    if (!TAG_NAME.test(tag.name) || tag.name.length > MAX_TAG_LENGTH) {
      throw invalid(`Invalid tag name \`${tag.name}\`. ${TAG_RULE}`);
    }
    if (!TAG_VALUE.test(tag.value) || tag.value.length > MAX_TAG_LENGTH) {
      throw invalid(`Invalid value \`${tag.value}\` for tag \`${tag.name}\`. ${TAG_RULE}`);
    }
    return { name: tag.name, value: tag.value };
  });
}

function parseAttachments(value: unknown, inBatch: boolean): unknown[] {
  if (value === undefined || value === null) return [];
  if (inBatch) throw invalid("The `attachments` field is not supported on the batch endpoint.");
  if (!Array.isArray(value)) throw invalid("The `attachments` field must be an array.");
  for (const attachment of value) {
    if (!isPlainObject(attachment) || (attachment.content == null && attachment.path == null)) {
      throw new FieldProblem(fieldError("invalid_attachment", "Attachment must have either a `content` or `path`."));
    }
  }
  return value;
}

function parse(raw: Record<string, unknown>, inBatch: boolean): ValidEmail {
  if (raw.template !== undefined)
    throw invalid("The fake Resend server does not support `template`: send `html`/`text`.");
  const from = requiredString(raw, "from");
  if (!isValidAddress(from)) throw invalid(`Invalid \`from\` field. ${ADDRESS_FORMAT}`);
  const to = addressList(raw, "to", true);
  const subject = requiredString(raw, "subject");
  const html = optionalString(raw, "html");
  const text = optionalString(raw, "text");
  if (!html && !text) {
    throw new FieldProblem(fieldError("missing_required_field", "The `html` or `text` field is missing."));
  }
  const cc = addressList(raw, "cc", false);
  const bcc = addressList(raw, "bcc", false);
  const replyTo = addressList(raw, "reply_to", false);
  const headers = parseHeaders(raw.headers);
  const tags = parseTags(raw.tags);
  const attachments = parseAttachments(raw.attachments, inBatch);
  const scheduledAt = optionalString(raw, "scheduled_at");
  if (scheduledAt !== undefined && inBatch)
    throw invalid("The `scheduled_at` field is not supported on the batch endpoint.");
  return { from, to, cc, bcc, replyTo, subject, html, text, headers, tags, scheduledAt, attachments, raw };
}

/** Validate one email body; never throws. */
export function validateEmail(input: unknown, inBatch: boolean): Validation {
  if (!isPlainObject(input)) {
    const what = inBatch ? "Each email in the batch" : "The request body";
    return { ok: false, error: fieldError("validation_error", `${what} must be a JSON object.`) };
  }
  try {
    return { ok: true, email: parse(input, inBatch) };
  } catch (problem) {
    if (problem instanceof FieldProblem) return { ok: false, error: problem.body };
    throw problem;
  }
}
