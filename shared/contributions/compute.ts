import { ALL_FUNDS, type Fund } from '../codes/plans';
import { isWageRegion, type WageRegion } from '../codes/wage-regions';
import type { Draft, DraftRow } from '../draft/schema';
import { rulesFor, type MonthRules } from '../rules/lookup';
import { rowContributionDelta, type FundAmounts } from './engine';

export type { FundAmounts } from './engine';

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
  totals: {
    employer: number;
    employee: number;
    total: number;
    byFund: Record<Fund, { employer: number; employee: number }>;
  };
  /** Rows whose month has no rules (before 01/2015) or whose plan/month is unreadable — validation reports why. */
  skipped: number[];
}

/** The region of a row: its own, else the unit's. */
export function rowRegion(row: DraftRow, draft: Pick<Draft, 'unit'>): WageRegion {
  const r = row.wageRegion || draft.unit.wageRegion;
  return isWageRegion(r) ? r : '01';
}

/**
 * One row's effect on the monthly amount at its from-month (./engine.ts `rowContributionDelta`): signed negative for
 * a decrease, the change for DC. Null when it cannot be computed (validation says why).
 */
export function rowContribution(
  row: DraftRow,
  index: number,
  draft: Pick<Draft, 'unit'>,
  rulesAt: (m: string) => MonthRules = rulesFor,
): RowContribution | null {
  const d = rowContributionDelta(row, undefined, { unitWageRegion: rowRegion(row, draft), rulesAt });
  if (!d) return null;
  return {
    index,
    plan: d.plan,
    month: d.month,
    insuredSalary: d.insuredSalary,
    bases: d.bases,
    capped: d.capped,
    rate: d.rate,
    employer: d.employer,
    employee: d.employee,
    total: d.total,
  };
}

/** Per row and in total, by fund and by employer/employee share, as D02-TS and the C12-TS statement split them. */
export function computeContributions(
  draft: Pick<Draft, 'unit' | 'rows'>,
  rulesAt: (m: string) => MonthRules = rulesFor,
): ContributionReport {
  const rows: RowContribution[] = [];
  const skipped: number[] = [];
  const byFund = Object.fromEntries(
    ALL_FUNDS.map((f) => [f, { employer: 0, employee: 0 }]),
  ) as ContributionReport['totals']['byFund'];
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
