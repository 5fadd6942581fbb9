import { describe, expect, it } from 'vitest';
import { ETHNICITIES, isEthnicityCode } from '../../../shared/codes/ethnicities';
import { isNationalityCode, NATIONALITY_CODES } from '../../../shared/codes/nationalities';
import { composeNote, loaiOf, LOAI_NAMES, PLANS, PLAN_CODES, planByCode } from '../../../shared/codes/plans';
import { PROVINCES_2008, PROVINCES_2025, provincesFor } from '../../../shared/codes/provinces';
import { BENEFIT_LEVELS } from '../../../shared/codes/benefit-levels';
import { WAGE_REGIONS } from '../../../shared/codes/wage-regions';

describe('code tables', () => {
  it('holds exactly the phương án codes of the reference §3.1, each once', () => {
    expect([...PLAN_CODES].sort()).toEqual(
      [
        'TM',
        'TC',
        'TD',
        'TH',
        'AD',
        'AT',
        'TT',
        'TU',
        'DC',
        'CD',
        'DL',
        'DN',
        'TV',
        'GV',
        'GH',
        'GC',
        'GD',
        'SB',
        'OF',
        'KL',
        'TS',
        'ON',
        'DV',
        'TL',
        'TN',
        'GN',
        'GL',
      ].sort(),
    );
    expect(new Set(PLAN_CODES).size).toBe(PLANS.length);
    for (const p of PLANS) {
      expect(p.name.length).toBeGreaterThan(3);
      expect(p.funds.length).toBeGreaterThan(0);
    }
  });

  it('composes the TM note from the contract as "HĐLĐ số … ngày …"', () => {
    expect(composeNote(planByCode('TM')!, '12/2015/HĐLĐ', '01/10/2015')).toBe('HĐLĐ số 12/2015/HĐLĐ ngày 01/10/2015');
    expect(composeNote(planByCode('TH')!, '3', '02/01/2016')).toBe('HĐLĐ dưới 3 tháng số 3 ngày 02/01/2016');
    expect(composeNote(planByCode('TS')!, '', '')).toBe('Nghỉ thai sản');
  });

  it('uses the portal ethnicity list (01 Kinh … 55 Ca dong, 99 foreigners), not the VNPT order', () => {
    expect(Object.keys(ETHNICITIES)).toHaveLength(56);
    expect(ETHNICITIES['04']).toBe('Hoa');
    expect(ETHNICITIES['06']).toBe('Mường');
    expect(isEthnicityCode('99')).toBe(true);
    expect(isEthnicityCode('56')).toBe(false);
  });

  it('knows ISO 3166 nationalities', () => {
    expect(NATIONALITY_CODES.size).toBe(249);
    expect(isNationalityCode('VN')).toBe(true);
    expect(isNationalityCode('XX')).toBe(false);
  });

  it('keeps both province lists and picks by month', () => {
    expect(Object.keys(PROVINCES_2008)).toHaveLength(64); // 63 + 00 Trung ương
    expect(Object.keys(PROVINCES_2025)).toHaveLength(34);
    expect(provincesFor('2015-10')['02']).toBe('Hà Giang');
    expect(provincesFor('2026-01')['02']).toBeUndefined();
  });

  it('has four wage regions and five benefit levels', () => {
    expect(WAGE_REGIONS).toEqual(['01', '02', '03', '04']);
    expect(Object.keys(BENEFIT_LEVELS)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('gives Loai by the direction of the change (vnpt-template.md, addendum 2 item 1)', () => {
    const loai = (code: string, salary = 5_000_000, previousSalary?: number) =>
      loaiOf(planByCode(code)!, { salary, previousSalary });
    for (const c of ['TM', 'TC', 'TD', 'TH', 'ON']) expect(loai(c)).toBe(1);
    for (const c of ['GH', 'TS', 'KL', 'OF', 'GC', 'GD']) expect(loai(c)).toBe(3);
    expect(loai('DC', 6_300_000, 5_000_000)).toBe(2);
    expect(loai('DC', 4_000_000, 5_000_000)).toBe(4);
    expect(loai('DC', 5_000_000, 5_000_000)).toBe(5);
    expect(loai('CD')).toBe(5);
    expect([loai('TN'), loai('GN'), loai('TL'), loai('GL'), loai('DV')]).toEqual([2, 4, 1, 4, 2]);
    expect(Object.keys(LOAI_NAMES)).toEqual(['1', '2', '3', '4', '5']);
    for (const p of PLANS) expect([1, 2, 3, 4, 5]).toContain(p.loai);
  });

  it('names the new phương án DV, TL, TN, GN, GL and the funds they move', () => {
    expect(planByCode('DV')).toMatchObject({ name: 'Truy đóng HTTT', funds: ['pension'], backDated: true });
    expect(planByCode('TL')).toMatchObject({ name: 'Tăng tham gia TNLĐ, BNN', funds: ['accident'], effect: 'add' });
    expect(planByCode('TN')).toMatchObject({
      name: 'Tăng tham gia thất nghiệp',
      funds: ['unemployment'],
      effect: 'add',
    });
    expect(planByCode('GN')).toMatchObject({
      name: 'Giảm tham gia thất nghiệp',
      funds: ['unemployment'],
      effect: 'remove',
    });
    expect(planByCode('GL')).toMatchObject({ name: 'Giảm tham gia TNLĐ, BNN', funds: ['accident'], effect: 'remove' });
  });
});
