import { describe, expect, it } from 'vitest';
import { personMonthContribution } from '../../../shared/contributions/engine';

/**
 * What one person owes in a month of absence, by hand (12/2026: lương cơ sở 2.530.000 → BHYT cap 50.600.000).
 *
 * - Maternity ≥ 14 working days (QĐ 595 Điều 42 k.6; legal-rules.md §1.4–1.5): nothing from the unit or the employee;
 *   the BHXH fund pays BHYT at 4,5 % of the salary before the leave (Luật BHYT Điều 13 k.1 a; NĐ 105/2014 Điều 2 k.1 a),
 *   capped at 20 × lương cơ sở like every BHYT base (Luật BHYT Điều 14 k.5):
 *     10.000.000 × 4,5 % = 450.000; 70.000.000 → 50.600.000 × 4,5 % = 2.277.000.
 * - Sick leave ≥ 14 working days (QĐ 595 Điều 42 k.5): no BHXH, BHYT, BHTN, BHTNLĐ-BNN, and no one pays the BHYT.
 * - Working the whole month: 10.000.000 × 32 % = 3.200.000 (employer 2.150.000, employee 1.050.000).
 */
describe('absence months by hand', () => {
  it('maternity: 0 owed, BHYT 4,5 % paid by the fund (capped)', () => {
    const c = personMonthContribution({ salary: 10_000_000, absence: 'maternity' }, '12/2026');
    expect(c).toMatchObject({ total: 0, funds: [], paidByFund: 450_000 });
    expect(c.employer.total + c.employee.total).toBe(0);
    expect(personMonthContribution({ salary: 70_000_000, absence: 'maternity' }, '12/2026').paidByFund).toBe(2_277_000);
  });

  it('sick leave: 0 owed and nothing paid by the fund; a full month: 3.200.000', () => {
    expect(personMonthContribution({ salary: 10_000_000, absence: 'sick' }, '12/2026')).toMatchObject({
      total: 0,
      paidByFund: 0,
    });
    expect(personMonthContribution({ salary: 10_000_000 }, '12/2026')).toMatchObject({
      employer: { total: 2_150_000 },
      employee: { total: 1_050_000 },
      total: 3_200_000,
      paidByFund: 0,
    });
  });
});
