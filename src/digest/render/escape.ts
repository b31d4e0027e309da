const ENTITIES: Record<string, string> = { '"': "&quot;", "&": "&amp;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" };

/**
 * Escaping exactly as React's server renderer escapes text and attribute values
 * (react-dom's escapeTextForBrowser): & < > " ' become &amp; &lt; &gt; &quot; &#x27;, nothing else.
 */
export function escapeHtml(text: string): string {
  return text.replace(/["'&<>]/g, (c) => ENTITIES[c]!);
}
