import type { RawListing } from "../sources/raw-listing";

// Each rule has the reason shown to the operator; a listing with any signal is not "verified".
const TEXT_RULES: ReadonlyArray<[RegExp, string]> = [
  [
    /\b(application|registration|training|processing|onboarding|starter kit|equipment) (fee|deposit|cost)s?\b|\bpay (a|the|an) (small )?(fee|deposit)\b|\bfee (is )?required to apply\b/i,
    "asks applicants to pay a fee",
  ],
  [
    /\b(telegram|whatsapp|signal app|wechat)\b[^.\n]{0,60}\b(contact|message|text|reach|apply|interview|chat|add)\b|\b(contact|message|text|reach|apply|interview|chat|add)\b[^.\n]{0,60}\b(telegram|whatsapp|wechat)\b|\bt\.me\/|\bwa\.me\//i,
    "asks applicants to move to Telegram/WhatsApp",
  ],
  [
    /\b(no (experience|interview) (needed|required)|earn \$?\d[\d,]* (per|a) (day|week)|unlimited earning|be your own boss|work just \d+ hours?)\b/i,
    "promises easy money",
  ],
  [
    /\b(send|provide) (us )?(your )?(bank (account|details)|ssn|social security|credit card|id card|passport) /i,
    "asks for bank or identity details up front",
  ],
  [/\b(crypto|bitcoin|gift ?cards?) (payment|deposit|purchase)/i, "involves crypto or gift-card payments"],
  [
    /@(gmail|yahoo|hotmail|outlook|proton)\.(com|me)\b[^.\n]{0,40}\b(apply|resume|cv)|\b(apply|resume|cv)\b[^.\n]{0,40}@(gmail|yahoo|hotmail|outlook)\.com\b/i,
    "applications go to a free webmail address",
  ],
];
const BLOG_TITLE =
  /^(how|why|what|when|top \d+|\d+ (ways|tips|reasons|things))\b|\b(tips|guide|tutorial|checklist|lessons learned)\b|[?]$/i;
const JOB_WORDS =
  /\b(engineer|developer|manager|designer|analyst|specialist|lead|architect|scientist|intern|assistant|representative|consultant|writer|administrator|coordinator|director|officer|technician|associate|agent|operator|programmer|sre|devops|hiring|role|position|job)\b/i;
// What any real job ad says somewhere; a post with none of it and no role in its title is not a job.
const JOB_TEXT =
  /\b(responsibilit(y|ies)|requirements|qualifications|you will|you'll|we are (looking|hiring|seeking)|we're (looking|hiring|seeking)|to apply|apply (now|here|at)|years of experience|experience (with|in)|salary|compensation|full[- ]time|part[- ]time|the role|this role|join (our|the) team)\b/i;
const TAG_STUFFING_LIMIT = 20;

/**
 * Scam and junk signals, each a short reason: fees to apply, chat-app contact, no company,
 * tag-stuffing, and blog posts or comments posing as job listings. Pure and deterministic.
 */
export function scamSignals(raw: RawListing, text: string): string[] {
  const signals: string[] = [];
  if (!raw.company.trim()) signals.push("no company named");
  if (!raw.title.trim()) signals.push("no job title");
  else if (!JOB_WORDS.test(raw.title) && (BLOG_TITLE.test(raw.title) || !JOB_TEXT.test(text))) {
    signals.push("reads like a blog post or comment, not a job");
  }
  for (const [pattern, reason] of TEXT_RULES) if (pattern.test(`${raw.title}\n${text}`)) signals.push(reason);
  const tags = raw.hints.tags ?? [];
  if (tags.length > TAG_STUFFING_LIMIT) signals.push(`stuffed with ${tags.length} unrelated tags`);
  return signals;
}
