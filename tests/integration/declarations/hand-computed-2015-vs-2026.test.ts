import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRowInput } from '../../../shared/draft/schema';
import { createTestContext, type TestContext } from '../../support/context';
import { baseDraft, tmRow } from '../../unit/declarations/fixtures/make-draft';
import { fundShares } from '../../support/contributions';

/**
 * The same unit's rows in 10/2015 and in 12/2026, computed BY HAND from the dated law, through
 * `declarations.contributions` and `declarations.validate` (the dispatcher, as every face calls them). Unit in wage
 * region I. Amounts per fund: [HT-TT, ÔĐ-TS, TNLĐ-BNN, BHYT, BHTN].
 *
 * 10/2015 (legal-rules.md §4 row "2015", §5; bhxh-domain.md §4.3):
 *   rates employer 14 / 3 / 1 / 3 / 1 = 22 %, employee 8 / 0 / 0 / 1,5 / 1 = 10,5 % (Luật BHXH 2006 Điều 91–92,
 *   NĐ 105/2014 Điều 2, Luật Việc làm 2013 Điều 57); lương cơ sở 1.150.000 (NĐ 66/2013) → cap BHXH/BHYT 23.000.000
 *   (Luật BHXH 2006 Điều 94; Luật BHYT Điều 14 k.5); vùng I minimum 3.100.000 (NĐ 103/2014) → cap BHTN 62.000.000
 *   (Luật Việc làm 2013 Điều 58 k.2); trained workers ≥ 3.100.000 × 1,07 = 3.317.000 (NĐ 103/2014 Điều 5 k.1 b).
 * 12/2026: employer 14 / 3 / 0,5 / 3 / 1 = 21,5 % (NĐ 44/2017), employee 10,5 %; lương cơ sở 2.530.000 (NĐ 161/2026)
 *   → cap 50.600.000; vùng I 5.310.000 (NĐ 293/2025) → cap BHTN 106.200.000; no trained uplift (dropped by
 *   NĐ 38/2022 from 01/07/2022).
 *
 * | row | salary                         | 10/2015: ER per fund = total; EE per fund = total               | 12/2026 |
 * |-----|--------------------------------|------------------------------------------------------------------|---------|
 * | TM  | 8.000.000                      | 1.120.000 240.000 80.000 240.000 80.000 = 1.760.000; 640.000 0 0 120.000 80.000 = 840.000 | 1.120.000 240.000 40.000 240.000 80.000 = 1.720.000; 840.000 |
 * | TM  | 70.000.000 (capped)            | bases 23.000.000 / 62.000.000: 3.220.000 690.000 230.000 690.000 620.000 = 5.450.000; 1.840.000 345.000 620.000 = 2.805.000 | bases 50.600.000 / 70.000.000: 11.073.000; 5.507.000 |
 * | TM  | hệ số 3,00 + PC CV 0,20, TN nghề 10 % | 3,52 × 1.150.000 = 4.048.000: 566.720 121.440 40.480 121.440 40.480 = 890.560; 323.840 60.720 40.480 = 425.040 | 3,52 × 2.530.000 = 8.905.600: 1.914.704; 935.088 |
 * | KL  | 7.000.000                      | −980.000 −210.000 −70.000 −210.000 −70.000 = −1.540.000; −560.000 −105.000 −70.000 = −735.000 | −1.505.000; −735.000 |
 * | TS  | 10.000.000                     | −2.200.000; −1.050.000                                            | −2.150.000; −1.050.000 |
 * | DC  | 40.000.000 → 60.000.000        | BHXH/BHYT base 23.000.000 both: 0; BHTN 40 → 60 M: +200.000; +200.000 = 0 0 0 0 200.000; 0 0 0 0 200.000 | BHXH/BHYT 40 → 50,6 M, BHTN 40 → 60 M: 2.373.000; 1.207.000 |
 * Totals 10/2015: employer 1.760.000 + 5.450.000 + 890.560 − 1.540.000 − 2.200.000 + 200.000 = 4.560.560;
 *   employee 840.000 + 2.805.000 + 425.040 − 735.000 − 1.050.000 + 200.000 = 2.485.040; total 7.045.600.
 * Totals 12/2026: employer 1.720.000 + 11.073.000 + 1.914.704 − 1.505.000 − 2.150.000 + 2.373.000 = 13.425.704;
 *   employee 840.000 + 5.507.000 + 935.088 − 735.000 − 1.050.000 + 1.207.000 = 6.704.088; total 20.129.792.
 */

