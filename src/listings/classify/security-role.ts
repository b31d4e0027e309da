/** Kinds of security-operations work: detecting and answering attacks, not building server systems. */
const SECURITY_OPERATIONS: ReadonlyArray<RegExp> = [
  /\b(siems?|splunk|sentinel)\b/i,
  /\b(edr|xdr|soar)\b/i,
  /\bincident response\b/i,
  /\bthreat (detection|hunting|intelligence|landscape|models?)\b/i,
  /\bsecurity operations\b|\bSOC\b|\bcyber ?defen[cs]e\b/,
  /\b(penetration test\w*|pen ?test\w*|vulnerability (management|scanning|assessments?)|red team\w*)\b/i,
];

const SECURITY_TITLE = /\b(security|cyber ?security)\b/i;
// Attacking systems to find their holes (offensive security, red teams, penetration testers) is
// security work of its own, whatever tooling it writes.
const OFFENSIVE_TITLE = /\b(offensive security|red team(ing|er)?|penetration test(ing|er)?|pen ?test(ing|er)?)\b/i;

/**
 * A security role whose text is security operations (SIEM, EDR, incident response, threat hunting,
 * penetration tests), or an offensive-security title: the README's backend is server-side engineering, so this is not backend,
 * unlike a security engineer who builds access, identity or detection platforms as services.
 */
export function securityOperationsRole(title: string, text: string): boolean {
  if (OFFENSIVE_TITLE.test(title)) return true;
  if (!SECURITY_TITLE.test(title)) return false;
  return SECURITY_OPERATIONS.filter((kind) => kind.test(text)).length >= 3;
}
