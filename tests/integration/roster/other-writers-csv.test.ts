import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT as UNIT } from '../../support/units';
import { libreOffice, loXlsx, python, SOFFICE } from '../../fixtures/roster/other-writers/lo';
import { readXlsx } from '../../../electron/roster/read-xlsx';

/**
 * Case 4: CSV files LibreOffice saved (Windows-1258, the "CSV" of Vietnamese Windows, with its combining tone
 * marks; UTF-16 with BOM, tab-separated, Excel's "Unicode Text") from a sheet with a cell holding the delimiter and a
 * line break; one Python's csv module wrote (quotes, CRLF); and one with a NUL byte inside a name.
 */
const NOW = ['--now', '2026-01-15T03:00:00Z'];
const MAKE = join(process.cwd(), 'tests/fixtures/roster/other-writers/make-inputs.py');
let dir: string;

const PEOPLE = [
  {
    fullName: 'Hồ Văn Đạt',
    birthDate: '03/04/1991',
    gender: 'M',
    cccd: '001091000012',
    address: 'Hà Nội',
  },
  {
    fullName: 'Huỳnh Thị Mỹ Duyên',
    birthDate: '05/06/1992',
    gender: 'F',
    cccd: '079192000013',
    address: 'Quận 1, TP. Hồ Chí Minh',
  },
  {
    fullName: 'Nguyễn Thị Ánh',
    birthDate: '01/02/1990',
    gender: 'F',
    cccd: '001190000011',
    // The line break inside the cell is white space in an address (cleanText).
    address: 'Số 5, ngõ 12 phường Láng Hạ, Đống Đa',
  },
];

beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  expect(existsSync(SOFFICE), 'LibreOffice (libreoffice-calc-nogui) is installed by .ci/run').toBe(true);
  dir = makeTempDir('kekhai-other-writers-csv-');
  python(readFileSync(MAKE, 'utf8'), [dir]);
  loXlsx(dir, 'src', [
    {
      name: 'DS',
      rows: [
        { cells: ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Địa chỉ'] },
        {
          cells: [
            'Nguyễn Thị Ánh',
            '01/02/1990',
            'Nữ',
            '001190000011',
            { text: ['Số 5, ngõ 12', 'phường Láng Hạ, Đống Đa'] },
          ],
        },
        { cells: ['Hồ Văn Đạt', '03/04/1991', 'Nam', '001091000012', 'Hà Nội'] },
        { cells: ['Huỳnh Thị Mỹ Duyên', '05/06/1992', 'Nữ', '079192000013', 'Quận 1, TP. Hồ Chí Minh'] },
      ],
    },
  ]);
  // LibreOffice's CSV filter options: delimiter, quote, character set (40 = Windows-1258, 65535 = UTF-16), line 1.
  for (const [name, options] of [
    ['cp1258', '44,34,40,1'],
    ['utf16', '9,34,65535,1'],
  ] as const) {
    libreOffice(dir, ['src.xlsx'], `csv:Text - txt - csv (StarCalc):${options}`);
    renameSync(join(dir, 'src.csv'), join(dir, `${name}.csv`));
  }
});
afterAll(() => removeDir(dir));

async function importCsv(name: string) {
  const data = join(dir, `data-${name}`);
  const add = await runCli([...unitAddArgs(UNIT), '--json'], { data });
  expect(add.code, add.stderr).toBe(0);
  const errorsOut = join(data, 'dong-bi-tu-choi.xlsx');
  const r = await runCli(
    ['roster', 'import', join(dir, name), '--unit', UNIT.code, '--errors', errorsOut, '--json', ...NOW],
    { data },
  );
  /** The error workbook's rows (header, then each rejected row with its number and reason), when one was written. */
  const errorRows = () => readXlsx(readFileSync(errorsOut)).rows.map((x) => x.cells);
  const list = await runCli(['roster', 'list', '--unit', UNIT.code, '--json'], { data });
  const items = list.json.items as Record<string, string>[];
  const people = items
    .map(({ fullName, birthDate, gender, cccd, address }) => ({ fullName, birthDate, gender, cccd, address }))
    .sort((a, b) => a.fullName!.localeCompare(b.fullName!, 'vi'));
  return { r, people, items, errorRows };
}

