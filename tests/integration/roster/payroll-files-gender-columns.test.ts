import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loXlsx, SOFFICE, type FodsRow } from '../../fixtures/roster/other-writers/lo';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT as UNIT, fileBlob as blob } from '../../support/units';

/**
 * Gender as two columns "Nam" | "Nữ", as the older BHXH lists lay it out and HR programs still print it (LibreOffice
 * writes the .xlsx from a flat ODS with the merged two-line header): an "x" in the person's column, or the birth date
 * written in it ("Năm sinh" over "Nam" | "Nữ", mẫu 03a-TBH). Before, the marks read as one column: "x" was no
 * gender and every woman's row "gender is required"; with birth dates, the file had no gender column at all.
 */
let dir: string;
beforeAll(() => {
  expect(existsSync(SOFFICE), 'LibreOffice (libreoffice-calc-nogui) is installed by .ci/run').toBe(true);
  dir = makeTempDir('kekhai-payroll-gender-');
});
afterAll(() => removeDir(dir));

const header = (group: string, before: string[], after: string[]): FodsRow[] => [
  {
    cells: [
      ...before.map((value) => ({ merge: [2, 1] as [number, number], value })),
      { merge: [1, 2], value: group },
      'covered',
      ...after.map((value) => ({ merge: [2, 1] as [number, number], value })),
    ],
  },
  {
    cells: [...before.map(() => 'covered' as const), 'Nam', 'Nữ', ...after.map(() => 'covered' as const)],
  },
];

describe('gender in two columns "Nam" | "Nữ"', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  const people = async () =>
    (await ctx.value('employee.list', { unitCode: UNIT.code, limit: 200 })).items
      .map((e) => [e.fullName, e.birthDate, e.gender])
      .sort((a, b) => a[0]!.localeCompare(b[0]!, 'vi'));

  it('"Giới tính" over "Nam" | "Nữ" with marks: the marked column is the gender; both or neither refused by cell', async () => {
    const file = loXlsx(dir, 'marks', [
      {
        name: 'DS',
        rows: [
          ...header('Giới tính', ['STT', 'Họ và tên', 'Ngày sinh'], ['Số CCCD']),
          { cells: [1, 'Nguyễn Văn An', '01/03/1990', 'x', null, '001090000101'] },
          { cells: [2, 'Trần Thị Bình', '02/04/1991', null, 'X', '001191000102'] },
          { cells: [3, 'Lê Văn Cường', '1988', 'x', 'x', null] },
          { cells: [4, 'Phạm Thị Dung', '1992', null, null, null] },
          { cells: [5, 'Hồ Thị Én', '1993', null, '✓', null] },
        ],
      },
    ]);
    const input = { unitCode: UNIT.code, file: blob('ds.xlsx', readFileSync(file)) };
    const preview = await ctx.value('roster.importPreview', input);
    expect(preview.mapping.gender).toBe('Giới tính Nam / Giới tính Nữ');
    expect(preview.unmapped).toEqual([]);
    expect(preview.sample[1]).toMatchObject({ 'Họ và tên': 'Trần Thị Bình', 'Giới tính Nam / Giới tính Nữ': 'Nữ' });
    const r = await ctx.value('roster.importCommit', input);
    expect(r.rejected.map((p) => p.message)).toEqual([
      'Dòng 5, cột "Giới tính Nam / Giới tính Nữ": "x | x" không phải giới tính (Nam/Nữ)',
      'Dòng 6, cột "Giới tính Nam / Giới tính Nữ": không được để trống',
    ]);
    expect(r).toMatchObject({ imported: 3, rejectedRows: 2 });
    expect(await people()).toEqual([
      ['Hồ Thị Én', '1993', 'F'],
      ['Nguyễn Văn An', '01/03/1990', 'M'],
      ['Trần Thị Bình', '02/04/1991', 'F'],
    ]);
    // The unit remembers this mapping; its next file, with a plain "Giới tính" column, still finds its gender.
    const plain = ['STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD', '1,Đoàn Văn Phát,1994,Nam,'].join('\r\n');
    const next = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('ds.csv', Buffer.from(plain)),
    });
    expect(next).toMatchObject({ imported: 1, rejectedRows: 0 });
  });

  it('a "Nữ" column alone: "x" is a woman, empty a man; the column-number row under the header is skipped', async () => {
    const file = loXlsx(dir, 'female', [
      {
        name: 'DS',
        rows: [
          { cells: ['STT', 'Họ và tên', 'Ngày sinh', 'Nữ', 'Số CCCD'] },
          { cells: ['(1)', '(2)', '(3)', '(4)', '(5)'] },
          { cells: [1, 'Nguyễn Văn An', '01/03/1990', null, '001090000101'] },
          { cells: [2, 'Trần Thị Bình', '02/04/1991', 'x', '001191000102'] },
        ],
      },
    ]);
    const input = { unitCode: UNIT.code, file: blob('ds.xlsx', readFileSync(file)) };
    const preview = await ctx.value('roster.importPreview', input);
    expect(preview).toMatchObject({ mapping: { gender: 'Nữ (x = nữ)' }, unmapped: [] });
    const r = await ctx.value('roster.importCommit', input);
    expect(r).toMatchObject({ imported: 2, rejectedRows: 0, rejected: [] });
    expect(r.warnings?.map((w) => w.code)).toEqual(['NOT_A_PERSON']);
    expect(await people()).toEqual([
      ['Nguyễn Văn An', '01/03/1990', 'M'],
      ['Trần Thị Bình', '02/04/1991', 'F'],
    ]);
  });

  it('"Năm sinh" over "Nam" | "Nữ" (mẫu 03a-TBH): the birth date is in the person\'s column', async () => {
    const file = loXlsx(dir, 'births', [
      {
        name: 'DS',
        rows: [
          ...header('Năm sinh', ['STT', 'Họ và tên'], ['Mã số BHXH']),
          { cells: [1, 'Hoàng Văn Em', 1985, null, '0123456789'] },
          { cells: [2, 'Vũ Thị Giang', null, { date: '1990-05-17' }, null] },
          { cells: [3, 'Đỗ Văn Hùng', '15/06/1987', null, null] },
          { cells: [4, 'Lý Thị Kim', '1990', '1991', null] },
        ],
      },
    ]);
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('ds.xlsx', readFileSync(file)),
    });
    expect(r.rejected.map((p) => p.message)).toEqual([
      'Dòng 6, cột "Giới tính (theo Năm sinh Nam / Năm sinh Nữ)": "1990 | 1991" không phải giới tính (Nam/Nữ)',
      'Dòng 6, cột "Năm sinh Nam / Năm sinh Nữ": "1990 | 1991" không phải ngày hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy)',
    ]);
    expect(r).toMatchObject({ imported: 3, rejectedRows: 1 });
    expect(await people()).toEqual([
      ['Đỗ Văn Hùng', '15/06/1987', 'M'],
      ['Hoàng Văn Em', '1985', 'M'],
      ['Vũ Thị Giang', '17/05/1990', 'F'],
    ]);
  });
});
