/**
 * The .dev.vars `npm run dev:worker` keeps beside wrangler.toml (bin/dev-worker.mjs): development
 * values and a generated TOKEN_SECRET, written once. PUBLIC_URL names the port of the run that
 * wrote it, so a later run on another port (`-- --port 8799`) mailed links to the old one, where
 * nothing answers; the URL is moved to the new port when it is still the one this wrote
 * (http://localhost:PORT). A PUBLIC_URL of the operator's own, and every other line, is kept.
 */
export function devVars(existing: string | null, port: string, newSecret: () => string): string {
  const publicUrl = `http://localhost:${port}`;
  if (existing === null) {
    const vars = {
      NODE_ENV: "development",
      PUBLIC_URL: publicUrl,
      TOKEN_SECRET: newSecret(),
      // One small slice per message, so a local run shows the fan-out.
      DIGEST_SLICE_SIZE: "50",
    };
    return Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join("");
  }
  return existing.replace(/^PUBLIC_URL=http:\/\/localhost:\d+$/m, `PUBLIC_URL=${publicUrl}`);
}
