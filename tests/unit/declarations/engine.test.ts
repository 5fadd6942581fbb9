import { describe, expect, it } from 'vitest';
import {
  monthlyStatement,
  personMonthContribution,
  rowContributionDelta,
  type DeltaRow,
  type StatementPerson,
} from '../../../shared/contributions/engine';

const NO_ALLOW = { position: 0, seniorityExcessPct: 0, seniorityJobPct: 0, salary: 0, other: 0 };
const row = (over: Partial<DeltaRow>): DeltaRow => ({
  plan: 'TM',
  salary: 5_000_000,
  allowances: NO_ALLOW,
  fromMonth: '11/2015',
  toMonth: '',
  wageRegion: '01',
  ...over,
});

describe('contribution engine: one D02-TS row’s effect on the month (hand-computed)', () => {
  it('DC 5.000.000 → 6.300.000 in 11/2015 changes the month by the raise only: 1.300.000 × 32,5 % = 422.500', () => {
    const d = rowContributionDelta(row({ plan: 'DC', salary: 6_300_000, previousSalary: 5_000_000 }))!;
    // Employer 22 %: 14 % × 1.300.000 = 182.000; 3 % = 39.000; TNLĐ 1 % = 13.000; BHYT 3 % = 39.000; BHTN 1 % = 13.000 → 286.000.
    expect(d.employer).toEqual({
      pension: 182_000,
      sickness: 39_000,
      accident: 13_000,
      health: 39_000,
      unemployment: 13_000,
      total: 286_000,
    });
    // Employee 10,5 %: 8 % = 104.000; BHYT 1,5 % = 19.500; BHTN 1 % = 13.000 → 136.500.
    expect(d.employee).toEqual({
      pension: 104_000,
      sickness: 0,
      accident: 0,
      health: 19_500,
      unemployment: 13_000,
      total: 136_500,
    });
    expect(d.total).toBe(422_500);
    expect(d.previousInsuredSalary).toBe(5_000_000);
    expect(d.rate).toBe(32.5);
  });

  it('a DC cut is negative; a DC without previousSalary cannot be computed (never charged on the whole salary)', () => {
    // 6.300.000 → 5.000.000: −1.300.000 × 32,5 % = −422.500.
    expect(rowContributionDelta(row({ plan: 'DC', salary: 5_000_000, previousSalary: 6_300_000 }))!.total).toBe(
      -422_500,
    );
    expect(rowContributionDelta(row({ plan: 'DC', salary: 6_300_000 }))).toBeNull();
  });

  it('TM adds the person’s contribution, GH/TS/KL/OF remove it from their TuThang', () => {
    // 6.300.000 × 22 % = 1.386.000; × 10,5 % = 661.500.
    const tm = rowContributionDelta(row({ salary: 6_300_000 }))!;
    expect([tm.employer.total, tm.employee.total, tm.total]).toEqual([1_386_000, 661_500, 2_047_500]);
    for (const plan of ['GH', 'TS', 'KL', 'OF', 'GC', 'GD']) {
      expect(rowContributionDelta(row({ plan, salary: 6_300_000 }))!.total).toBe(-2_047_500);
    }
  });

  it('is zero outside the row’s months and uses the rules of the month asked for', () => {
    // TS 11/2015–02/2016: no effect in 10/2015 nor 03/2016.
    const ts = row({ plan: 'TS', salary: 4_000_000, fromMonth: '11/2015', toMonth: '02/2016' });
    expect(rowContributionDelta(ts, '10/2015')!.total).toBe(0);
    expect(rowContributionDelta(ts, '03/2016')!.total).toBe(0);
    // 4.000.000 × 32,5 % = 1.300.000 in 01/2016.
    expect(rowContributionDelta(ts, '01/2016')!.total).toBe(-1_300_000);
    // TM from 05/2017 seen in 06/2017: TNLĐ-BNN 0,5 % (NĐ 44/2017) → 4.000.000 × 32 % = 1.280.000.
    expect(rowContributionDelta(row({ salary: 4_000_000, fromMonth: '05/2017' }), '06/2017')!.total).toBe(1_280_000);
  });

  it('TH follows the dated law: refused before 2018; 2018 BHXH + TNLĐ only; + BHYT from 07/2025; + BHTN from 2026', () => {
    expect(rowContributionDelta(row({ plan: 'TH', fromMonth: '11/2015' }))).toBeNull();
    // 01/2018, 4.000.000: employer 14 + 3 + 0,5 = 17,5 % = 700.000; employee 8 % = 320.000; no BHYT, no BHTN.
    const y2018 = rowContributionDelta(row({ plan: 'TH', salary: 4_000_000, fromMonth: '01/2018' }))!;
    expect(y2018.employer).toMatchObject({
      pension: 560_000,
      sickness: 120_000,
      accident: 20_000,
      health: 0,
      unemployment: 0,
      total: 700_000,
    });
    expect(y2018.employee.total).toBe(320_000);
    expect(y2018.rate).toBe(25.5);
    // 08/2025: + BHYT 4,5 % = 30 % → 1.200.000.
    expect(rowContributionDelta(row({ plan: 'TH', salary: 4_000_000, fromMonth: '08/2025' }))!.total).toBe(1_200_000);
    // 01/2026: every fund, 32 % of 5.310.000 = 1.699.200.
    expect(rowContributionDelta(row({ plan: 'TH', salary: 5_310_000, fromMonth: '01/2026' }))!.total).toBe(1_699_200);
  });

  it('moves only their fund for the new PA codes TN, GN, TL, GL, DV', () => {
    // 01/2026, 6.000.000: BHTN 1 % + 1 % = 120.000; TNLĐ-BNN 0,5 % = 30.000; HT-TT 14 % + 8 % = 1.320.000.
    const at = (plan: string, extra: Partial<DeltaRow> = {}) =>
      rowContributionDelta(row({ plan, salary: 6_000_000, fromMonth: '01/2026', ...extra }))!.total;
    expect(at('TN')).toBe(120_000);
    expect(at('GN')).toBe(-120_000);
    expect(at('TL')).toBe(30_000);
    expect(at('GL')).toBe(-30_000);
    expect(at('DV', { toMonth: '06/2026' })).toBe(1_320_000);
  });

  it('rounds each fund share to the đồng, half up', () => {
    // 3.333.333 × 1,5 % = 49.999,995 → 50.000; × 8 % = 266.666,64 → 266.667; × 1 % = 33.333,33 → 33.333.
    const c = personMonthContribution({ salary: 3_333_333 }, '11/2015');
    expect(c.employee).toMatchObject({ health: 50_000, pension: 266_667, unemployment: 33_333, total: 350_000 });
  });
});

