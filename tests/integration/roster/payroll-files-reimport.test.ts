import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { libreOffice, loXlsx, python, SOFFICE } from '../../fixtures/roster/other-writers/lo';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT as UNIT, fileBlob as blob } from '../../support/units';

/**
 * Files imported again: the same CSV twice (the second time nothing is written), the same people in NFD after NFC,
 * and the app's own roster export opened, edited and saved by LibreOffice (.xlsx and CSV) — the rows the clerk did
 * not touch are unchanged, the edited cell updates its employee, no one is duplicated. And a sheet LibreOffice saves
 * as a Windows-1252 CSV, whose Vietnamese letters become "?".
 */
let dir: string;
beforeAll(() => {
  expect(existsSync(SOFFICE), 'LibreOffice (libreoffice-calc-nogui) is installed by .ci/run').toBe(true);
  dir = makeTempDir('kekhai-payroll-reimport-');
});
afterAll(() => removeDir(dir));

const NFC_ROWS = [
  ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tiền lương', 'Địa chỉ'],
  ['Nguyễn Thị Ánh Tuyết', '11/01/1987', 'Nữ', '001187000201', '6.500.000', 'Phường Láng Hạ, Đống Đa'],
  ['Trần Văn Đức', '12/02/1988', 'Nam', '', '5.310.000', 'Quận 1'],
  ['Lê Thị Hồng Nhung', '1985', 'Nữ', '', '2,34', ''],
];

/** Python's csv module writes the rows (;-separated, UTF-8 with BOM, as Excel's "CSV UTF-8"), NFC or NFD. */
function csvFile(name: string, form: 'NFC' | 'NFD'): Buffer {
  python(
    `import csv, json, sys, unicodedata
rows = json.loads(sys.argv[2])
with open(sys.argv[1], 'w', encoding='utf-8-sig', newline='') as f:
    csv.writer(f, delimiter=';').writerows([[unicodedata.normalize('${form}', c) for c in r] for r in rows])`,
    [join(dir, name), JSON.stringify(NFC_ROWS)],
  );
  return readFileSync(join(dir, name));
}

