/**
 * Escaping exactly as React's server renderer escapes text and attribute values
 * (react-dom's escapeTextForBrowser): & < > " ' become &amp; &lt; &gt; &quot; &#x27;, nothing else.
 */
const SPECIAL = /["'&<>]/;

export function escapeHtml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    let entity: string;
    switch (text.charCodeAt(i)) {
      case 34:
        entity = "&quot;";
        break;
      case 38:
        entity = "&amp;";
        break;
      case 39:
        entity = "&#x27;";
        break;
      case 60:
        entity = "&lt;";
        break;
      case 62:
        entity = "&gt;";
        break;
      default:
        continue;
    }
    if (last !== i) out += text.slice(last, i);
    out += entity;
    last = i + 1;
  }
  return out + text.slice(last);
}