describe('contribution engine: the month (statement) and its agreement with the rows', () => {
  const staff: StatementPerson[] = [
    { insuranceNo: '3815000001', fullName: 'Lê Văn An', salary: 5_000_000 },
    { insuranceNo: '3815000002', fullName: 'Trần Thị Bình', salary: 4_000_000 },
  ];

  it('sums everyone participating; a maternity leave owes nothing and its BHYT is paid by the fund', () => {
    const s = monthlyStatement(staff, '11/2015');
    // 5.000.000 × 32,5 % = 1.625.000; 4.000.000 × 32,5 % = 1.300.000.
    expect(s).toMatchObject({
      period: '11/2015',
      employees: 2,
      employer: 1_100_000 + 880_000,
      employee: 525_000 + 420_000,
      total: 2_925_000,
    });
    expect(s.rows[1]).toEqual({
      insuranceNo: '3815000002',
      fullName: 'Trần Thị Bình',
      salary: 4_000_000,
      employer: 880_000,
      employee: 420_000,
      total: 1_300_000,
    });
    const m = personMonthContribution({ salary: 4_000_000, absence: 'maternity' }, '11/2015');
    // BHYT 4,5 % × 4.000.000 = 180.000, paid by BHXH, not by the unit.
    expect([m.total, m.paidByFund]).toEqual([0, 180_000]);
    expect(monthlyStatement([staff[0]!, { ...staff[1]!, absence: 'maternity' }], '11/2015')).toMatchObject({
      employees: 1,
      total: 1_625_000,
    });
  });

  it('statement after = statement before + the rows’ deltas, to the đồng (a raise, a hire, a maternity leave)', () => {
    const before = monthlyStatement(staff, '11/2015');
    const rows: DeltaRow[] = [
      row({ plan: 'DC', salary: 6_300_000, previousSalary: 5_000_000 }),
      row({ plan: 'TM', salary: 3_333_333 }),
      row({ plan: 'TS', salary: 4_000_000, toMonth: '03/2016' }),
    ];
    const after = monthlyStatement(
      [
        { ...staff[0]!, salary: 6_300_000 },
        { ...staff[1]!, absence: 'maternity' },
        { insuranceNo: '', fullName: 'Hồ Văn Cường', salary: 3_333_333 },
      ],
      '11/2015',
    );
    const delta = rows.reduce((sum, r) => sum + rowContributionDelta(r)!.total, 0);
    // 422.500 + (3.333.333: 733.333 + 350.000 = 1.083.333) − 1.300.000 = 205.833.
    expect(delta).toBe(205_833);
    expect(after.total).toBe(before.total + delta);
  });
});
