import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT as UNIT } from '../../support/units';
import { DEBIAN_PYTHON, pythonWriters } from '../../fixtures/roster/other-writers/lo';

/**
 * The roster import against .xlsx files XlsxWriter and openpyxl wrote (tests/fixtures/roster/other-writers/
 * python-writers.py, Debian's packages): rows Excel hides — an AutoFilter, a collapsed outline group — are named and,
 * when the clerk asks, left out; what exports carry besides the rows (a hidden sheet, a table, comments, rich text,
 * validations, links, a formula total) is no obstacle; openpyxl's inline strings, dates with a time of day and
 * identifiers typed as numbers. Built CLI; expected values worked out by hand from the script.
 */
const NOW = ['--now', '2026-01-15T03:00:00Z'];
let dir: string;

beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  expect(existsSync(DEBIAN_PYTHON), 'python3-xlsxwriter and python3-openpyxl are installed by .ci/run').toBe(true);
  dir = makeTempDir('kekhai-other-writers-py-');
  pythonWriters(dir);
});
afterAll(() => removeDir(dir));

async function freshData(name: string): Promise<string> {
  const data = join(dir, `data-${name}`);
  const r = await runCli([...unitAddArgs(UNIT), '--json'], { data });
  expect(r.code, r.stderr).toBe(0);
  return data;
}

const importFile = (data: string, name: string, ...flags: string[]) =>
  runCli(['roster', 'import', join(dir, name), '--unit', UNIT.code, '--json', ...flags, ...NOW], { data });

async function roster(data: string): Promise<Record<string, unknown>[]> {
  const r = await runCli(['roster', 'list', '--unit', UNIT.code, '--json'], { data });
  expect(r.code, r.stderr).toBe(0);
  return (r.json.items as Record<string, unknown>[]).sort((a, b) =>
    String(a.fullName).localeCompare(String(b.fullName), 'vi'),
  );
}

const KEYS = ['fullName', 'insuranceNumber', 'birthDate', 'gender', 'cccd'] as const;
const pick = (e: Record<string, unknown>) => Object.fromEntries(KEYS.map((k) => [k, e[k]]));
const names = async (data: string) => (await roster(data)).map((e) => e.fullName);

/** The first 10 hidden rows are listed, the rest counted (row = the sheet's number: person i is on row i + 1). */
const FILTER_HIDDEN = 'các dòng 3, 5, 7, 9, 11, 13, 15, 17, 19, 21… (12 dòng) đang bị ẩn trong Excel';
/** Person i's name in python-writers.py (its GIVEN list, as far as the tests need it). */
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Đức', 'Giang', 'Hải', 'Hoa', 'Khánh', 'Lan', 'Minh', 'Ngọc', 'Phúc'];
const NAME = (i: number) => `${i % 2 === 0 ? 'Trần Thị' : 'Nguyễn Văn'} ${GIVEN[i - 1]}`;
/** Odd people still work: what the AutoFilter shows. */
const WORKING = ['An', 'Cường', 'Đức', 'Hải', 'Khánh', 'Minh', 'Phúc', 'Sơn', 'Tuấn', 'Việt', 'Yến', 'Châu'].map(
  (n) => `Nguyễn Văn ${n}`,
);

