import { z } from "zod";
import {
  EMPLOYER_TYPES,
  FOCUSES,
  REGIONS,
  REMOTE_SCOPES,
  SALARY_PERIODS,
  SENIORITIES,
  STACKS,
} from "../../src/domain/facets";

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), "ISO date-time");

/** The normalised listing of DESIGN.md §3, exactly: what `classify` and `listings --json` print. */
export const NormalisedListingContract = z
  .object({
    id: z.string().min(1),
    source: z.string().min(1),
    sourceId: z.string().min(1),
    url: z.string().regex(/^https?:\/\//),
    title: z
      .string()
      .min(1)
      .refine((t) => !/[<>]/.test(t), "no markup in titles"),
    company: z.string().refine((t) => !/<[a-z/]/i.test(t), "no markup in company names"),
    description: z.string().refine((t) => !/<\/?[a-z][^>]*>/i.test(t), "plain text description"),
    postedAt: iso.nullable(),
    firstSeenAt: iso,
    lastSeenAt: iso,
    status: z.enum(["open", "closed"]),
    isBackend: z.boolean(),
    focus: z.array(z.enum(FOCUSES)),
    stacks: z.array(z.enum(STACKS)),
    seniority: z.enum(SENIORITIES).nullable(),
    seniorities: z.array(z.enum(SENIORITIES)),
    salary: z
      .object({
        min: z.number().nullable(),
        max: z.number().nullable(),
        currency: z.string().regex(/^[A-Z]{3}$/),
        period: z.enum(SALARY_PERIODS),
        minUsdYear: z.number().nullable(),
        maxUsdYear: z.number().nullable(),
      })
      .strict()
      .nullable(),
    remote: z
      .object({
        scope: z.enum(REMOTE_SCOPES),
        regions: z.array(z.enum(REGIONS)),
        countries: z.array(z.string().regex(/^[A-Z]{2}$/)),
        utcOffsetMin: z.number().optional(),
        utcOffsetMax: z.number().optional(),
      })
      .strict(),
    employerType: z.enum(EMPLOYER_TYPES).nullable(),
    fingerprint: z.string().min(8),
    scamSignals: z.array(z.string()),
  })
  .strict()
  // "Mid / Senior" with no years to settle it: seniority null, seniorities [mid, senior].
  .refine(
    (l) => l.seniority === null || l.seniorities.includes(l.seniority),
    "seniorities holds seniority when there is one",
  );
