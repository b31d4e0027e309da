import type { Config } from "../config";
import type { Deps } from "../deps";
import { importSuppressionKeys } from "../subscribers/suppression-keys";
import { createLinkSigner } from "./tokens";

/**
 * Imports every configured secret as a Web Crypto key, once per process (or isolate): entries
 * call this while building Deps, and whoever signs or hashes takes the result from there.
 */
export async function importKeys(
  config: Pick<Config, "tokenSecrets" | "suppressionSecret">,
): Promise<Pick<Deps, "signer" | "suppressionKeys">> {
  const [signer, suppressionKeys] = await Promise.all([
    createLinkSigner(config.tokenSecrets),
    importSuppressionKeys(config),
  ]);
  return { signer, suppressionKeys };
}