describe('roster import of .xlsx files XlsxWriter and openpyxl wrote', () => {
  it('an AutoFilter showing only who still works: the 12 rows it hides are imported, named in one warning', async () => {
    const data = await freshData('filtered');
    const r = await importFile(data, 'xlsxwriter-filtered.xlsx');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 24, imported: 24, rejectedRows: 0, rejected: [], hiddenRows: 12 });
    expect(r.json.warnings).toEqual([
      {
        row: 3,
        column: 'Họ và tên',
        code: 'HIDDEN_ROWS',
        message: `Dòng 3, cột "Họ và tên": ${FILTER_HIDDEN} (ẩn dòng, bộ lọc hoặc nhóm dòng thu gọn) nhưng vẫn được nhập như mọi dòng khác: nếu đó là người đã nghỉ việc hoặc không cần nhập, hãy chọn «Bỏ qua các dòng ẩn» (kekhai: --skip-hidden-rows)`,
      },
    ]);
    expect(await names(data)).toHaveLength(24);
  });

  it('the same file with --skip-hidden-rows: only the 12 rows the filter shows are imported', async () => {
    const data = await freshData('filtered-skip');
    const dry = await importFile(data, 'xlsxwriter-filtered.xlsx', '--skip-hidden-rows', '--dry-run');
    expect(dry.json).toMatchObject({ totalRows: 12, imported: 12, rejectedRows: 0, hiddenRows: 12 });
    expect(await roster(data)).toEqual([]);
    const r = await importFile(data, 'xlsxwriter-filtered.xlsx', '--skip-hidden-rows');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 12, imported: 12, updated: 0, unchanged: 0, rejectedRows: 0 });
    expect(r.json.warnings).toEqual([
      {
        row: 3,
        column: 'Họ và tên',
        code: 'HIDDEN_ROWS',
        message: `Dòng 3, cột "Họ và tên": ${FILTER_HIDDEN} (ẩn dòng, bộ lọc hoặc nhóm dòng thu gọn): không nhập, theo lựa chọn bỏ qua các dòng ẩn`,
      },
    ]);
    const stored = await roster(data);
    expect(stored.map((e) => e.fullName).sort((a, b) => String(a).localeCompare(String(b), 'vi'))).toEqual(
      [...WORKING].sort((a, b) => a.localeCompare(b, 'vi')),
    );
    // Person 1 as the script writes them: mã số 79 + 00000001, born 02/02/1981, CCCD 079 0 81 000001.
    expect(pick(stored.find((e) => e.fullName === 'Nguyễn Văn An')!)).toEqual({
      fullName: 'Nguyễn Văn An',
      insuranceNumber: '7900000001',
      birthDate: '02/02/1981',
      gender: 'M',
      cccd: '079081000001',
    });
    // Without the flag the human output names the rows under the counts.
    const human = await runCli(
      ['roster', 'import', join(dir, 'xlsxwriter-filtered.xlsx'), '--unit', UNIT.code, '--dry-run', ...NOW],
      { data },
    );
    expect(human.stdout).toMatch(
      /^Chạy thử, chưa ghi gì: sẽ nhập 12, cập nhật 0, 0 lỗi\n24 dòng: 12 thêm mới, 0 cập nhật, 12 không thay đổi/,
    );
    expect(human.stdout).toContain(`\n  ! Dòng 3, cột "Họ và tên": ${FILTER_HIDDEN}`);
  });

  it('a collapsed outline group: its rows are hidden rows too', async () => {
    const data = await freshData('outline');
    const r = await importFile(data, 'xlsxwriter-outline.xlsx', '--skip-hidden-rows');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0, hiddenRows: 2 });
    expect(r.json.warnings[0].message).toBe(
      'Dòng 3, cột "Họ và tên": các dòng 3, 4 đang bị ẩn trong Excel (ẩn dòng, bộ lọc hoặc nhóm dòng thu gọn): không nhập, theo lựa chọn bỏ qua các dòng ẩn',
    );
    expect(await names(data)).toEqual(['Nguyễn Văn An', 'Trần Thị Dung']);
  });

  it('an export with a hidden sheet, a cover sheet, a table, rich text, a comment, links and a formula total', async () => {
    const data = await freshData('sink');
    const r = await importFile(data, 'xlsxwriter-sink.xlsx');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // The table's sheet is read (not the hidden one, not the cover); the total row of one formula is no person.
    expect(r.json).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0, rejected: [] });
    expect(r.json.warnings).toBeUndefined();
    expect(r.json.hiddenRows).toBeUndefined();
    const stored = await roster(data);
    expect(stored.map((e) => ({ ...pick(e), jobTitle: e.jobTitle, salary: e.salary }))).toEqual([
      {
        fullName: 'Nguyễn Văn Bảo', // written as three rich-text runs
        insuranceNumber: '0123456789',
        birthDate: '01/02/1990',
        gender: 'M',
        cccd: '001090000901',
        jobTitle: 'Kế toán & Thủ quỹ',
        salary: 7500000,
      },
      {
        fullName: 'Trần Thị Cúc',
        insuranceNumber: '0123456790',
        birthDate: '03/04/1991',
        gender: 'F',
        cccd: '001191000902',
        jobTitle: 'Tổ "May 1" <A>',
        salary: 5200000,
      },
    ]);
  });

  it('a hand-kept list\'s status words: the short forms clerks type are read; "Nghỉ" alone is refused, saying what to write', async () => {
    const data = await freshData('status');
    const r = await importFile(data, 'openpyxl-status.xlsx');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 13, imported: 12, rejectedRows: 1 });
    expect(r.json.rejected).toEqual([
      {
        row: 13,
        column: 'Tình trạng',
        code: 'STATUS',
        message:
          'Dòng 13, cột "Tình trạng": "Nghỉ" không phải trạng thái hợp lệ (ghi một trong: Đang làm việc, Nghỉ ốm, Nghỉ thai sản, Nghỉ không lương, Đã nghỉ việc)',
      },
    ]);
    const byName = new Map((await roster(data)).map((e) => [e.fullName, e.status]));
    // Person i is on row i + 1 with the i-th word of the script's list; an empty cell is "working".
    expect(Array.from({ length: 13 }, (_, i) => byName.get(NAME(i + 1)))).toEqual([
      'working', // Đang làm
      'working', // làm việc
      'working', // Còn làm
      'working', // ĐANG CÔNG TÁC
      'sick', // Ốm đau
      'maternity', // Nghỉ sinh
      'unpaid', // nghỉ không hưởng lương
      'left', // Đã nghỉ
      'left', // Thôi việc
      'left', // Nghỉ hưu
      'left', // Đã nghỉ việc
      undefined, // Nghỉ: refused
      'working', // (empty)
    ]);
    // The roster exported by the app (its own labels) reads back with the same statuses.
    const out = join(dir, 'status-export.xlsx');
    const exported = await runCli(['roster', 'export', '--unit', UNIT.code, '--out', out], { data });
    expect(exported.code, exported.stderr).toBe(0);
    const back = await freshData('status-back');
    const again = await runCli(['roster', 'import', out, '--unit', UNIT.code, '--json', ...NOW], { data: back });
    expect(again.json).toMatchObject({ totalRows: 12, imported: 12, rejectedRows: 0 });
    expect(new Map((await roster(back)).map((e) => [e.fullName, e.status]))).toEqual(byName);
  });

  it('openpyxl: inline strings under a title, a date with a time of day, identifiers typed as numbers', async () => {
    const data = await freshData('openpyxl');
    const r = await importFile(data, 'openpyxl-title.xlsx');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0, rejected: [] });
    expect((await roster(data)).map(pick)).toEqual([
      // 23:59:59 on 31/12/1985 is still that day; 123456789 and 1085000903 lost their leading zeros in Excel.
      {
        fullName: 'Lê Hoàng Anh',
        insuranceNumber: '0123456789',
        birthDate: '31/12/1985',
        gender: 'M',
        cccd: '001085000903',
      },
      {
        fullName: 'Phạm Thị Dung',
        insuranceNumber: '7912345678',
        birthDate: '05/06/1992',
        gender: 'F',
        cccd: '079192000904',
      },
    ]);
  });

  it('openpyxl with iso_dates: t="d" ISO dates (one at 23:00) and character references for every accented letter', async () => {
    const data = await freshData('iso-dates');
    const r = await importFile(data, 'openpyxl-iso-dates.xlsx');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0, rejected: [] });
    expect((await roster(data)).map((e) => [e.fullName, e.birthDate, e.gender, e.cccd, e.contractStart])).toEqual([
      ['Nguyễn Văn Bảo', '01/02/1990', 'M', '001090000901', '01/03/2024'],
      ['Trần Thị Cúc', '03/04/1991', 'F', '001191000902', '02/01/2025'],
    ]);
  });

  it('two columns under one header ("Mã số BHXH" twice, the first hidden): both can be chosen, and the one read is said', async () => {
    const data = await freshData('twins');
    const numbers = async () => (await roster(data)).map((e) => e.insuranceNumber);
    const warning = (read: string, other: string) =>
      `Dòng 1, cột "${read === 'D' ? 'Mã số BHXH' : 'Mã số BHXH (2)'}": dòng tiêu đề có 2 cột "Mã số BHXH" (cột D, E): đọc cột ${read}; nếu cần cột khác, hãy chọn "${other}" ở bước ghép cột (dòng lệnh: --mapping)`;
    // Found by the recogniser: the first column, as before — now said, with the other's name.
    const dry = await importFile(data, 'xlsxwriter-twin-columns.xlsx', '--dry-run');
    expect(dry.code, dry.stdout + dry.stderr).toBe(0);
    expect(dry.json.warnings).toEqual([
      { row: 1, column: 'Mã số BHXH', code: 'TWIN_COLUMNS', message: warning('D', 'Mã số BHXH (2)') },
    ]);
    // The clerk names the second column: its numbers are stored.
    const mapping = join(dir, 'twins-mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        fullName: 'Họ và tên',
        birthDate: 'Ngày sinh',
        gender: 'Giới tính',
        insuranceNumber: 'Mã số BHXH (2)',
      }),
    );
    const r = await importFile(data, 'xlsxwriter-twin-columns.xlsx', '--mapping', mapping);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0 });
    expect(r.json.warnings).toEqual([
      { row: 1, column: 'Mã số BHXH (2)', code: 'TWIN_COLUMNS', message: warning('E', 'Mã số BHXH') },
    ]);
    expect(await numbers()).toEqual(['7900000001', '7900000002']);
  });
});