let ctx: TestContext;
beforeAll(() => {
  ctx = createTestContext({ now: new Date('2026-12-01T09:00:00+07:00') });
});
afterAll(() => ctx.close());

const ZERO = { position: 0, seniorityExcessPct: 0, seniorityJobPct: 0, salary: 0, other: 0 };

function rows(month: string): DraftRowInput[] {
  const r = (over: Partial<DraftRowInput>) => tmRow({ fromMonth: month, wageRegion: '01', ...over });
  return [
    r({ salary: 8_000_000 }),
    r({ salary: 70_000_000, fullName: 'Lý Văn Nam', gender: 'M', idNumber: '038090012346', birthDate: '01/01/1990' }),
    r({ salary: 3, allowances: { ...ZERO, position: 0.2, seniorityJobPct: 10 } }),
    r({ plan: 'KL', insuranceNo: '0101000001', salary: 7_000_000, toMonth: month }),
    r({ plan: 'TS', insuranceNo: '0101000003', salary: 10_000_000 }),
    r({ plan: 'DC', insuranceNo: '0101000007', salary: 60_000_000, previousSalary: 40_000_000 }),
  ];
}

const fund = fundShares;

describe('the same rows in 10/2015 and 12/2026, by hand', () => {
  it('10/2015: 2015 rates (32,5 %), caps 23.000.000 / 62.000.000, coefficient × 1.150.000', async () => {
    const draft = { ...baseDraft('10/2015', rows('10/2015')), unit: { ...baseDraft().unit, wageRegion: '01' } };
    const c = await ctx.value('declarations.contributions', { draft: draft as Record<string, unknown> });
    expect(c.skipped).toEqual([]);
    expect(c.rows.map((r) => [r.plan, r.month, r.insuredSalary, r.bases, r.rate, r.employer, r.employee])).toEqual([
      [
        'TM',
        '10/2015',
        8_000_000,
        { social: 8_000_000, health: 8_000_000, unemployment: 8_000_000 },
        32.5,
        fund(1_120_000, 240_000, 80_000, 240_000, 80_000),
        fund(640_000, 0, 0, 120_000, 80_000),
      ],
      [
        'TM',
        '10/2015',
        70_000_000,
        { social: 23_000_000, health: 23_000_000, unemployment: 62_000_000 },
        32.5,
        fund(3_220_000, 690_000, 230_000, 690_000, 620_000),
        fund(1_840_000, 0, 0, 345_000, 620_000),
      ],
      [
        'TM',
        '10/2015',
        4_048_000,
        { social: 4_048_000, health: 4_048_000, unemployment: 4_048_000 },
        32.5,
        fund(566_720, 121_440, 40_480, 121_440, 40_480),
        fund(323_840, 0, 0, 60_720, 40_480),
      ],
      [
        'KL',
        '10/2015',
        7_000_000,
        { social: 7_000_000, health: 7_000_000, unemployment: 7_000_000 },
        32.5,
        fund(-980_000, -210_000, -70_000, -210_000, -70_000),
        fund(-560_000, 0, 0, -105_000, -70_000),
      ],
      [
        'TS',
        '10/2015',
        10_000_000,
        { social: 10_000_000, health: 10_000_000, unemployment: 10_000_000 },
        32.5,
        fund(-1_400_000, -300_000, -100_000, -300_000, -100_000),
        fund(-800_000, 0, 0, -150_000, -100_000),
      ],
      [
        'DC',
        '10/2015',
        60_000_000,
        { social: 23_000_000, health: 23_000_000, unemployment: 60_000_000 },
        32.5,
        fund(0, 0, 0, 0, 200_000),
        fund(0, 0, 0, 0, 200_000),
      ],
    ]);
    expect(c.totals).toMatchObject({ employer: 4_560_560, employee: 2_485_040, total: 7_045_600 });
  });

  it('12/2026: the same rows at 32 %, caps 50.600.000 / 106.200.000, coefficient × 2.530.000', async () => {
    const draft = { ...baseDraft('12/2026', rows('12/2026')), unit: { ...baseDraft().unit, wageRegion: '01' } };
    const c = await ctx.value('declarations.contributions', { draft: draft as Record<string, unknown> });
    expect(c.skipped).toEqual([]);
    expect(c.rows.map((r) => [r.plan, r.insuredSalary, r.rate, r.employer.total, r.employee.total])).toEqual([
      ['TM', 8_000_000, 32, 1_720_000, 840_000],
      ['TM', 70_000_000, 32, 11_073_000, 5_507_000],
      ['TM', 8_905_600, 32, 1_914_704, 935_088],
      ['KL', 7_000_000, 32, -1_505_000, -735_000],
      ['TS', 10_000_000, 32, -2_150_000, -1_050_000],
      ['DC', 60_000_000, 32, 2_373_000, 1_207_000],
    ]);
    expect(c.totals).toMatchObject({ employer: 13_425_704, employee: 6_704_088, total: 20_129_792 });
  });
});

