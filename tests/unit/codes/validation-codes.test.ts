import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCodeCatalog } from '../../../electron/codes/load';
import { installCodeCatalog } from '../../../shared/codes/catalog';
import { BLANK_EMPLOYEE, type EmployeeFields } from '../../../shared/contract/roster';
import type { DraftRowInput } from '../../../shared/draft/schema';
import { checkEmployee } from '../../../shared/identity/employee-record';
import { validateDraft } from '../../../shared/validation/draft';
import { baseDraft, bigDraft, tmRow } from '../declarations/fixtures/make-draft';

/** Validation with the dated lists of resources/codes installed, as the Node side does (electron/core/runtime.ts). */
beforeAll(() => installCodeCatalog(loadCodeCatalog(join(process.cwd(), 'resources', 'codes'))));
afterAll(() => installCodeCatalog(null));

function problems(rows: DraftRowInput[], period: string) {
  return validateDraft(baseDraft(period, rows)).problems.map((p) => `${p.severity}:${p.code}@${p.field}`);
}

/** A row of the 2026 big draft (valid rules for 01/2026) with TK1 place and KCB fields. */
function row2026(over: Partial<DraftRowInput>): DraftRowInput {
  return { ...bigDraft(1, '01/2026').rows[0]!, ...over };
}

function draft2026(rows: DraftRowInput[]) {
  return validateDraft({ ...bigDraft(0, '01/2026'), rows }).problems.map((p) => `${p.severity}:${p.code}@${p.field}`);
}

describe('draft validation with the code lists', () => {
  it('accepts legacy VNPT nationality codes (AN, CS) and current ISO codes missing from the VNPT list (RS); refuses XX', () => {
    const rows = ['AN', 'CS', 'RS', 'XX'].map((n, i) =>
      tmRow({ fullName: `Người ${'ABCD'[i]}`, nationality: n, ethnicity: '99', idNumber: `B${i}234567` }),
    );
    const p = problems(rows, '10/2015');
    expect(p.filter((x) => x.includes('NATIONALITY_UNKNOWN'))).toEqual([
      'error:NATIONALITY_UNKNOWN@rows[3].nationality',
    ]);
  });

  it('KCB, residence commune and province codes are checked against the lists in force in the period', () => {
    const good = row2026({
      hospital: { province: '38', code: '38280' },
      residence: { province: '38', district: '', ward: '14797', address: 'Số 1' },
    });
    const bad = row2026({
      fullName: 'Trần Văn Sai',
      hospital: { province: '30', code: '38999' },
      residence: { province: '30', district: '', ward: '99999', address: 'Số 2' },
    });
    const p = draft2026([good, bad]);
    expect(p.filter((x) => x.includes('@rows[0].'))).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/UNKNOWN/)]),
    );
    expect(p).toEqual(
      expect.arrayContaining([
        'error:HOSPITAL_UNKNOWN@rows[1].hospital.code',
        'error:PROVINCE_UNKNOWN@rows[1].hospital.province', // 30 Hải Dương is no province from 07/2025
        'error:PROVINCE_UNKNOWN@rows[1].residence.province',
        'error:COMMUNE_UNKNOWN@rows[1].residence.ward',
      ]),
    );
  });

  it('a 2015 period keeps the 63 provinces (30 Hải Dương is valid) and has no hospital list to check against', () => {
    const p = problems(
      [
        tmRow({
          hospital: { province: '30', code: '30999' },
          residence: { province: '30', district: '', ward: '', address: 'Hải Dương' },
        }),
      ],
      '10/2015',
    );
    expect(p.filter((x) => /UNKNOWN/.test(x))).toEqual([]);
    expect(
      problems([tmRow({ residence: { province: '03', district: '', ward: '', address: 'x' } })], '10/2015'),
    ).toContain('error:PROVINCE_UNKNOWN@rows[0].residence.province');
  });

  it('an unknown birth commune only warns (birth places keep the codes of their time)', () => {
    expect(
      draft2026([row2026({ birthPlace: { province: '30', district: '', ward: '10502', address: '' } })]),
    ).toContain('warning:COMMUNE_NOT_CURRENT@rows[0].birthPlace.ward');
  });

  it('error messages name the list date', () => {
    const v = validateDraft({
      ...bigDraft(0, '01/2026'),
      rows: [row2026({ hospital: { province: '38', code: '38999' } })],
    });
    expect(v.problems.find((x) => x.code === 'HOSPITAL_UNKNOWN')!.message).toMatch(
      /mã nơi KCB "38999" không có trong danh mục cơ sở KCB áp dụng từ 01\/07\/2025/,
    );
  });
});

describe('employee validation with the code lists', () => {
  const base: EmployeeFields = {
    ...BLANK_EMPLOYEE,
    fullName: 'Nguyễn Văn An',
    birthDate: '01/01/1990',
    ethnicity: '01',
  };

  const today = new Date('2026-12-01T00:00:00Z');
  const codesOf = (over: Partial<EmployeeFields>, when = today) =>
    checkEmployee({ ...base, ...over }, when).problems.map((p) => `${p.code}@${p.field}`);

  it('nationality, ethnicity, birth province and KCB code come from the lists', () => {
    expect(codesOf({ nationality: 'CS', ethnicity: '99' })).toEqual([]);
    expect(codesOf({ nationality: 'QQ' })).toEqual(['NATIONALITY_UNKNOWN@nationality']);
    expect(codesOf({ ethnicity: '56' })).toEqual(['ETHNICITY@ethnicity']);
    expect(codesOf({ birthProvince: '30' })).toEqual([]); // Hải Dương: a birth place keeps its old code
    expect(codesOf({ birthProvince: '03' })).toEqual(['PROVINCE_UNKNOWN@birthProvince']);
    expect(codesOf({ hospitalCode: '38280' })).toEqual([]);
    expect(codesOf({ hospitalCode: '38999' })).toEqual(['HOSPITAL_UNKNOWN@hospitalCode']);
    // Before the hospital list applies there is nothing to check a code against.
    expect(codesOf({ hospitalCode: '38999' }, new Date('2015-10-01T00:00:00Z'))).toEqual([]);
  });
});