describe('roster import of CSV files other programs wrote', () => {
  it('Windows-1258 from LibreOffice (decomposed tone marks, a quoted cell with comma and line break)', async () => {
    const bytes = readFileSync(join(dir, 'cp1258.csv'));
    // Really Windows-1258: "Họ" is o + 0xF2 (combining dot below), and no UTF-8 sequence anywhere.
    expect(bytes.includes(Buffer.from([0x6f, 0xf2]))).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { r, people } = await importCsv('cp1258.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 3, imported: 3, updated: 0, unchanged: 0, rejectedRows: 0 });
    expect(people).toEqual(PEOPLE);
    expect(people.every((p) => p.fullName === p.fullName!.normalize('NFC'))).toBe(true);
  });

  it('UTF-16 with BOM, tab-separated, from LibreOffice', async () => {
    const bytes = readFileSync(join(dir, 'utf16.csv'));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.includes(Buffer.from('\t', 'utf16le'))).toBe(true);
    const { r, people } = await importCsv('utf16.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 3, imported: 3, rejectedRows: 0 });
    expect(people).toEqual(PEOPLE);
  });

  it("Python's csv module: a quoted field with the delimiter, doubled quotes and a line break; CRLF", async () => {
    const { r, people } = await importCsv('quoted.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0 });
    expect(people).toEqual([
      {
        fullName: 'Nguyễn Văn Bảo',
        birthDate: '01/02/1990',
        gender: 'M',
        cccd: '001090000901',
        address: 'Số 5, ngõ 12 phường Láng Hạ, "nhà A"',
      },
      { fullName: 'Trần Thị Cúc', birthDate: '03/04/1991', gender: 'F', cccd: '001191000902', address: 'Hà Nội' },
    ]);
  });

  it('dates with a time of day as other programs export them; a time that is none is refused', async () => {
    const { r, items } = await importCsv('datetimes.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 4, imported: 3, rejectedRows: 1 });
    expect(r.json.rejected.map((p: { message: string }) => p.message)).toEqual([
      'Dòng 5, cột "Ngày sinh": "15/03/1990 25:00" không phải ngày hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy)',
    ]);
    const got = items
      .map(({ fullName, birthDate, contractStart }) => ({ fullName, birthDate, contractStart }))
      .sort((a, b) => a.fullName!.localeCompare(b.fullName!, 'vi'));
    expect(got).toEqual([
      { fullName: 'Lê Văn Dũng', birthDate: '05/06/1992', contractStart: '02/08/2022' },
      { fullName: 'Nguyễn Văn Bảo', birthDate: '15/03/1990', contractStart: '01/06/2020' },
      { fullName: 'Trần Thị Cúc', birthDate: '03/04/1991', contractStart: '01/07/2021' },
    ]);
  });

  it('identifiers Excel saved in scientific notation are refused saying why (the digits are lost)', async () => {
    const { r, people } = await importCsv('scientific.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 3, imported: 1, rejectedRows: 2 });
    expect(r.json.rejected.map((p: { message: string }) => p.message)).toEqual([
      'Dòng 2, cột "Số CCCD": "1,09E+11" là số đã bị đổi sang dạng số mũ khi lưu, các chữ số đã mất: hãy định dạng cột là Văn bản (Text) rồi nhập lại',
      'Dòng 3, cột "Mã số BHXH": "1.01E+08" là số đã bị đổi sang dạng số mũ khi lưu, các chữ số đã mất: hãy định dạng cột là Văn bản (Text) rồi nhập lại',
    ]);
    expect(people.map((p) => p.fullName)).toEqual(['Lê Văn Dũng']);
  });

  it("an HR program's export: each field takes the column that names it exactly, not the first one that starts like it", async () => {
    const { r, items } = await importCsv('hr-export.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0, rejected: [] });
    const got = items
      .map(({ fullName, insuranceNumber, birthDate, email, address, salary }) => ({
        fullName,
        insuranceNumber,
        birthDate,
        email,
        address,
        salary,
      }))
      .sort((a, b) => a.fullName!.localeCompare(b.fullName!, 'vi'));
    expect(got).toEqual([
      {
        fullName: 'Nguyễn Văn Bảo',
        insuranceNumber: '0101000901',
        birthDate: '01/02/1990',
        email: 'bao@congty.vn',
        address: '',
        salary: 5310000,
      },
      {
        fullName: 'Trần Thị Cúc',
        insuranceNumber: '0101000902',
        birthDate: '03/04/1991',
        email: 'cuc@congty.vn',
        address: '',
        salary: 6000000,
      },
    ]);
  });

  it('rows are numbered as a spreadsheet shows the file: a cell with line breaks is one row', async () => {
    const { r } = await importCsv('multiline-error.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 1, rejectedRows: 1 });
    expect(r.json.rejected.map((p: { message: string }) => p.message)).toEqual([
      'Dòng 3, cột "Giới tính": "X" không phải giới tính (Nam/Nữ)',
    ]);
  });

  it('a quote opened and never closed: that row is refused saying the rest of the file went into its cell', async () => {
    const { r, people, errorRows } = await importCsv('unclosed-quote.csv');
    expect(r.code, r.stderr).toBe(0);
    // Python's csv module, the other reader of this RFC 4180 file, makes the same two records of it.
    const records = python(
      'import csv,sys,json; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))))',
      [join(dir, 'unclosed-quote.csv')],
    );
    expect(JSON.parse(records)).toEqual([
      ['Họ và tên', 'Ngày sinh', 'Giới tính'],
      ['Nguyễn Văn Bảo', '01/02/1990', 'Nam'],
      ['Trần Thị Cúc,03/04/1991,Nữ\r\nLê Văn Dũng,05/06/1992,Nam\r\n'],
    ]);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 1, rejectedRows: 1 });
    expect(r.json.rejected).toEqual([
      {
        row: 3,
        column: 'Họ và tên',
        code: 'UNCLOSED_QUOTE',
        message:
          'Dòng 3, cột "Họ và tên": ô mở bằng dấu ngoặc kép (") không có dấu đóng: 1 dòng còn lại của tệp bị đọc vào ô này — hãy thêm dấu " đóng ô hoặc bỏ dấu " mở rồi nhập lại',
      },
    ]);
    expect(people.map((p) => p.fullName)).toEqual(['Nguyễn Văn Bảo']);
    // The error workbook keeps the row with what went into its cell, for the clerk to see and correct.
    expect(errorRows()).toEqual([
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Dòng trong tệp', 'Lý do'],
      [
        'Trần Thị Cúc,03/04/1991,Nữ\r\nLê Văn Dũng,05/06/1992,Nam\r\n',
        null,
        null,
        3,
        'Dòng 3, cột "Họ và tên": ô mở bằng dấu ngoặc kép (") không có dấu đóng: 1 dòng còn lại của tệp bị đọc vào ô này — hãy thêm dấu " đóng ô hoặc bỏ dấu " mở rồi nhập lại',
      ],
    ]);
  });

  it('a NUL byte inside a name: that row is refused naming row, column and byte; the others import', async () => {
    const { r, people, errorRows } = await importCsv('nul.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 1, rejectedRows: 1 });
    expect(r.json.rejected).toEqual([
      {
        row: 2,
        column: 'Họ và tên',
        code: 'ENCODING',
        message: 'Dòng 2, cột "Họ và tên": byte 0x00 không phải văn bản hợp lệ trong bảng mã của tệp',
      },
    ]);
    expect(people.map((p) => p.fullName)).toEqual(['Trần Thị Cúc']);
    // The row is in the error workbook with the cells that could be read and the reason (it was left out).
    const rows = errorRows();
    expect(rows[0]).toEqual(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Dòng trong tệp', 'Lý do']);
    expect(rows.slice(1)).toEqual([
      [
        null,
        '01/02/1990',
        'Nam',
        '001090000901',
        2,
        'Dòng 2, cột "Họ và tên": byte 0x00 không phải văn bản hợp lệ trong bảng mã của tệp',
      ],
    ]);
  });
});
