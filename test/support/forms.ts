import type { Hono } from "hono";
import type { AppEnv } from "../../src/deps";

type App = Hono<AppEnv>;

/**
 * A tiny browser for app.request(): keeps the CSRF cookie and reads the token from the last page,
 * so tests submit forms exactly as a person's browser would.
 */
export class FormSession {
  private cookie = "";
  csrf = "";

  constructor(private readonly app: App) {}

  async get(path: string): Promise<Response> {
    const res = await this.app.request(path, { headers: this.headers() });
    this.remember(res);
    const html = await res.clone().text();
    const match = html.match(/name="_csrf" value="([^"]+)"/);
    if (match) this.csrf = match[1]!;
    return res;
  }

  /** POSTs a form; `fields` values may repeat (arrays). The CSRF token is added unless given. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    opts: { csrf?: string | null } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) body.append("_csrf", token);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await this.app.request(path, {
      method: "POST",
      body,
      headers: { ...this.headers(), "content-type": "application/x-www-form-urlencoded" },
    });
    this.remember(res);
    return res;
  }

  private headers(): Record<string, string> {
    return this.cookie ? { cookie: this.cookie } : {};
  }

  private remember(res: Response) {
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0]!;
  }
}

/** The path of the first link in a text that points at `/<route>/<token>`. */
export function linkPath(text: string, route: string): string {
  const match = text.match(new RegExp(`https?://[^/\\s"]+(/${route}/[A-Za-z0-9._-]+)`));
  if (!match) throw new Error(`no /${route}/ link in the message`);
  return match[1]!;
}

/** The page's HTML with the few entities our pages escape decoded, for readable assertions. */
export async function readPage(res: Response): Promise<string> {
  return (await res.text())
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/**
 * The check-inbox page without what differs per visitor by design: the CSRF token, and the address
 * and filters as typed (echoed in the notice and the "wrong address?" form). Nothing looked up
 * remains, so two answers compare equal only if the service answered alike.
 */
export function withoutEchoes(html: string): string {
  return html
    .replaceAll(/<input type="hidden" name="\w+" value="[^"]*"\/>/g, "")
    .replace(/<strong id="subscriber-email">[^<]*<\/strong>/, "")
    .replace(/(id="corrected-email"[^>]*value=")[^"]*"/, '$1"');
}
