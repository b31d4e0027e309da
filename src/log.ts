/**
 * Structured logs: one JSON line per event. Callers pass counts and ids, never addresses or
 * secrets; as a last guard, anything that looks like an email address is masked.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

// Starts only where a token starts (the lookbehind), so a long run without "@" is scanned once, not once per character.
const EMAIL = /(?<![^\s"'<>@])[^\s"'<>@]+@[^\s"'<>@]+\.[^\s"'<>@]+/g;

export function maskEmails(text: string): string {
  return text.includes("@") ? text.replace(EMAIL, (m) => `${m.slice(0, 1)}***@***`) : text;
}

export function createLogger(write: (line: string) => void = (l) => console.log(l)): Logger {
  const emit = (level: string, event: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ ts: new Date().toISOString(), level, event, ...fields });
    write(maskEmails(line));
  };
  return {
    info: (e, f) => emit("info", e, f),
    warn: (e, f) => emit("warn", e, f),
    error: (e, f) => emit("error", e, f),
  };
}

/** A logger that keeps lines in memory, for tests that assert on what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createLogger((l) => lines.push(l)),
    { lines },
  );
}
