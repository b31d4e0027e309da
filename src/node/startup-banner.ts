import { resolve } from "node:path";
import type { Config } from "../config";

/**
 * What `npm start` tells the person who started it: where the service is, where mail goes, and
 * in production a warning when every emailed link would point at this machine (PUBLIC_URL unset
 * or local), which no reader can open, or when they would use plain http. /dev/outbox is not served in production, so there the
 * outbox is named by its folder.
 */
export function startupBanner(
  config: Pick<Config, "publicUrl" | "isProduction" | "outboxDir">,
  mail: "resend" | "outbox",
): string[] {
  const lines = [`Backend Weekly is running: ${config.publicUrl}`];
  if (mail === "resend") lines.push("Mail is sent through Resend.");
  else if (config.isProduction)
    lines.push(`Mail goes to the outbox folder (no RESEND_API_KEY): ${resolve(config.outboxDir)}`);
  else lines.push(`Mail goes to the outbox (no RESEND_API_KEY): ${config.publicUrl}/dev/outbox`);
  if (config.isProduction && isThisMachine(config.publicUrl)) lines.push(localLinksWarning(config.publicUrl));
  else if (config.isProduction && new URL(config.publicUrl).protocol === "http:")
    lines.push(plainHttpWarning(config.publicUrl));
  return lines;
}

function localLinksWarning(publicUrl: string): string {
  return (
    `Warning: PUBLIC_URL is ${publicUrl}: every link in the emails (confirm, manage, unsubscribe) will ` +
    "point at this address, which readers cannot open. Set PUBLIC_URL to the address people reach this service at."
  );
}

// RFC 8058 one-click unsubscribe needs an https URI, and mailbox providers' bulk-sender rules rely on it.
function plainHttpWarning(publicUrl: string): string {
  return (
    `Warning: PUBLIC_URL is ${publicUrl}: links in the emails use plain http, and one-click unsubscribe ` +
    "(List-Unsubscribe) needs https. Serve the service over https and set PUBLIC_URL to the https address."
  );
}

/** localhost, *.localhost, 127.0.0.0/8, ::1 and the unspecified addresses: nobody else reaches them. */
export function isThisMachine(url: string): boolean {
  const host = new URL(url).hostname;
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    ["[::1]", "[::]", "0.0.0.0"].includes(host)
  );
}
