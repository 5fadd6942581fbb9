import type { Fund } from '../codes/plans';
import type { WageRegion } from '../codes/wage-regions';
import { RULES } from './data';
import type { CapRow, FundSetRow, HazardUpliftRow, RateRow, RuleTables } from './schema';

interface Dated {
  validFrom: string;
  validTo: string | null;
}

/** The row in force on the first day of `isoMonth` (`yyyy-mm`), or undefined when no row covers it. */
export function inForce<T extends Dated>(rows: readonly T[], isoMonth: string): T | undefined {
  const day = `${isoMonth}-01`;
  return rows.find((r) => r.validFrom <= day && (r.validTo === null || day <= r.validTo));
}

export type PayScheme = 'employerSet' | 'state';

export interface MonthRules {
  month: string;
  rates: RateRow;
  baseSalary: number;
  regionalMinimum: Record<WageRegion, number>;
  /** +7 % for trained workers, or 0 when the rule no longer applies. */
  trainedUpliftPct: number;
  /** Its legal source ('' when the rule no longer applies). */
  trainedUpliftSource: string;
  /** +5 % heavy/hazardous, +7 % especially heavy/hazardous work while those rules applied. */
  hazardUplift: HazardUpliftRow[];
  /** Funds of a short labour contract (phương án TH); empty = outside compulsory BHXH that month. */
  shortContract: FundSetRow;
  caps: CapRow[];
}

export class RuleGapError extends Error {}

/** Every rule in force in a month. Throws `RuleGapError` (with a Vietnamese message) before 01/2015. */
export function rulesFor(isoMonth: string, tables: RuleTables = RULES): MonthRules {
  const rates = inForce(tables.rates, isoMonth);
  const base = inForce(tables.baseSalary, isoMonth);
  const regional = inForce(tables.regionalMinimum, isoMonth);
  const shortContract = inForce(tables.shortContractFunds, isoMonth);
  if (!rates || !base || !regional || !shortContract) {
    throw new RuleGapError(
      `Chưa có quy định về tỷ lệ đóng, lương cơ sở hoặc lương tối thiểu vùng cho tháng ${isoMonth.slice(5)}/${isoMonth.slice(0, 4)}`,
    );
  }
  const day = `${isoMonth}-01`;
  const trained = inForce(tables.trainedUplift, isoMonth);
  return {
    month: isoMonth,
    rates,
    baseSalary: base.amount,
    regionalMinimum: regional.amounts,
    trainedUpliftPct: trained?.percent ?? 0,
    trainedUpliftSource: trained?.source ?? '',
    hazardUplift: tables.hazardUplift.filter((c) => c.validFrom <= day && (c.validTo === null || day <= c.validTo)),
    shortContract,
    caps: tables.caps.filter((c) => c.validFrom <= day && (c.validTo === null || day <= c.validTo)),
  };
}

/** The cap (đồng) on a fund's base: 20 × lương cơ sở for BHXH/BHYT, 20 × regional minimum for BHTN. */
export function capFor(
  r: MonthRules,
  fund: 'social' | 'health' | 'unemployment',
  region: WageRegion,
  scheme: PayScheme,
): number {
  const row = r.caps.find((c) => c.fund === fund && (c.payScheme === 'any' || c.payScheme === scheme));
  if (!row) return Number.POSITIVE_INFINITY;
  return row.multiple * (row.of === 'baseSalary' ? r.baseSalary : r.regionalMinimum[region]);
}

/** Lowest insured salary for employer-set pay: the regional minimum, +7 % for trained workers while that applied. */
export function floorFor(r: MonthRules, region: WageRegion, trained: boolean): number {
  const min = r.regionalMinimum[region];
  return trained && r.trainedUpliftPct > 0 ? Math.round((min * (100 + r.trainedUpliftPct)) / 100) : min;
}

export type HazardLevel = '' | 'heavy' | 'especiallyHeavy';

export interface FloorPart {
  /** What raises the floor: the trained-worker or the heavy/hazardous rule. */
  rule: 'trained' | HazardLevel;
  percent: number;
  source: string;
}

/**
 * The floor of an insured salary with every dated uplift that applies, each naming its source: regional minimum,
 * × (1 + 7 %) for trained workers while that applied, × (1 + 5 % | 7 %) for (especially) heavy/hazardous work while
 * that applied — the hazard uplift is on top of the floor of the same work in normal conditions (QĐ 595 Điều 6 k.2.6).
 */
export function floorDetail(
  r: MonthRules,
  region: WageRegion,
  who: { trained: boolean; hazard: HazardLevel },
): { minimum: number; floor: number; parts: FloorPart[] } {
  const minimum = r.regionalMinimum[region];
  const parts: FloorPart[] = [];
  if (who.trained && r.trainedUpliftPct > 0)
    parts.push({ rule: 'trained', percent: r.trainedUpliftPct, source: r.trainedUpliftSource });
  const h = who.hazard ? r.hazardUplift.find((x) => x.level === who.hazard) : undefined;
  if (h) parts.push({ rule: h.level, percent: h.percent, source: h.source });
  let floor = minimum;
  for (const p of parts) floor = Math.round((floor * (100 + p.percent)) / 100);
  return { minimum, floor, parts };
}

/** Sum of the rates of some funds, employer + employee (%), rounded to 0.1 to avoid float noise. */
export function totalRate(r: MonthRules, funds: readonly Fund[]): number {
  let t = 0;
  for (const f of funds) t += r.rates.employer[f] + r.rates.employee[f];
  return Math.round(t * 10) / 10;
}
