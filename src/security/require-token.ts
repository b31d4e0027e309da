import { AppError } from "../errors";
import type { LinkSigner, TokenPurpose } from "./tokens";

const PURPOSE_WORDS: Record<TokenPurpose, string> = {
  confirm: "a confirmation link",
  manage: "a link to your preferences",
  unsubscribe: "an unsubscribe link",
  apply: "a link to apply new choices",
};

/** Verifies a link token for one purpose, or throws an AppError with a message a person can act on. */
export async function requireToken(
  deps: { signer: LinkSigner },
  purpose: TokenPurpose,
  token: string,
): Promise<string> {
  const check = await deps.signer.verify(token, purpose);
  if (check.ok) return check.subscriberId;
  if (check.reason === "wrong_purpose") {
    throw new AppError(
      "WRONG_LINK",
      `This is ${PURPOSE_WORDS[check.purpose!]}, not ${PURPOSE_WORDS[purpose]}. Please use the matching link from your email.`,
    );
  }
  throw new AppError(
    "INVALID_TOKEN",
    "This link is not valid. It may have been cut off or changed: please copy the whole link from your email, or subscribe again.",
  );
}
