import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { createTestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { fileBlob, SAIGON_UNIT as UNIT } from '../../support/units';
import { loOpenedCsv, loXlsx, SOFFICE } from '../../fixtures/roster/other-writers/lo';
import { CSV_DAY_FIRST } from '../../fixtures/roster/swapped-dates';

/**
 * A CSV opened in a spreadsheet program set to the other day/month order, then saved as .xlsx — what a clerk does
 * on a PC whose Windows is set to English (United States): the program turns every date whose two numbers are both
 * ≤ 12 into a date cell, read in ITS order, and leaves the rest as text. LibreOffice headless plays the program here
 * (its CSV filter with the locale 1033 en-US or 1066 vi-VN, as Excel takes Windows's). Before, the date cells were
 * imported with day and month swapped, without a word. Expected values worked out by hand.
 */
let dir: string;

beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  expect(existsSync(SOFFICE), 'LibreOffice (libreoffice-calc-nogui) is installed by .ci/run').toBe(true);
  dir = makeTempDir('kekhai-swapped-dates-');
});
afterAll(() => removeDir(dir));

const openedIn = (name: string, lines: string[], locale: 1033 | 1066) => loOpenedCsv(dir, name, lines, locale);

/** The birth-date column as LibreOffice stored it: a number for each date cell, the text for the others. */
function storedBirthDates(xlsx: string): (number | 'text')[] {
  const sheet = strFromU8(unzipSync(readFileSync(xlsx))['xl/worksheets/sheet1.xml']!);
  return [...sheet.matchAll(/<c r="B(\d+)"([^>]*)><v>([^<]*)<\/v><\/c>/g)]
    .filter((m) => m[1] !== '1')
    .map((m) => (m[2]!.includes('t="s"') ? 'text' : Number(m[3])));
}

async function importInto(name: string, file: string) {
  const data = join(dir, name);
  expect((await runCli([...unitAddArgs(UNIT), '--json'], { data })).code).toBe(0);
  const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json'], { data });
  const list = await runCli(['roster', 'list', '--unit', UNIT.code, '--json'], { data });
  const people = (list.json as { items: { fullName: string; birthDate: string }[] }).items
    .map((e) => `${e.fullName} ${e.birthDate}`)
    .sort();
  return { r, people };
}

