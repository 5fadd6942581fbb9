import { describe, expect, it } from 'vitest';
import { ALL_FUNDS } from '../../../shared/codes/plans';
import { RULES } from '../../../shared/rules/data';
import { capFor, floorDetail, floorFor, rulesFor, totalRate } from '../../../shared/rules/lookup';
import { ruleTablesSchema } from '../../../shared/rules/schema';

/** Day after an ISO date. */
function next(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

describe('dated rule tables', () => {
  it('match their schema, each row naming a legal source', () => {
    expect(() => ruleTablesSchema.parse(RULES)).not.toThrow();
    for (const table of Object.values(RULES)) for (const r of table) expect(r.source).toMatch(/NĐ|Luật|QĐ|NQ/);
  });

  it('leave no gap and no overlap between consecutive rows', () => {
    for (const table of [RULES.rates, RULES.baseSalary, RULES.regionalMinimum]) {
      for (let i = 1; i < table.length; i++) expect(table[i]!.validFrom).toBe(next(table[i - 1]!.validTo!));
      expect(table[table.length - 1]!.validTo).toBeNull();
    }
  });

  it('give the totals the issue states: 32.5 % (2015), 32 % (06/2017), 30.5 % (10/2021–06/2022), 32 % (from 10/2022)', () => {
    expect(totalRate(rulesFor('2015-01'), ALL_FUNDS)).toBe(32.5);
    expect(totalRate(rulesFor('2017-05'), ALL_FUNDS)).toBe(32.5);
    expect(totalRate(rulesFor('2017-06'), ALL_FUNDS)).toBe(32);
    expect(totalRate(rulesFor('2021-10'), ALL_FUNDS)).toBe(30.5);
    expect(totalRate(rulesFor('2021-12'), ALL_FUNDS)).toBe(30.5);
    expect(totalRate(rulesFor('2022-10'), ALL_FUNDS)).toBe(32);
    expect(totalRate(rulesFor('2023-08'), ALL_FUNDS)).toBe(32);
    expect(totalRate(rulesFor('2026-01'), ALL_FUNDS)).toBe(32);
    // The exemptions did not start and end together (QĐ 23/2021 07/2021–06/2022; NQ 116 10/2021–09/2022).
    expect(totalRate(rulesFor('2021-08'), ALL_FUNDS)).toBe(31.5);
    expect(totalRate(rulesFor('2022-08'), ALL_FUNDS)).toBe(31);
  });

  it('split employer 17.5 / 3 / 1 and employee 8 / 1.5 / 1 in 2023', () => {
    const r = rulesFor('2023-08').rates;
    expect(r.employer.pension + r.employer.sickness + r.employer.accident).toBe(17.5);
    expect([r.employer.health, r.employer.unemployment]).toEqual([3, 1]);
    expect([r.employee.pension, r.employee.health, r.employee.unemployment]).toEqual([8, 1.5, 1]);
  });

  it('computes caps: 20 × lương cơ sở for BHXH/BHYT, 20 × regional minimum for BHTN (hand-computed)', () => {
    const y2015 = rulesFor('2015-10');
    expect(capFor(y2015, 'social', '02', 'employerSet')).toBe(23_000_000);
    expect(capFor(y2015, 'unemployment', '02', 'employerSet')).toBe(55_000_000);
    expect(capFor(y2015, 'unemployment', '02', 'state')).toBe(23_000_000);
    expect(capFor(rulesFor('2017-07'), 'health', '01', 'employerSet')).toBe(26_000_000);
    expect(capFor(rulesFor('2017-07'), 'unemployment', '01', 'employerSet')).toBe(75_000_000);
    expect(capFor(rulesFor('2021-12'), 'social', '01', 'employerSet')).toBe(29_800_000);
    expect(capFor(rulesFor('2021-12'), 'unemployment', '01', 'employerSet')).toBe(88_400_000);
    expect(capFor(rulesFor('2023-08'), 'social', '03', 'employerSet')).toBe(36_000_000);
    expect(capFor(rulesFor('2023-08'), 'unemployment', '03', 'employerSet')).toBe(72_800_000);
    expect(capFor(rulesFor('2026-01'), 'social', '01', 'employerSet')).toBe(46_800_000);
    expect(capFor(rulesFor('2026-01'), 'unemployment', '01', 'employerSet')).toBe(106_200_000);
  });

  it('applies the +7 % for trained workers until 06/2022 only', () => {
    expect(floorFor(rulesFor('2015-10'), '02', true)).toBe(2_942_500);
    expect(floorFor(rulesFor('2015-10'), '02', false)).toBe(2_750_000);
    expect(floorFor(rulesFor('2021-12'), '01', true)).toBe(4_729_400);
    expect(floorFor(rulesFor('2023-08'), '01', true)).toBe(4_680_000);
    expect(floorFor(rulesFor('2026-01'), '04', false)).toBe(3_700_000);
    // Each year names its own decree; the rows join without gaps up to 30/06/2022.
    const t = RULES.trainedUplift;
    for (let i = 1; i < t.length; i++) expect(t[i]!.validFrom).toBe(next(t[i - 1]!.validTo!));
    expect(t[t.length - 1]!.validTo).toBe('2022-06-30');
    expect(rulesFor('2016-03').trainedUpliftSource).toMatch(/^NĐ 122\/2015\/NĐ-CP Điều 5/);
    expect(rulesFor('2021-12').trainedUpliftSource).toMatch(/^NĐ 90\/2019\/NĐ-CP Điều 5 khoản 1 điểm b/);
  });

  it('dates the short-contract fund sets (TH) and the heavy/hazardous uplifts, without gaps', () => {
    const t = RULES.shortContractFunds;
    for (let i = 1; i < t.length; i++) expect(t[i]!.validFrom).toBe(next(t[i - 1]!.validTo!));
    expect(t[t.length - 1]!.validTo).toBeNull();
    expect(rulesFor('2017-12').shortContract.funds).toEqual([]);
    expect(rulesFor('2018-01').shortContract.funds).toEqual(['pension', 'sickness', 'accident']);
    expect(rulesFor('2025-06').shortContract.funds).not.toContain('health');
    expect(rulesFor('2025-07').shortContract.funds).toEqual(['pension', 'sickness', 'accident', 'health']);
    expect(rulesFor('2026-01').shortContract.funds).toEqual([...ALL_FUNDS]);
    expect(rulesFor('2018-01').shortContract.source).toMatch(/Luật BHXH 58\/2014\/QH13 Điều 2/);
    // 2020 vùng I, trained + heavy: 4.420.000 × 1,07 = 4.729.400; × 1,05 = 4.965.870.
    expect(floorDetail(rulesFor('2020-05'), '01', { trained: true, hazard: 'heavy' })).toMatchObject({
      minimum: 4_420_000,
      floor: 4_965_870,
    });
    // Especially heavy, untrained: 4.420.000 × 1,07 = 4.729.400.
    expect(floorDetail(rulesFor('2020-05'), '01', { trained: false, hazard: 'especiallyHeavy' }).floor).toBe(4_729_400);
    // NĐ 49/2013 repealed by NĐ 145/2020 (from 02/2021): no hazard uplift; trained +7 % until 06/2022.
    expect(floorDetail(rulesFor('2021-03'), '01', { trained: true, hazard: 'heavy' }).parts.map((p) => p.rule)).toEqual(
      ['trained'],
    );
    expect(floorDetail(rulesFor('2022-07'), '01', { trained: true, hazard: 'heavy' })).toMatchObject({
      floor: 4_680_000,
      parts: [],
    });
  });

  it('refuses months before the tables start', () => {
    expect(() => rulesFor('2014-12')).toThrow(/12\/2014/);
  });
});
