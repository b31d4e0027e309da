import type { Config } from "../config";
import { unsubscribeUrl } from "../mail/headers";
import { signToken } from "../security/tokens";

export interface SubscriberLinks {
  confirm: string;
  preferences: string;
  unsubscribe: string;
  digest: string;
  tokens: { confirm: string; manage: string; unsubscribe: string };
}

/**
 * Every signed link for one subscriber. Tokens are the last path segment (DESIGN.md §7) and all
 * links start with PUBLIC_URL. The digest page is a manage-purpose page.
 */
export async function subscriberLinks(config: Pick<Config, "publicUrl" | "tokenSecrets">, subscriberId: string): Promise<SubscriberLinks> {
  const [confirm, manage, unsubscribe] = await Promise.all([
    signToken(config.tokenSecrets, "confirm", subscriberId),
    signToken(config.tokenSecrets, "manage", subscriberId),
    signToken(config.tokenSecrets, "unsubscribe", subscriberId),
  ]);
  const base = config.publicUrl;
  return {
    confirm: `${base}/confirm/${confirm}`,
    preferences: `${base}/preferences/${manage}`,
    unsubscribe: unsubscribeUrl(base, unsubscribe),
    digest: `${base}/digest/${manage}`,
    tokens: { confirm, manage, unsubscribe },
  };
}
