const SPECIAL = /["'&<>]/;
const ENTITIES: Record<string, string> = { '"': "&quot;", "&": "&amp;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" };

/**
 * Escaping exactly as React's server renderer escapes text and attribute values
 * (react-dom's escapeTextForBrowser): & < > " ' become &amp; &lt; &gt; &quot; &#x27;, nothing else.
 * Most values have none of them and are returned as they are.
 */
export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(/["'&<>]/g, (c) => ENTITIES[c]!) : text;
}
