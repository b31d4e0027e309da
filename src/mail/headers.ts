/**
 * The one place that builds mail headers (STYLE.md §14). RFC 8058 one-click unsubscribe needs
 * both headers: the signed HTTPS URL in angle brackets, and the fixed List-Unsubscribe-Post value.
 */
export function unsubscribeUrl(publicUrl: string, unsubscribeToken: string): string {
  return `${publicUrl}/unsubscribe/${unsubscribeToken}`;
}

/** No header value may contain CR or LF (header injection); other control characters go too. */
export function sanitizeHeaderValue(value: string): string {
  return value.replace(/[\r\n\t\0-\x1f\x7f]+/g, " ").trim();
}

export function listUnsubscribeHeaders(publicUrl: string, unsubscribeToken: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${sanitizeHeaderValue(unsubscribeUrl(publicUrl, unsubscribeToken))}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
