import type { Config } from "../config";
import { unsubscribeUrl } from "../mail/headers";
import { signToken } from "../security/tokens";

export interface SubscriberLinks extends DigestLinks {
  confirm: string;
  tokens: DigestLinks["tokens"] & { confirm: string };
}

/** The links a digest carries: every one but the confirmation link. */
export interface DigestLinks {
  preferences: string;
  unsubscribe: string;
  digest: string;
  tokens: { manage: string; unsubscribe: string };
}

/**
 * Every signed link for one subscriber. Tokens are the last path segment (DESIGN.md §7) and all
 * links start with PUBLIC_URL. The digest page is a manage-purpose page.
 */
export async function subscriberLinks(config: Pick<Config, "publicUrl" | "tokenSecrets">, subscriberId: string): Promise<SubscriberLinks> {
  const [links, confirm] = await Promise.all([digestLinks(config, subscriberId), signToken(config.tokenSecrets, "confirm", subscriberId)]);
  return { confirm: `${config.publicUrl}/confirm/${confirm}`, ...links, tokens: { confirm, ...links.tokens } };
}

/** The digest's links alone: the weekly run signs these for every subscriber, and no confirmation link. */
export async function digestLinks(config: Pick<Config, "publicUrl" | "tokenSecrets">, subscriberId: string): Promise<DigestLinks> {
  const [manage, unsubscribe] = await Promise.all([signToken(config.tokenSecrets, "manage", subscriberId), signToken(config.tokenSecrets, "unsubscribe", subscriberId)]);
  const base = config.publicUrl;
  return {
    preferences: `${base}/preferences/${manage}`,
    unsubscribe: unsubscribeUrl(base, unsubscribe),
    digest: `${base}/digest/${manage}`,
    tokens: { manage, unsubscribe },
  };
}