describe('date cells a program swapped when it opened a CSV', () => {
  it('a dd/mm CSV opened in en-US: the swapped date cells are refused naming row, column and the likely date', async () => {
    const file = openedIn('en-us', CSV_DAY_FIRST, 1033);
    // What LibreOffice made of the dates (serials: 32875 = 02/01/1990, 33760 = 05/05/1992, 34650 = 12/11/1994).
    expect(storedBirthDates(file)).toEqual([32875, 'text', 33729, 'text', 34650]);

    const { r, people } = await importInto('en-us', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ imported: 3, rejectedRows: 2, totalRows: 5 });
    const rejected = (r.json as { rejected: { row: number; column: string; code: string; message: string }[] })
      .rejected;
    expect(rejected.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'Ngày sinh', 'DATE_SWAPPED'],
      [6, 'Ngày sinh', 'DATE_SWAPPED'],
    ]);
    expect(rejected[0]!.message).toBe(
      'Dòng 2, cột "Ngày sinh": ô ngày 02/01/1990 có thể đã bị đảo ngày và tháng (có lẽ là 01/02/1990): trong các cột ngày của tệp, các ngày chỉ đọc được theo một thứ tự vẫn là chữ (như "15/04/1991") còn mọi ngày khác đều thành ô ngày có ngày ≤ 12 — dấu hiệu ngày đã được gõ, hoặc tệp CSV đã được mở, trong Excel (hay chương trình khác) đặt thứ tự ngày/tháng ngược với tệp. Hãy gõ lại ô này dạng chữ, ví dụ 01/02/1990 (dd/mm/yyyy), hoặc nhập thẳng tệp CSV gốc nếu có',
    );
    expect(rejected[1]!.message).toContain('ô ngày 12/11/1994 có thể đã bị đảo ngày và tháng (có lẽ là 11/12/1994)');
    // Nothing swapped is stored; 05/05/1992 reads the same both ways.
    expect(people).toEqual(['Lê Văn Cường 05/05/1992', 'Phạm Thị Dung 28/02/1993', 'Trần Thị Bình 15/04/1991']);

    // The advice works: the original CSV imports everyone with the dates as typed.
    const original = await importInto('en-us-original', join(dir, 'en-us.csv'));
    expect(original.r.json).toMatchObject({ imported: 5, rejectedRows: 0 });
    expect(original.people).toEqual([
      'Hoàng Văn Em 11/12/1994',
      'Lê Văn Cường 05/05/1992',
      'Nguyễn Văn An 01/02/1990',
      'Phạm Thị Dung 28/02/1993',
      'Trần Thị Bình 15/04/1991',
    ]);
  });

  it('the same CSV opened in vi-VN: every date is a correct date cell and nothing is refused', async () => {
    const file = openedIn('vi-vn', CSV_DAY_FIRST, 1066);
    expect(storedBirthDates(file)).toEqual([32905, 33343, 33729, 34028, 34679]);
    const { r, people } = await importInto('vi-vn', file);
    expect(r.json).toMatchObject({ imported: 5, rejectedRows: 0, rejected: [] });
    expect(people).toContain('Nguyễn Văn An 01/02/1990');
    expect(people).toContain('Hoàng Văn Em 11/12/1994');
  });

  it('the mirror: an m/d CSV (Excel en-US) opened in vi-VN — text read month first, the date cells refused', async () => {
    const csv = [
      'Họ và tên,Ngày sinh,Giới tính',
      'Nguyễn Văn An,3/15/1990,Nam', // no month 15 day-first: stays text
      'Trần Thị Bình,3/1/1991,Nữ', // vi-VN: 3 January 1991; meant 1 March
    ];
    const file = openedIn('mirror', csv, 1066);
    expect(storedBirthDates(file)).toEqual(['text', 33241]);
    const { r, people } = await importInto('mirror', file);
    expect(r.json).toMatchObject({
      imported: 1,
      rejectedRows: 1,
      warnings: [{ code: 'DATE_ORDER' }],
      rejected: [{ row: 3, column: 'Ngày sinh', code: 'DATE_SWAPPED' }],
    });
    const message = (r.json as { rejected: { message: string }[] }).rejected[0]!.message;
    expect(message).toContain('ô ngày 03/01/1991 có thể đã bị đảo ngày và tháng (có lẽ là 01/03/1991)');
    expect(message).toContain('(như "3/15/1990")');
    // Typed again as text it is read month first, like the file's other dates.
    expect(message).toContain('ví dụ 03/01/1991 (m/d/yyyy như các ngày khác của tệp)');
    expect(people).toEqual(['Nguyễn Văn An 15/03/1990']);
  });

  it('not the mark: birth dates kept as text beside contract starts as date cells on the 1st (LibreOffice)', async () => {
    // Both kinds in the file, but never in one column: a clerk's own choice of formats, read as written.
    const file = loXlsx(dir, 'own-formats', [
      {
        name: 'DS',
        rows: [
          { cells: ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Ngày bắt đầu hợp đồng'] },
          { cells: ['Nguyễn Văn An', '15/04/1991', 'Nam', { date: '2024-03-01' }] },
          { cells: ['Trần Thị Bình', '28/02/1993', 'Nữ', { date: '2025-07-01' }] },
        ],
      },
    ]);
    const { r, people } = await importInto('own-formats', file);
    expect(r.json).toMatchObject({ imported: 2, rejectedRows: 0, rejected: [] });
    expect(people).toEqual(['Nguyễn Văn An 15/04/1991', 'Trần Thị Bình 28/02/1993']);
  });

  it('through roster.importPreview: the refusals are shown before anything is written', async () => {
    const ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    try {
      await ctx.value('unit.add', UNIT);
      const file = fileBlob('Danh sach.xlsx', readFileSync(join(dir, 'en-us.xlsx')));
      const preview = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file });
      expect(preview).toMatchObject({ totalRows: 5, toInsert: 3, rejectedRows: 2 });
      expect(preview.problems.map((p) => [p.row, p.code])).toEqual([
        [2, 'DATE_SWAPPED'],
        [6, 'DATE_SWAPPED'],
      ]);
      expect(preview.problems[0]!.messageEn).toContain(
        'the date cell 02/01/1990 may have its day and month swapped (01/02/1990?)',
      );
    } finally {
      ctx.close();
    }
  });
});
