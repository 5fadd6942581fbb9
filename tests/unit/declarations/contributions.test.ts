import { describe, expect, it } from 'vitest';
import { computeContributions } from '../../../shared/contributions/compute';
import { draftSchema, type DraftRowInput } from '../../../shared/draft/schema';
import { baseDraft, tmRow } from './fixtures/make-draft';

function one(period: string, row: Partial<DraftRowInput>) {
  const d = draftSchema.parse(baseDraft(period, [tmRow({ fromMonth: period, ...row })]));
  return computeContributions(d);
}

describe('contributions (hand-computed cases)', () => {
  it('10/2015, vùng II, TM 3.500.000: 32.5 % = 770.000 + 367.500', () => {
    const r = one('10/2015', { salary: 3_500_000, wageRegion: '02' });
    expect(r.rows[0]).toMatchObject({
      index: 0,
      bases: { social: 3_500_000, health: 3_500_000, unemployment: 3_500_000 },
      employer: {
        pension: 490_000,
        sickness: 105_000,
        accident: 35_000,
        health: 105_000,
        unemployment: 35_000,
        total: 770_000,
      },
      employee: { pension: 280_000, health: 52_500, unemployment: 35_000, total: 367_500 },
      total: 1_137_500,
      rate: 32.5,
    });
    expect(r.totals).toMatchObject({ employer: 770_000, employee: 367_500, total: 1_137_500 });
  });

  it('07/2017, vùng I, DC 20.000.000 → 30.000.000: the change, BHXH/BHYT capped at 26.000.000, BHTN on the whole raise', () => {
    const r = one('07/2017', {
      plan: 'DC',
      insuranceNo: '7912345678',
      salary: 30_000_000,
      previousSalary: 20_000_000,
      wageRegion: '01',
    });
    expect(r.rows[0]!.bases).toEqual({ social: 26_000_000, health: 26_000_000, unemployment: 30_000_000 });
    expect(r.rows[0]!.capped).toBe(true);
    // BHXH/BHYT base moves 20.000.000 → 26.000.000 (cap 20 × 1.300.000) = +6.000.000; BHTN base +10.000.000.
    // Employer: 14 % × 6M = 840.000, 3 % × 6M = 180.000, 0,5 % × 6M = 30.000, BHYT 3 % × 6M = 180.000, BHTN 1 % × 10M = 100.000.
    expect(r.rows[0]!.employer).toMatchObject({
      pension: 840_000,
      sickness: 180_000,
      accident: 30_000,
      health: 180_000,
      unemployment: 100_000,
      total: 1_330_000,
    });
    // Employee: 8 % × 6M = 480.000, 1,5 % × 6M = 90.000, 1 % × 10M = 100.000.
    expect(r.rows[0]!.employee.total).toBe(480_000 + 90_000 + 100_000);
    expect(r.rows[0]!.total).toBe(2_000_000);
  });

  it('12/2021, vùng I, GH 10.000.000: 30.5 %, negative for a decrease', () => {
    const r = one('12/2021', { plan: 'GH', insuranceNo: '7912345678', salary: 10_000_000, wageRegion: '01' });
    expect(r.rows[0]!.employer).toMatchObject({ accident: 0, unemployment: 0, total: -2_000_000 });
    expect(r.rows[0]!.employee.total).toBe(-1_050_000);
    expect(r.rows[0]!.total).toBe(-3_050_000);
    expect(r.totals.total).toBe(-3_050_000);
  });

  it('08/2023, vùng III, TM 50.000.000: cap 36.000.000 (lương cơ sở 1.800.000), BHTN on the whole salary', () => {
    const r = one('08/2023', { salary: 50_000_000, wageRegion: '03' });
    expect(r.rows[0]!.bases).toEqual({ social: 36_000_000, health: 36_000_000, unemployment: 50_000_000 });
    expect(r.rows[0]!.employer.total).toBe(6_300_000 + 1_080_000 + 500_000);
    expect(r.rows[0]!.employee.total).toBe(2_880_000 + 540_000 + 500_000);
  });

  it('01/2026, vùng I: 5.310.000 at 32 %, and 120.000.000 capped at 46.800.000 / 106.200.000', () => {
    const a = one('01/2026', { salary: 5_310_000, wageRegion: '01' });
    expect(a.rows[0]).toMatchObject({ employer: { total: 1_141_650 }, employee: { total: 557_550 }, total: 1_699_200 });
    const b = one('01/2026', { salary: 120_000_000, wageRegion: '01' });
    expect(b.rows[0]!.bases).toEqual({ social: 46_800_000, health: 46_800_000, unemployment: 106_200_000 });
    expect(b.rows[0]!.employer.total).toBe(8_190_000 + 1_404_000 + 1_062_000);
    expect(b.rows[0]!.employee.total).toBe(3_744_000 + 702_000 + 1_062_000);
  });

  it('reads a salary ≤ 100 as a coefficient of lương cơ sở, with its allowances', () => {
    const r = one('10/2015', {
      salary: 2.34,
      allowances: { position: 0.3, seniorityExcessPct: 5, seniorityJobPct: 0, salary: 0, other: 0 },
    });
    // 1.150.000 × (2.34 + 0.3 + 2.34 × 5 %) = 1.150.000 × 2.757
    expect(r.rows[0]!.insuredSalary).toBe(3_170_550);
  });

  it('moves only the health fund for TT and only BHTN for DN', () => {
    const tt = one('01/2026', { plan: 'TT', insuranceNo: '7912345678', salary: 6_000_000, wageRegion: '01' });
    expect(tt.rows[0]!.employer).toMatchObject({ pension: 0, health: 180_000, total: 180_000 });
    expect(tt.rows[0]!.rate).toBe(4.5);
    const dn = one('01/2026', { plan: 'DN', insuranceNo: '7912345678', salary: 6_000_000, wageRegion: '01' });
    expect(dn.rows[0]!.total).toBe(120_000);
  });
});
