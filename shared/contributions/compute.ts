import { ALL_FUNDS, planByCode, planSign, type Fund } from '../codes/plans';
import { isWageRegion, type WageRegion } from '../codes/wage-regions';
import type { Draft, DraftRow } from '../draft/schema';
import { capFor, rulesFor, totalRate, type MonthRules } from '../rules/lookup';
import { isoMonth } from '../rules/month';
import { insuredSalary, isCoefficient } from './insured-salary';

export type FundAmounts = Record<Fund, number> & { total: number };

export interface RowContribution {
  index: number;
  plan: string;
  /** The from-month whose rules were used, MM/yyyy. */
  month: string;
  insuredSalary: number;
  /** Contribution bases after the caps: social (BHXH funds), health (BHYT), unemployment (BHTN). */
  bases: { social: number; health: number; unemployment: number };
  capped: boolean;
  /** Total rate of the row's funds (TyleDong), percent. */
  rate: number;
  employer: FundAmounts;
  employee: FundAmounts;
  total: number;
}

export interface ContributionReport {
  rows: RowContribution[];
  totals: { employer: number; employee: number; total: number; byFund: Record<Fund, { employer: number; employee: number }> };
  /** Rows whose month has no rules (before 01/2015) or whose plan/month is unreadable — validation reports why. */
  skipped: number[];
}

const zero = (): FundAmounts => ({ pension: 0, sickness: 0, accident: 0, health: 0, unemployment: 0, total: 0 });

const BASE_OF: Record<Fund, 'social' | 'health' | 'unemployment'> = {
  pension: 'social', sickness: 'social', accident: 'social', health: 'health', unemployment: 'unemployment',
};

/** The region of a row: its own, else the unit's. */
export function rowRegion(row: DraftRow, draft: Pick<Draft, 'unit'>): WageRegion {
  const r = row.wageRegion || draft.unit.wageRegion;
  return isWageRegion(r) ? r : '01';
}

/** One row's monthly contribution at its from-month, signed negative for a decrease. Null when unreadable. */
export function rowContribution(row: DraftRow, index: number, draft: Pick<Draft, 'unit'>, rulesAt: (m: string) => MonthRules = rulesFor): RowContribution | null {
  const plan = planByCode(row.plan);
  const month = isoMonth(row.fromMonth);
  if (!plan || !month) return null;
  let rules: MonthRules;
  try {
    rules = rulesAt(month);
  } catch {
    return null;
  }
  const region = rowRegion(row, draft);
  const scheme = isCoefficient(row.salary) ? 'state' : 'employerSet';
  const insured = insuredSalary(row, rules);
  const bases = {
    social: Math.min(insured, capFor(rules, 'social', region, scheme)),
    health: Math.min(insured, capFor(rules, 'health', region, scheme)),
    unemployment: Math.min(insured, capFor(rules, 'unemployment', region, scheme)),
  };
  const sign = planSign(plan);
  const employer = zero();
  const employee = zero();
  for (const f of plan.funds) {
    const base = bases[BASE_OF[f]];
    employer[f] = sign * Math.round((base * rules.rates.employer[f]) / 100);
    employee[f] = sign * Math.round((base * rules.rates.employee[f]) / 100);
    employer.total += employer[f];
    employee.total += employee[f];
  }
  // Math.round(-x) rounds half up; keep −0 out of the JSON.
  for (const f of ALL_FUNDS) {
    employer[f] ||= 0;
    employee[f] ||= 0;
  }
  return {
    index,
    plan: plan.code,
    month: row.fromMonth,
    insuredSalary: insured,
    bases,
    capped: bases.social < insured || bases.health < insured || bases.unemployment < insured,
    rate: totalRate(rules, plan.funds),
    employer,
    employee,
    total: employer.total + employee.total,
  };
}

/** Per row and in total, by fund and by employer/employee share, as D02-TS and the C12-TS statement split them. */
export function computeContributions(draft: Pick<Draft, 'unit' | 'rows'>, rulesAt: (m: string) => MonthRules = rulesFor): ContributionReport {
  const rows: RowContribution[] = [];
  const skipped: number[] = [];
  const byFund = Object.fromEntries(ALL_FUNDS.map((f) => [f, { employer: 0, employee: 0 }])) as ContributionReport['totals']['byFund'];
  let employer = 0;
  let employee = 0;
  draft.rows.forEach((row, i) => {
    const c = rowContribution(row, i, draft, rulesAt);
    if (!c) {
      skipped.push(i);
      return;
    }
    rows.push(c);
    employer += c.employer.total;
    employee += c.employee.total;
    for (const f of ALL_FUNDS) {
      byFund[f].employer += c.employer[f];
      byFund[f].employee += c.employee[f];
    }
  });
  return { rows, totals: { employer, employee, total: employer + employee, byFund }, skipped };
}