describe('importing again', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  const list = async () => (await ctx.value('employee.list', { unitCode: UNIT.code, limit: 200 })).items;
  const historyCount = () => (ctx.db.prepare('SELECT count(*) AS n FROM employee_history').get() as { n: number }).n;

  it('the same file twice: the second import finds every row unchanged and writes nothing', async () => {
    const file = blob('ds.csv', csvFile('same.csv', 'NFC'));
    const first = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
    expect(first).toMatchObject({ imported: 3, updated: 0, unchanged: 0, rejectedRows: 0 });
    const before = await list();
    const history = historyCount();
    const again = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3, rejectedRows: 0, rejected: [] });
    expect(await list()).toEqual(before);
    expect(historyCount()).toBe(history);
  });

  it('the same people in NFD (a macOS export) after NFC: matched, not duplicated; names stay NFC', async () => {
    const nfd = csvFile('nfd.csv', 'NFD');
    expect(nfd.includes(Buffer.from('Ho\u0323', 'utf8'))).toBe(true); // really decomposed
    await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('ds.csv', csvFile('nfc.csv', 'NFC')) });
    const before = await list();
    const again = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('ds.csv', nfd) });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3, rejectedRows: 0, rejected: [] });
    expect(await list()).toEqual(before);
  });

  it('a row without identifiers is matched by name, full birth date and gender only when that says who it is', async () => {
    await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('ds.csv', csvFile('base.csv', 'NFC')) });
    const save = (fullName: string, birthDate: string, cccd = '') =>
      ctx.value('employee.save', {
        unitCode: UNIT.code,
        employee: { fullName, birthDate, gender: 'M', cccd },
        // Two of the same name and year on purpose: the clerk confirms the form's question.
        confirmSamePerson: true,
      });
    await save('Phan Văn Tài', '1990');
    await save('Phan Văn Tài', '1990', '001090000301');
    await save('Vũ Văn Lực', '1991', '001091000302');
    const rows = [
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tiền lương'],
      ['TRẦN VĂN ĐỨC', '12/02/1988', 'Nam', '', '5.400.000'], // full date, one person: updated
      ['Lê Thị Hồng Nhung', '1985', 'Nữ', '', '2,50'], // year only, a change: refused
      ['Phan Văn Tài', '1990', 'Nam', '', '6.000.000'], // two candidates: refused
      ['Vũ Văn Lực', '1991', 'Nam', '001091000399', '6.000.000'], // another CCCD: another person
    ];
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('ds.csv', Buffer.from(rows.map((x) => x.join(';')).join('\r\n'))),
    });
    expect(r.rejected.map((p) => p.message)).toEqual([
      'Dòng 3, cột "Họ và tên": có thể là Lê Thị Hồng Nhung (sinh 1985) đã có trong danh sách: hãy điền mã số BHXH hoặc số CCCD để phân biệt',
      'Dòng 4, cột "Họ và tên": có thể là 2 người cùng họ tên, ngày sinh và giới tính đã có trong danh sách: hãy điền mã số BHXH hoặc số CCCD để phân biệt',
    ]);
    expect(r).toMatchObject({ imported: 1, updated: 1, unchanged: 0, rejectedRows: 2 });
    const people = await list();
    // Matched whatever the letter case; the name is then written as the file has it, like any mapped column.
    expect(people.filter((e) => e.fullName === 'TRẦN VĂN ĐỨC').map((e) => e.salary)).toEqual([5_400_000]);
    expect(people.length).toBe(3 + 3 + 1);
    expect(
      people
        .filter((e) => e.fullName === 'Vũ Văn Lực')
        .map((e) => e.cccd)
        .sort(),
    ).toEqual(['001091000302', '001091000399']);
  });

  it('the same person twice in one file without identifiers: the second row refused, not a second employee', async () => {
    const rows = [
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD'],
      ['Đinh Văn Hai', '05/05/1995', 'Nam', ''],
      ['Đinh Văn Hai', '05/05/1995', 'Nam', ''], // copied twice
      ['Mai Thị Ba', '1996', 'Nữ', '001196000401'],
      ['Mai Thị Ba', '1996', 'Nữ', ''], // the same without her CCCD
      ['Hà Văn Bốn', '1990', 'Nam', '001090000402'],
      ['Hà Văn Bốn', '1990', 'Nam', '001090000403'], // another CCCD: another person
    ];
    const file = blob('ds.csv', Buffer.from(rows.map((x) => x.join(',')).join('\r\n')));
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
    expect(r.rejected.map((p) => p.message)).toEqual([
      'Dòng 3, cột "Họ và tên": cùng họ tên, ngày sinh và giới tính với dòng 2, không có mã số BHXH hay số CCCD để phân biệt',
      'Dòng 5, cột "Họ và tên": cùng họ tên, ngày sinh và giới tính với dòng 4, không có mã số BHXH hay số CCCD để phân biệt',
    ]);
    expect(r).toMatchObject({ imported: 4, rejectedRows: 2 });
    const again = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
    expect(again).toMatchObject({ imported: 0, unchanged: 4, rejectedRows: 2 });
    expect((await list()).length).toBe(4);
  });

  it('roster export → opened, edited and saved by LibreOffice (.xlsx, then CSV) → import: one update, no duplicate', async () => {
    await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('ds.csv', csvFile('base.csv', 'NFC')) });
    const ex = await ctx.value('roster.export', { unitCode: UNIT.code });
    writeFileSync(join(dir, 'export.xlsx'), Buffer.from(ex.file.base64, 'base64'));
    // LibreOffice opens the export and saves it as flat ODS; the clerk's edit is made there (a raise for Trần Văn
    // Đức, typed as a number); LibreOffice saves it back as .xlsx, and that as a ;-separated UTF-8 CSV.
    libreOffice(dir, ['export.xlsx'], 'fods');
    const fods = readFileSync(join(dir, 'export.fods'), 'utf8');
    const edited = fods.replace(
      /(<table:table-row[^>]*>(?:(?!<\/table:table-row>)[\s\S])*?Trần Văn Đức(?:(?!<\/table:table-row>)[\s\S])*?)<table:table-cell[^>]*office:value="5310000"[^>]*>[\s\S]*?<\/table:table-cell>/,
      '$1<table:table-cell office:value-type="float" office:value="5600000"><text:p>5600000</text:p></table:table-cell>',
    );
    expect(edited).not.toBe(fods);
    writeFileSync(join(dir, 'edited.fods'), edited);
    libreOffice(dir, ['edited.fods'], 'xlsx');
    libreOffice(dir, ['edited.xlsx'], 'csv:Text - txt - csv (StarCalc):59,34,76,1');
    renameSync(join(dir, 'edited.csv'), join(dir, 'edited-lo.csv'));
    const before = await list();
    for (const name of ['edited.xlsx', 'edited-lo.csv']) {
      const r = await ctx.value('roster.importCommit', {
        unitCode: UNIT.code,
        file: blob(name, readFileSync(join(dir, name))),
      });
      expect(r.rejected, name).toEqual([]);
      const expected = name.endsWith('.xlsx') ? { updated: 1, unchanged: 2 } : { updated: 0, unchanged: 3 };
      expect(r, name).toMatchObject({ imported: 0, rejectedRows: 0, ...expected });
    }
    const after = await list();
    expect(after.length).toBe(3);
    const duc = after.find((e) => e.fullName === 'Trần Văn Đức')!;
    expect(duc.salary).toBe(5_600_000);
    const untouched = (xs: typeof before) => xs.filter((e) => e.fullName !== 'Trần Văn Đức');
    expect(untouched(after)).toEqual(untouched(before));
  });

  it('LibreOffice saving a sheet as Windows-1252 CSV: names with "?" for letters refused by cell, never stored', async () => {
    loXlsx(dir, 'western', [
      {
        name: 'DS',
        rows: [
          { cells: ['Ho va ten', 'Ngay sinh', 'Gioi tinh', 'So CCCD'] },
          { cells: ['Nguyễn Văn Ánh', '15/05/1990', 'Nam', '001090000117'] },
          { cells: ['Tran Van Duc', '16/06/1991', 'Nam', '001091000118'] },
        ],
      },
    ]);
    // LibreOffice's CSV filter options: comma, double quote, character set 1 (Windows-1252), from line 1.
    libreOffice(dir, ['western.xlsx'], 'csv:Text - txt - csv (StarCalc):44,34,1,1');
    const bytes = readFileSync(join(dir, 'western.csv'));
    expect(bytes.toString('latin1')).toContain('Nguy?n V?n \xc1nh');
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('ds.csv', bytes) });
    expect(r.rejected.map((p) => p.code)).toEqual(['LOST_CHARACTERS']);
    expect((await list()).map((e) => e.fullName)).toEqual(['Tran Van Duc']);
  });
});
