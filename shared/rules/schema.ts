import { z } from 'zod';
import { ALL_FUNDS, type Fund } from '../codes/plans';

/**
 * Schema of the dated rule tables. Every row names its legal source and its validity (inclusive ISO dates; a null
 * `validTo` is open-ended). Rules apply to a month by the value in force on that month's first day.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dated = {
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  /** Legal basis, e.g. "NĐ 44/2017/NĐ-CP Điều 4". */
  source: z.string().min(3),
  /** [CONFIRMED]/[INFERENCE] as in the domain reference, plus any caveat. */
  evidence: z.string().optional(),
};

const fundRates = z
  .object(
    Object.fromEntries(ALL_FUNDS.map((f) => [f, z.number().min(0).max(30)])) as Record<
      (typeof ALL_FUNDS)[number],
      z.ZodNumber
    >,
  )
  .strict();

export const rateRowSchema = z.object({ ...dated, employer: fundRates, employee: fundRates }).strict();
export const baseSalaryRowSchema = z.object({ ...dated, amount: z.number().int().positive() }).strict();
export const regionalMinimumRowSchema = z
  .object({
    ...dated,
    amounts: z
      .object({ '01': z.number().int(), '02': z.number().int(), '03': z.number().int(), '04': z.number().int() })
      .strict(),
  })
  .strict();
export const capRowSchema = z
  .object({
    ...dated,
    fund: z.enum(['social', 'health', 'unemployment']),
    /** The base the multiple applies to. */
    of: z.enum(['baseSalary', 'regionalMinimum']),
    multiple: z.number().positive(),
    /** `employerSet`: pay set by the employer (amounts); `state`: state pay scale (coefficients). */
    payScheme: z.enum(['any', 'employerSet', 'state']),
  })
  .strict();
export const upliftRowSchema = z.object({ ...dated, percent: z.number().positive() }).strict();
/** Floor uplift for heavy/hazardous (`heavy`) or especially heavy/hazardous (`especiallyHeavy`) work. */
export const hazardUpliftRowSchema = z
  .object({ ...dated, level: z.enum(['heavy', 'especiallyHeavy']), percent: z.number().positive() })
  .strict();
/** Funds a short labour contract (phương án TH, 1 to under 3 months) pays; empty = outside compulsory BHXH. */
export const fundSetRowSchema = z
  .object({ ...dated, funds: z.array(z.enum(ALL_FUNDS as unknown as [Fund, ...Fund[]])) })
  .strict();

export const ruleTablesSchema = z
  .object({
    rates: z.array(rateRowSchema).min(1),
    baseSalary: z.array(baseSalaryRowSchema).min(1),
    regionalMinimum: z.array(regionalMinimumRowSchema).min(1),
    caps: z.array(capRowSchema).min(1),
    trainedUplift: z.array(upliftRowSchema),
    hazardUplift: z.array(hazardUpliftRowSchema),
    shortContractFunds: z.array(fundSetRowSchema).min(1),
  })
  .strict();

export type RateRow = z.infer<typeof rateRowSchema>;
export type CapRow = z.infer<typeof capRowSchema>;
export type HazardUpliftRow = z.infer<typeof hazardUpliftRowSchema>;
export type FundSetRow = z.infer<typeof fundSetRowSchema>;
export type RuleTables = z.infer<typeof ruleTablesSchema>;
