import { ALL_FUNDS, planByCode, type Fund, type PlanCode } from '../codes/plans';
import { isWageRegion, type WageRegion } from '../codes/wage-regions';
import type { DraftRow } from '../draft/schema';
import { capFor, rulesFor, totalRate, type MonthRules } from '../rules/lookup';
import { isoMonth, mmYyyy } from '../rules/month';
import { insuredSalary, isCoefficient } from './insured-salary';

/**
 * THE contribution engine: every amount KêKhai shows — a D02-TS row's effect (the contributions command, the draft
 * editor, the printed forms), the unit's monthly statement, and the training I-VAN's C12-TS — is computed here, from
 * the dated rates and caps of shared/rules/data.ts.
 *
 * Rounding: each fund's employer share and employee share are rounded to the đồng separately (half up), as C12-TS
 * shows whole đồng per fund; totals are sums of those rounded shares. A row's delta is the difference of two such
 * rounded contributions, so a month's statement after the rows equals the statement before plus the rows' deltas,
 * to the đồng.
 */

export type FundAmounts = Record<Fund, number> & { total: number };

export type Allowances = DraftRow['allowances'];

/** Why a person owes nothing for a month although still employed (Luật 58/2014 Điều 85 k.3, QĐ 595 Điều 42 k.4–6). */
export type Absence = 'maternity' | 'sick' | 'unpaid';

/** One person in one month, as the participation ledger knows them. */
export interface PersonMonth {
  /** TienLuong: an amount in đồng, or a coefficient (≤ 100) of lương cơ sở. */
  salary: number;
  allowances?: Partial<Allowances>;
  /** Funds the person takes part in; default every fund. A short contract (`shortContract`) is narrowed by date. */
  funds?: readonly Fund[];
  /** Vùng lương tối thiểu 01–04 (for the BHTN cap); default 01. */
  wageRegion?: string;
  /** HĐLĐ from 1 to under 3 months (phương án TH): the dated fund set of RULES.shortContractFunds. */
  shortContract?: boolean;
  /**
   * Absent ≥ 14 working days not worked and unpaid in the month: nothing is owed. For maternity the BHYT is paid by
   * the BHXH fund (Luật BHYT Điều 13 k.1 a) — reported in `paidByFund`, not owed by the unit or the employee.
   */
  absence?: Absence | null;
}

export interface MonthContribution {
  /** MM/yyyy. */
  period: string;
  insuredSalary: number;
  /** Contribution bases after the caps: social (BHXH funds), health (BHYT), unemployment (BHTN). */
  bases: { social: number; health: number; unemployment: number };
  capped: boolean;
  /** Funds actually owed this month. */
  funds: Fund[];
  /** Total rate of those funds, percent (TyleDong). */
  rate: number;
  employer: FundAmounts;
  employee: FundAmounts;
  total: number;
  /** BHYT paid by the BHXH fund during maternity leave (4,5 % of the salary before the leave; NĐ 105/2014 Điều 2). */
  paidByFund: number;
}

export const zeroAmounts = (): FundAmounts => ({
  pension: 0,
  sickness: 0,
  accident: 0,
  health: 0,
  unemployment: 0,
  total: 0,
});

const BASE_OF: Record<Fund, 'social' | 'health' | 'unemployment'> = {
  pension: 'social',
  sickness: 'social',
  accident: 'social',
  health: 'health',
  unemployment: 'unemployment',
};

const NO_ALLOWANCES: Allowances = { position: 0, seniorityExcessPct: 0, seniorityJobPct: 0, salary: 0, other: 0 };

/** `MM/yyyy` or `yyyy-mm` → `yyyy-mm`, or null. */
export function periodIso(period: string): string | null {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return period;
  return isoMonth(period);
}

/** The rules of a month, or null when none (before 01/2015). */
export function rulesOrNull(iso: string, rulesAt: (m: string) => MonthRules = rulesFor): MonthRules | null {
  try {
    return rulesAt(iso);
  } catch {
    return null;
  }
}

/** The funds a plan moves in a month: TH by the dated short-contract rules (empty before 2018 = refused). */
export function planFunds(plan: PlanCode, rules: MonthRules): readonly Fund[] {
  if (plan.code !== 'TH') return plan.funds;
  const allowed = rules.shortContract.funds;
  return plan.funds.filter((f) => allowed.includes(f));
}

function regionOf(r: string | undefined): WageRegion {
  return r && isWageRegion(r) ? r : '01';
}