describe('floors: the regional minimum and the trained-worker uplift, by month', () => {
  async function problems(month: string, over: Partial<DraftRowInput>) {
    const draft = {
      ...baseDraft(month, [tmRow({ fromMonth: month, wageRegion: '01', ...over })]),
      unit: { ...baseDraft().unit, wageRegion: '01' },
    };
    const v = await ctx.value('declarations.validate', { draft: draft as Record<string, unknown> });
    return v.problems.filter((p) => p.field === 'rows[0].salary');
  }

  it('10/2015: 3.000.000 < 3.100.000 (vùng I, NĐ 103/2014) is refused; a trained worker at 3.200.000 < 3.317.000 is warned', async () => {
    expect(await problems('10/2015', { salary: 3_000_000 })).toMatchObject([
      { code: 'SALARY_BELOW_REGIONAL_MINIMUM', severity: 'error' },
    ]);
    const t = await problems('10/2015', { salary: 3_200_000, trained: true });
    expect(t).toMatchObject([{ code: 'SALARY_BELOW_TRAINED_FLOOR', severity: 'warning' }]);
    expect(t[0]!.message).toContain('3.317.000');
    expect(await problems('10/2015', { salary: 3_317_000, trained: true })).toEqual([]);
  });

  it('12/2026: 5.000.000 < 5.310.000 (NĐ 293/2025) is refused; the +7 % no longer applies (NĐ 38/2022)', async () => {
    const low = await problems('12/2026', { salary: 5_000_000 });
    expect(low).toMatchObject([{ code: 'SALARY_BELOW_REGIONAL_MINIMUM', severity: 'error' }]);
    expect(low[0]!.message).toContain('5.310.000');
    expect(await problems('12/2026', { salary: 5_310_000, trained: true })).toEqual([]);
  });

  it('12/2026: 20 × 2.530.000 = 50.600.000 is the cap; one đồng more is warned', async () => {
    expect(await problems('12/2026', { salary: 50_600_000 })).toEqual([]);
    const over = await problems('12/2026', { salary: 50_600_001 });
    expect(over).toMatchObject([{ code: 'SALARY_OVER_CAP', severity: 'warning' }]);
    expect(over[0]!.message).toContain('50.600.000');
  });
});
