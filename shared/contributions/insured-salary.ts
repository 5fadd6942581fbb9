import type { DraftRow } from '../draft/schema';
import type { MonthRules } from '../rules/lookup';

/** Portal rule (reference §1.3): a salary ≤ 100 is a coefficient (hệ số) of the state pay scale, else an amount. */
export function isCoefficient(salary: number): boolean {
  return salary > 0 && salary <= 100;
}

/**
 * Monthly insured salary in đồng (tiền lương tháng đóng BHXH).
 * Coefficient pay (NĐ 204/2004/NĐ-CP): lương cơ sở × (hệ số + phụ cấp chức vụ + thâm niên vượt khung % of the
 * coefficient + thâm niên nghề % of those, + phụ cấp lương) + the amount of các khoản bổ sung.
 * Employer-set pay (Luật BHXH 2014 Điều 89 khoản 2): salary + phụ cấp chức vụ + phụ cấp lương + bổ sung.
 */
export function insuredSalary(
  row: Pick<DraftRow, 'salary' | 'allowances'>,
  rules: Pick<MonthRules, 'baseSalary'>,
): number {
  const a = row.allowances;
  if (isCoefficient(row.salary)) {
    const excess = (row.salary * a.seniorityExcessPct) / 100;
    const core = row.salary + a.position + excess;
    const job = (core * a.seniorityJobPct) / 100;
    return Math.round(rules.baseSalary * (core + job + a.salary) + a.other);
  }
  return Math.round(row.salary + a.position + a.salary + a.other);
}