/** Contribution of a person at given rules, for the given funds (the shared arithmetic). */
function contributionAt(p: PersonMonth, rules: MonthRules, funds: readonly Fund[]): MonthContribution {
  const allowances = { ...NO_ALLOWANCES, ...p.allowances };
  const region = regionOf(p.wageRegion);
  const scheme = isCoefficient(p.salary) ? 'state' : 'employerSet';
  const insured = p.salary > 0 ? insuredSalary({ salary: p.salary, allowances }, rules) : 0;
  const bases = {
    social: Math.min(insured, capFor(rules, 'social', region, scheme)),
    health: Math.min(insured, capFor(rules, 'health', region, scheme)),
    unemployment: Math.min(insured, capFor(rules, 'unemployment', region, scheme)),
  };
  const employer = zeroAmounts();
  const employee = zeroAmounts();
  let paidByFund = 0;
  const owed = p.absence ? [] : funds;
  for (const f of owed) {
    const base = bases[BASE_OF[f]];
    employer[f] = Math.round((base * rules.rates.employer[f]) / 100);
    employee[f] = Math.round((base * rules.rates.employee[f]) / 100);
    employer.total += employer[f];
    employee.total += employee[f];
  }
  if (p.absence === 'maternity' && funds.includes('health')) {
    paidByFund =
      Math.round((bases.health * rules.rates.employer.health) / 100) +
      Math.round((bases.health * rules.rates.employee.health) / 100);
  }
  return {
    period: mmYyyy(rules.month),
    insuredSalary: insured,
    bases,
    capped: bases.social < insured || bases.health < insured || bases.unemployment < insured,
    funds: [...owed],
    rate: totalRate(rules, owed),
    employer,
    employee,
    total: employer.total + employee.total,
    paidByFund,
  };
}

/**
 * What one person owes for one month (`period` MM/yyyy or yyyy-mm), employer and employee shares per fund.
 * Throws `RuleGapError` (Vietnamese message) for a month without rules (before 01/2015).
 */
export function personMonthContribution(
  person: PersonMonth,
  period: string,
  rulesAt: (m: string) => MonthRules = rulesFor,
): MonthContribution {
  const iso = periodIso(period);
  if (!iso) throw new RangeError(`Kỳ "${period}" không phải tháng mm/yyyy`);
  const rules = rulesAt(iso);
  let funds = person.funds ?? ALL_FUNDS;
  if (person.shortContract) funds = funds.filter((f) => rules.shortContract.funds.includes(f));
  return contributionAt(person, rules, funds);
}

/** A person on the unit's monthly statement. */
export interface StatementPerson extends PersonMonth {
  insuranceNo: string;
  fullName: string;
}

export interface StatementRow {
  insuranceNo: string;
  fullName: string;
  /** Insured salary in đồng (salary + allowances; a coefficient × lương cơ sở). */
  salary: number;
  employer: number;
  employee: number;
  total: number;
}

/** The shape `kekhai statement --json` prints: what C12-TS shows as owed for the month. */
export interface MonthlyStatement {
  /** MM/yyyy. */
  period: string;
  /** People who owe a contribution this month (absent people are listed with 0 and not counted). */
  employees: number;
  employer: number;
  employee: number;
  total: number;
  rows: StatementRow[];
  /** Per fund, for the C12-TS columns. */
  byFund: Record<Fund, { employer: number; employee: number }>;
}

/** Everyone participating in a month, summed. Rows keep the order given. */
export function monthlyStatement(
  persons: readonly StatementPerson[],
  period: string,
  rulesAt: (m: string) => MonthRules = rulesFor,
): MonthlyStatement {
  const iso = periodIso(period);
  if (!iso) throw new RangeError(`Kỳ "${period}" không phải tháng mm/yyyy`);
  const byFund = Object.fromEntries(
    ALL_FUNDS.map((f) => [f, { employer: 0, employee: 0 }]),
  ) as MonthlyStatement['byFund'];
  const rows: StatementRow[] = [];
  let employer = 0;
  let employee = 0;
  let employees = 0;
  for (const p of persons) {
    const c = personMonthContribution(p, iso, rulesAt);
    rows.push({
      insuranceNo: p.insuranceNo,
      fullName: p.fullName,
      salary: c.insuredSalary,
      employer: c.employer.total,
      employee: c.employee.total,
      total: c.total,
    });
    employer += c.employer.total;
    employee += c.employee.total;
    if (c.total > 0) employees++;
    for (const f of ALL_FUNDS) {
      byFund[f].employer += c.employer[f];
      byFund[f].employee += c.employee[f];
    }
  }
  return { period: mmYyyy(iso), employees, employer, employee, total: employer + employee, rows, byFund };
}

