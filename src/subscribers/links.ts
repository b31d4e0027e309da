import type { Config } from "../config";
import { unsubscribeUrl } from "../mail/headers";
import type { LinkSigner } from "../security/tokens";

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

/** What signing a subscriber's links needs: the base of every link and the signer (both in Deps). */
export interface LinkDeps {
  config: Pick<Config, "publicUrl">;
  signer: LinkSigner;
}

/**
 * Every signed link for one subscriber. Tokens are the last path segment (DESIGN.md §7) and all
 * links start with PUBLIC_URL. The digest page is a manage-purpose page.
 */
export async function subscriberLinks(deps: LinkDeps, subscriberId: string): Promise<SubscriberLinks> {
  const [links, confirm] = await Promise.all([
    digestLinks(deps, subscriberId),
    deps.signer.sign("confirm", subscriberId),
  ]);
  return { confirm: `${deps.config.publicUrl}/confirm/${confirm}`, ...links, tokens: { confirm, ...links.tokens } };
}

/** The digest's links alone: the weekly run signs these for every subscriber, and no confirmation link. */
export async function digestLinks(deps: LinkDeps, subscriberId: string): Promise<DigestLinks> {
  const [manage, unsubscribe] = await Promise.all([
    deps.signer.sign("manage", subscriberId),
    deps.signer.sign("unsubscribe", subscriberId),
  ]);
  const base = deps.config.publicUrl;
  return {
    preferences: `${base}/preferences/${manage}`,
    unsubscribe: unsubscribeUrl(base, unsubscribe),
    digest: `${base}/digest/${manage}`,
    tokens: { manage, unsubscribe },
  };
}
