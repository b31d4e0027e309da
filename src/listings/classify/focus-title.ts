import { ROLE_NOUN, roleSegments } from "./role-kind";

// "Engineers (Full Stack, Front End, Data)": a bare plural role noun whose brackets list its kinds.
const BRACKETED_KINDS = /^(engineers|developers)\s*\(([^()]{1,160})\)$/i;

/**
 * The roles a title names, for focus. Qualifiers that share a later role noun each name a role
 * ("frontend, backend and data engineers" is three roles; "Rails / React / DevOps" too), and so do
 * the kinds a bare "Engineers (…)" lists; otherwise the title's roles as isBackend splits them.
 */
export function titleRoles(title: string): string[] {
  const segments = roleSegments(title);
  const roles: string[] = [];
  // Computed once: a scan of the later segments per segment would be quadratic on a hostile title.
  const lastNoun = segments.findLastIndex((segment) => ROLE_NOUN.test(segment));
  for (const [index, segment] of segments.entries()) {
    const bracketed = BRACKETED_KINDS.exec(segment.trim());
    if (bracketed) {
      roles.push(...bracketed[2]!.split(/[,/]/).map((kind) => `${kind.trim()} ${bracketed[1]}`));
      continue;
    }
    const sharesLaterNoun = !ROLE_NOUN.test(segment) && index < lastNoun;
    if (sharesLaterNoun)
      roles.push(
        ...segment
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean),
      );
    else roles.push(segment);
  }
  return roles;
}