/** A D02-TS row's effect on one month's amount (negative for a decrease). */
export interface RowDelta {
  plan: string;
  /** The month whose amount changes and whose rules were used, MM/yyyy. */
  month: string;
  /** The insured salary the row carries (for DC: the new one). */
  insuredSalary: number;
  /** For DC/CD: the insured salary before the row; otherwise null. */
  previousInsuredSalary: number | null;
  /** Change of the unit's insured-salary fund in the month (quỹ lương tăng > 0, giảm < 0): DC the difference. */
  salaryChange: number;
  bases: MonthContribution['bases'];
  capped: boolean;
  /** Total rate of the row's funds (TyleDong), percent. */
  rate: number;
  employer: FundAmounts;
  employee: FundAmounts;
  total: number;
}

/** The fields of a draft row the engine reads; `previousSalary` is needed for DC. */
export type DeltaRow = Pick<DraftRow, 'plan' | 'salary' | 'allowances' | 'fromMonth' | 'toMonth'> & {
  wageRegion?: string;
  previousSalary?: number | null;
};

const minus = (a: FundAmounts, b: FundAmounts): FundAmounts => {
  const r = zeroAmounts();
  for (const f of ALL_FUNDS) r[f] = a[f] - b[f];
  r.total = a.total - b.total;
  return r;
};

const negate = (a: FundAmounts): FundAmounts => minus(zeroAmounts(), a);

/**
 * A D02-TS row's effect on the monthly amount of `period` (default: the row's TuThang): TM/ON/TC/TD/… add the
 * person's contribution to the plan's funds; GH/TS/KL/OF/GC/GD/… remove it from their TuThang; DC changes it by the
 * difference between `salary` and `previousSalary` (allowances unchanged) — never the whole new salary. Zero
 * outside the row's months [TuThang, DenThang]. Null when the row cannot be computed: unknown plan or month, a
 * month without rules, a TH row in a month when short contracts were outside compulsory BHXH (before 2018), or a DC
 * row without `previousSalary` — validation says why. `unitWageRegion` applies when the row has none.
 */
export function rowContributionDelta(
  row: DeltaRow,
  period?: string,
  opts: { unitWageRegion?: string; rulesAt?: (m: string) => MonthRules } = {},
): RowDelta | null {
  const plan = planByCode(row.plan.trim());
  const from = isoMonth(row.fromMonth);
  const at = period === undefined ? from : periodIso(period);
  if (!plan || !from || !at) return null;
  const rules = rulesOrNull(at, opts.rulesAt);
  if (!rules) return null;
  const funds = planFunds(plan, rules);
  if (funds.length === 0) return null;
  const prevSalary = row.previousSalary ?? null;
  if (plan.effect === 'change' && plan.code === 'DC' && !(prevSalary !== null && prevSalary > 0)) return null;
  const to = row.toMonth ? isoMonth(row.toMonth) : null;
  const inside = at >= from && (to === null || at <= to);
  const person: PersonMonth = {
    salary: row.salary,
    allowances: row.allowances,
    wageRegion: row.wageRegion || opts.unitWageRegion,
  };
  const now = contributionAt(person, rules, funds);
  let employer: FundAmounts;
  let employee: FundAmounts;
  let previousInsuredSalary: number | null = null;
  let salaryChange = 0;
  if (!inside) {
    employer = zeroAmounts();
    employee = zeroAmounts();
  } else if (plan.effect === 'change') {
    const before = contributionAt(
      { ...person, salary: prevSalary !== null && prevSalary > 0 ? prevSalary : row.salary },
      rules,
      funds,
    );
    previousInsuredSalary = before.insuredSalary;
    salaryChange = now.insuredSalary - before.insuredSalary;
    employer = minus(now.employer, before.employer);
    employee = minus(now.employee, before.employee);
  } else if (plan.effect === 'remove') {
    salaryChange = -now.insuredSalary;
    employer = negate(now.employer);
    employee = negate(now.employee);
  } else {
    salaryChange = now.insuredSalary;
    employer = now.employer;
    employee = now.employee;
  }
  // Keep −0 out of the JSON.
  for (const f of ALL_FUNDS) {
    employer[f] ||= 0;
    employee[f] ||= 0;
  }
  employer.total ||= 0;
  employee.total ||= 0;
  return {
    plan: plan.code,
    month: mmYyyy(at),
    insuredSalary: now.insuredSalary,
    previousInsuredSalary,
    salaryChange: salaryChange || 0,
    bases: now.bases,
    capped: now.capped,
    rate: now.rate,
    employer,
    employee,
    total: employer.total + employee.total || 0,
  };
}
