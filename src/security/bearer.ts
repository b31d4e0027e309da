/**
 * The token of an `Authorization: Bearer TOKEN` header, or "" when there is none. The scheme is
 * matched in any letter case (RFC 9110 §11.1: `bearer x` is the same header), so a client that
 * writes it in lower case is not told its right token is wrong.
 */
export function bearerToken(header: string | undefined): string {
  return /^bearer +(\S+)$/i.exec(header?.trim() ?? "")?.[1] ?? "";
}
