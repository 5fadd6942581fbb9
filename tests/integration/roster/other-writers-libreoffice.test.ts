import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { createTestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { fileBlob, SAIGON_UNIT as UNIT } from '../../support/units';
import { libreOffice, loXlsx, SOFFICE, type FodsRow } from '../../fixtures/roster/other-writers/lo';

/**
 * The roster import against .xlsx files LibreOffice wrote (from flat-ODS sources made here): the data on a second
 * sheet under a title and a two-line merged header, hidden rows, merged and formula cells; dates as real date cells,
 * as text in d/m/yyyy and dd-mm-yyyy, years, and before 1900; numbers stored as text, a CCCD that lost its leading
 * zeros, spaced and non-breaking-spaced identifiers, grouped and worded salaries, line breaks and NFD text; "&", "<"
 * and quotes, which LibreOffice writes as XML escapes.
 * Built CLI (`npm run build`) and the methods through the dispatcher; expected values worked out by hand.
 */
const NOW = ['--now', '2026-01-15T03:00:00Z'];
let dir: string;

beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  expect(existsSync(SOFFICE), 'LibreOffice (libreoffice-calc-nogui) is installed by .ci/run').toBe(true);
  dir = makeTempDir('kekhai-other-writers-lo-');
});
afterAll(() => removeDir(dir));

/** A fresh data folder with the unit registered. */
async function freshData(name: string): Promise<string> {
  const data = join(dir, name);
  const r = await runCli([...unitAddArgs(UNIT), '--json'], { data });
  expect(r.code, r.stderr).toBe(0);
  return data;
}

async function roster(data: string): Promise<Record<string, unknown>[]> {
  const r = await runCli(['roster', 'list', '--unit', UNIT.code, '--json'], { data });
  expect(r.code, r.stderr).toBe(0);
  return (r.json.items as Record<string, unknown>[]).sort((a, b) =>
    String(a.fullName).localeCompare(String(b.fullName), 'vi'),
  );
}

const pick = (e: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, e[k]]));
const STT = (n: number) => ({ formula: 'of:=ROW()-3', value: n });

/** Case 1: instructions on sheet 1; on sheet 2 a merged title, a two-line merged header (rows 2–3), then data. */
function case1Rows(salaryOfAn: number): FodsRow[] {
  return [
    {
      cells: [
        { merge: [1, 8], value: 'DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT' },
        ...Array<'covered'>(7).fill('covered'),
      ],
    },
    {
      cells: [
        { merge: [2, 1], value: 'STT' },
        { merge: [2, 1], value: 'Họ và tên' },
        { merge: [2, 1], value: 'Ngày sinh' },
        { merge: [2, 1], value: 'Giới tính' },
        { merge: [1, 2], value: 'Giấy tờ tùy thân' },
        'covered',
        { merge: [2, 1], value: 'Tiền lương' },
        { merge: [2, 1], value: 'Chức vụ' },
      ],
    },
    { cells: ['covered', 'covered', 'covered', 'covered', 'Số CCCD', 'Mã số BHXH', 'covered', 'covered'] },
    {
      cells: [
        STT(1),
        'Nguyễn Văn An',
        { date: '1990-03-15' },
        'Nam',
        '001090000123',
        '0101234567',
        salaryOfAn,
        'Công nhân',
      ],
    },
    // Hidden, but data: a hidden row is still a person on the list — imported, with a warning naming it.
    {
      hidden: true,
      cells: [STT(2), 'Trần Thị Bình', { date: '1992-07-01' }, 'Nữ', '001192000456', '0101234568', 6000000, 'Kế toán'],
    },
    // "Chức vụ" merged over rows 6–7.
    {
      cells: [
        STT(3),
        'Lê Văn Cường',
        { date: '1985-12-31' },
        'Nam',
        '001085000789',
        '0101234569',
        5310000,
        { merge: [2, 1], value: 'Công nhân may' },
      ],
    },
    {
      cells: [STT(4), 'Phạm Thị Dung', { date: '1995-01-20' }, 'Nữ', '001195001234', '0101234570', 5310000, 'covered'],
    },
    // Only formulas (a template row with a running total): no person.
    {
      cells: [
        STT(5),
        { formula: 'of:=IF(1=0;"x";"")', value: '' },
        null,
        null,
        null,
        null,
        { formula: 'of:=SUM([.G4:.G7])', value: salaryOfAn + 16_930_000 },
        null,
      ],
    },
  ];
}

function case1(name: string, salaryOfAn = 5310000): string {
  return loXlsx(dir, name, [
    {
      name: 'Hướng dẫn',
      rows: [
        { cells: ['Hướng dẫn điền mẫu'] },
        { cells: ['Mỗi người lao động một dòng ở trang "Danh sách".'] },
        { cells: ['Ngày sinh ghi dd/mm/yyyy; giới tính ghi Nam hoặc Nữ.'] },
      ],
    },
    { name: 'Danh sách', rows: case1Rows(salaryOfAn) },
  ]);
}

const CASE1_PEOPLE = [
  {
    fullName: 'Lê Văn Cường',
    birthDate: '31/12/1985',
    gender: 'M',
    cccd: '001085000789',
    insuranceNumber: '0101234569',
    salary: 5310000,
    jobTitle: 'Công nhân may',
  },
  {
    fullName: 'Nguyễn Văn An',
    birthDate: '15/03/1990',
    gender: 'M',
    cccd: '001090000123',
    insuranceNumber: '0101234567',
    salary: 5310000,
    jobTitle: 'Công nhân',
  },
  // ECMA-376 Part 1 §18.3.1.55: a merged range's value is its top-left cell's; the covered H7 holds nothing.
  {
    fullName: 'Phạm Thị Dung',
    birthDate: '20/01/1995',
    gender: 'F',
    cccd: '001195001234',
    insuranceNumber: '0101234570',
    salary: 5310000,
    jobTitle: '',
  },
  {
    fullName: 'Trần Thị Bình',
    birthDate: '01/07/1992',
    gender: 'F',
    cccd: '001192000456',
    insuranceNumber: '0101234568',
    salary: 6000000,
    jobTitle: 'Kế toán',
  },
];
const KEYS = Object.keys(CASE1_PEOPLE[0]!);
const MERGE_WARNING = {
  row: 7,
  column: 'Chức vụ',
  code: 'MERGED_CELL',
  message: 'Dòng 7, cột "Chức vụ": ô nằm trong vùng gộp H6:H7, chỉ ô H6 có giá trị: ô này được đọc là trống',
};
/** LibreOffice writes the hidden row 5 as `<row r="5" … hidden="true">` (Excel writes "1"). */
const HIDDEN_WARNING = {
  row: 5,
  column: 'Họ và tên',
  code: 'HIDDEN_ROWS',
  message:
    'Dòng 5, cột "Họ và tên": dòng này đang bị ẩn trong Excel (ẩn dòng, bộ lọc hoặc nhóm dòng thu gọn) nhưng vẫn được nhập như mọi dòng khác: nếu đó là người đã nghỉ việc hoặc không cần nhập, hãy chọn «Bỏ qua các dòng ẩn» (kekhai: --skip-hidden-rows)',
};

describe('roster import of .xlsx files LibreOffice wrote', () => {
  it('case 1: data on the second sheet under a title and a two-line merged header; hidden, merged and formula rows', async () => {
    const file = case1('case1');
    const data = await freshData('case1');
    const dry = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--dry-run', '--json', ...NOW], { data });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json).toMatchObject({ totalRows: 4, imported: 4, updated: 0, unchanged: 0, rejectedRows: 0 });
    expect(await roster(data)).toEqual([]);

    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json', ...NOW], { data });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({
      totalRows: 4,
      imported: 4,
      updated: 0,
      unchanged: 0,
      rejectedRows: 0,
      rejected: [],
    });
    // The hidden row 5 is named; the merged "Chức vụ" H6:H7 leaves H7 empty: said, not guessed (the title's and
    // header's merges are no data).
    expect(r.json.warnings).toEqual([HIDDEN_WARNING, MERGE_WARNING]);
    expect(r.json.hiddenRows).toBe(1);
    expect((await roster(data)).map((e) => pick(e, KEYS))).toEqual(CASE1_PEOPLE);

    // Without --json the warning is listed under the counts.
    const human = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--dry-run', ...NOW], { data });
    expect(human.stdout).toContain(`\n  ! ${HIDDEN_WARNING.message}\n  ! ${MERGE_WARNING.message}`);
    // …and a dry run does not say "Đã nhập" (imported).
    expect(human.stdout).toMatch(
      /^Chạy thử, chưa ghi gì: sẽ nhập 0, cập nhật 0, 0 lỗi\n4 dòng: 0 thêm mới, 0 cập nhật, 4 không thay đổi/,
    );

    // The same file again changes nothing; An's salary changed → one update, three unchanged.
    const again = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json', ...NOW], { data });
    expect(again.json).toMatchObject({ totalRows: 4, imported: 0, updated: 0, unchanged: 4, rejectedRows: 0 });
    const raised = case1('case1-raised', 5600000);
    const up = await runCli(['roster', 'import', raised, '--unit', UNIT.code, '--json', ...NOW], { data });
    expect(up.json).toMatchObject({ totalRows: 4, imported: 0, updated: 1, unchanged: 3, rejectedRows: 0 });
    expect((await roster(data)).find((e) => e.fullName === 'Nguyễn Văn An')!.salary).toBe(5600000);
  });

  it('case 1 with --skip-hidden-rows: the row LibreOffice hides is left out, said, and the counts add up without it', async () => {
    const file = case1('case1-skip');
    const data = await freshData('case1-skip');
    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--skip-hidden-rows', '--json', ...NOW], {
      data,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({
      totalRows: 3,
      imported: 3,
      updated: 0,
      unchanged: 0,
      rejectedRows: 0,
      hiddenRows: 1,
    });
    expect(r.json.warnings).toEqual([
      {
        ...HIDDEN_WARNING,
        message:
          'Dòng 5, cột "Họ và tên": dòng này đang bị ẩn trong Excel (ẩn dòng, bộ lọc hoặc nhóm dòng thu gọn): không nhập, theo lựa chọn bỏ qua các dòng ẩn',
      },
      MERGE_WARNING,
    ]);
    expect((await roster(data)).map((e) => pick(e, KEYS))).toEqual(
      CASE1_PEOPLE.filter((p) => p.fullName !== 'Trần Thị Bình'),
    );
  });

  it('case 1 with --sheet and --header-row naming the first line of the two-line header', async () => {
    const file = case1('case1-flags');
    const data = await freshData('case1-flags');
    const r = await runCli(
      ['roster', 'import', file, '--unit', UNIT.code, '--sheet', 'danh sach', '--header-row', '2', '--json', ...NOW],
      { data },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 4, imported: 4, rejectedRows: 0, rejected: [] });
    expect((await roster(data)).map((e) => pick(e, KEYS))).toEqual(CASE1_PEOPLE);

    // The instructions sheet has no roster: named explicitly, the import says which columns it could not find.
    const wrong = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--sheet', 'Hướng dẫn', '--json'], {
      data,
    });
    expect(wrong.code).toBe(1);
    expect(wrong.json.error.code).toBe('MAPPING_INCOMPLETE');
    expect(wrong.json.error.message).toMatch(/^Chưa xác định được cột bắt buộc: Họ và tên, Ngày sinh, Giới tính\./);
  });

  it('case 1b: a sheet that copies its people from another sheet by formulas is data, its template rows are not', async () => {
    const ref = (cell: string, value: string) => ({ formula: `of:=['Nhập liệu'.${cell}]`, value });
    const file = loXlsx(dir, 'case1b', [
      {
        name: 'Nhập liệu',
        rows: [
          { cells: ['Tên', 'NS', 'GT'] },
          { cells: ['Nguyễn Văn An', '15/03/1990', 'Nam'] },
          { cells: ['Trần Thị Bình', '01/07/1992', 'Nữ'] },
          { cells: ['Phan Văn Cừ', '31/02/1990', 'Nam'] },
        ],
      },
      {
        name: 'Danh sách',
        rows: [
          { cells: ['DANH SÁCH LAO ĐỘNG'] },
          // Header lines broken inside the cell, with a hint in brackets.
          {
            cells: [
              { text: ['Họ và tên', '(viết hoa chữ cái đầu)'] },
              { text: ['Ngày sinh', '(dd/mm/yyyy)'] },
              'Giới tính',
              'STT',
            ],
          },
          { cells: [ref('A2', 'Nguyễn Văn An'), ref('B2', '15/03/1990'), ref('C2', 'Nam'), STT(1)] },
          { cells: [ref('A3', 'Trần Thị Bình'), ref('B3', '01/07/1992'), ref('C3', 'Nữ'), STT(2)] },
          // The template's next rows: a reference to an empty cell gives 0 (LibreOffice recalculates on load), or ""
          // through IF; STT a number.
          { cells: [ref('A4', 'Phan Văn Cừ'), ref('B4', '31/02/1990'), ref('C4', 'Nam'), STT(3)] },
          { cells: [ref('A5', ''), ref('B5', ''), ref('C5', ''), STT(4)] },
          {
            cells: [
              { formula: `of:=IF(['Nhập liệu'.A6]="";"";['Nhập liệu'.A6])`, value: '' },
              { formula: `of:=IF(['Nhập liệu'.B6]="";"";['Nhập liệu'.B6])`, value: '' },
              null,
              STT(5),
            ],
          },
        ],
      },
    ]);
    // The preview's sample shows people, not the template's rows.
    const ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    try {
      await ctx.value('unit.add', UNIT);
      const preview = await ctx.value('roster.importPreview', {
        unitCode: UNIT.code,
        file: fileBlob('b.xlsx', readFileSync(file)),
        sheet: 'Danh sách',
      });
      expect(preview.sample.map((r) => r['Họ và tên (viết hoa chữ cái đầu)'])).toEqual([
        'Nguyễn Văn An',
        'Trần Thị Bình',
        'Phan Văn Cừ',
      ]);
    } finally {
      ctx.close();
    }
    const data = await freshData('case1b');
    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--sheet', 'Danh sách', '--json', ...NOW], {
      data,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 3, imported: 2, rejectedRows: 1 });
    // The column as the header names it, on one line.
    expect(r.json.rejected.map((p: { message: string }) => p.message)).toEqual([
      'Dòng 5, cột "Ngày sinh (dd/mm/yyyy)": "31/02/1990" không phải ngày hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy)',
    ]);
    expect((await roster(data)).map((e) => pick(e, ['fullName', 'birthDate', 'gender']))).toEqual([
      { fullName: 'Nguyễn Văn An', birthDate: '15/03/1990', gender: 'M' },
      { fullName: 'Trần Thị Bình', birthDate: '01/07/1992', gender: 'F' },
    ]);
  });

  it("LibreOffice's own .ods is refused by name, not as a damaged Excel file", async () => {
    case1('case1-ods');
    libreOffice(dir, ['case1-ods.fods'], 'ods');
    const data = await freshData('ods');
    const r = await runCli(['roster', 'import', join(dir, 'case1-ods.ods'), '--unit', UNIT.code, '--json'], { data });
    expect(r.code).toBe(1);
    expect(r.json.error).toMatchObject({
      code: 'BAD_FILE',
      message: 'Tệp .ods (LibreOffice) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv',
    });
  });

  it('a web page (LibreOffice\'s HTML export) named .xls, as "export to Excel" buttons write it, is refused saying what it is', async () => {
    case1('case1-html');
    libreOffice(dir, ['case1-html.fods'], 'html');
    renameSync(join(dir, 'case1-html.html'), join(dir, 'case1-html.xls'));
    const data = await freshData('html');
    const r = await runCli(['roster', 'import', join(dir, 'case1-html.xls'), '--unit', UNIT.code, '--json'], { data });
    expect(r.code).toBe(1);
    expect(r.json.error).toMatchObject({
      code: 'BAD_FILE',
      message:
        'Tệp này là trang web (HTML) dù mang tên bảng tính — nhiều phần mềm "xuất Excel" ghi như vậy: hãy mở tệp bằng Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx), rồi nhập tệp .xlsx đó',
    });
  });

  it('case 1 through roster.importPreview and roster.importCommit', async () => {
    const bytes = readFileSync(case1('case1-methods'));
    const ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    try {
      await ctx.value('unit.add', UNIT);
      const file = fileBlob('Danh sach lao dong.xlsx', bytes);
      const preview = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file });
      expect(preview).toMatchObject({
        sheet: 'Danh sách',
        headerRow: 2,
        totalRows: 4,
        toInsert: 4,
        toUpdate: 0,
        rejectedRows: 0,
        problems: [],
        hiddenRows: 1,
        warnings: [
          { ...HIDDEN_WARNING, severity: 'warning' },
          { ...MERGE_WARNING, severity: 'warning' },
        ],
      });
      expect(preview.mapping).toMatchObject({ fullName: 'Họ và tên', birthDate: 'Ngày sinh', gender: 'Giới tính' });
      expect(preview.sample[0]).toMatchObject({ 'Họ và tên': 'Nguyễn Văn An', 'Ngày sinh': '15/03/1990' });
      expect(preview.sample.map((r) => r['Họ và tên'])).toContain('Trần Thị Bình');

      // The clerk ticks "skip hidden rows": the preview and the commit (the parsing thread's path) leave row 5 out.
      const skipping = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file, skipHiddenRows: true });
      expect(skipping).toMatchObject({ totalRows: 3, toInsert: 3, rejectedRows: 0, hiddenRows: 1 });
      expect(skipping.sample.map((r) => r['Họ và tên'])).toEqual(['Nguyễn Văn An', 'Lê Văn Cường', 'Phạm Thị Dung']);
      expect(skipping.warnings?.map((w) => w.code)).toEqual(['HIDDEN_ROWS', 'MERGED_CELL']);
      const done = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file, skipHiddenRows: true });
      expect(done).toMatchObject({
        imported: 3,
        updated: 0,
        unchanged: 0,
        rejectedRows: 0,
        rejected: [],
        hiddenRows: 1,
      });
      const list = await ctx.value('employee.list', { unitCode: UNIT.code });
      expect(list.items.map((e) => e.fullName).sort((x, y) => x.localeCompare(y, 'vi'))).toEqual([
        'Lê Văn Cường',
        'Nguyễn Văn An',
        'Phạm Thị Dung',
      ]);
      // Read again without skipping, the hidden row is the one new person; the others are unchanged.
      const again = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
      expect(again).toMatchObject({ totalRows: 4, imported: 1, unchanged: 3, rejectedRows: 0, hiddenRows: 1 });
      expect(again.warnings).toEqual([HIDDEN_WARNING, MERGE_WARNING]);
    } finally {
      ctx.close();
    }
  });

  it('case 2: real date cells, d/m/yyyy and dd-mm-yyyy text, years, dates before 1900', async () => {
    const H = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Ngày vào làm'];
    const file = loXlsx(dir, 'case2', [
      {
        name: 'DS',
        rows: [
          { cells: H },
          { cells: ['Đỗ Văn Em', { date: '1988-02-29' }, 'Nam', '001088000001', { date: '2020-06-01' }] },
          { cells: ['Hoàng Thị Giang', '5/3/1990', 'Nữ', '001190000002', '1/7/2021'] },
          { cells: ['Vũ Văn Hải', '05-03-1991', 'Nam', '001091000003', '01-08-2021'] },
          { cells: ['Bùi Thị Lan', 1985, 'Nữ', '001185000004', null] },
          { cells: ['Ngô Văn Minh', '1987', 'Nam', '001087000005', null] },
          { cells: ['Đặng Văn Nam', { date: '1899-12-25' }, 'Nam', null, null] },
          { cells: ['Lý Thị Oanh', '15/08/1899', 'Nữ', null, null] },
        ],
      },
    ]);
    const data = await freshData('case2');
    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json', ...NOW], { data });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 7, imported: 5, updated: 0, unchanged: 0, rejectedRows: 2 });
    expect(r.json.rejected.map((p: { message: string }) => p.message)).toEqual([
      'Dòng 7, cột "Ngày sinh": năm sinh 1899 không hợp lý',
      'Dòng 8, cột "Ngày sinh": năm sinh 1899 không hợp lý',
    ]);
    expect((await roster(data)).map((e) => pick(e, ['fullName', 'birthDate', 'cccd', 'contractStart']))).toEqual([
      { fullName: 'Bùi Thị Lan', birthDate: '1985', cccd: '001185000004', contractStart: '' },
      { fullName: 'Đỗ Văn Em', birthDate: '29/02/1988', cccd: '001088000001', contractStart: '01/06/2020' },
      { fullName: 'Hoàng Thị Giang', birthDate: '05/03/1990', cccd: '001190000002', contractStart: '01/07/2021' },
      { fullName: 'Ngô Văn Minh', birthDate: '1987', cccd: '001087000005', contractStart: '' },
      { fullName: 'Vũ Văn Hải', birthDate: '05/03/1991', cccd: '001091000003', contractStart: '01/08/2021' },
    ]);
  });

  it('case 3: text numbers, a CCCD that lost two leading zeros, spaces, salaries, line breaks, NFD', async () => {
    const H = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Mã số BHXH', 'Tiền lương'];
    const file = loXlsx(dir, 'case3', [
      {
        name: 'DS',
        rows: [
          { cells: H },
          // Text cells (what a leading apostrophe types): kept as written.
          { cells: ['Cao Văn Phúc', '10/10/1980', 'Nam', '001080000111', '0101000111', '5.310.000'] },
          // Typed as numbers: 001181000222 → 1181000222 (Hà Nội's 001 loses two zeros), 0101000222 → 101000222.
          { cells: ['Mai Thị Quyên', '11/11/1981', 'Nữ', 1181000222, 101000222, 5310000] },
          { cells: ['Trịnh Văn Sơn', '12/12/1982', 'Nam', '001082000333', '0101 000 333', '5,31 triệu'] },
          {
            cells: [
              { text: ['Lương Thị', 'Tâm'] },
              '13/01/1983',
              'Nữ',
              '001183000444',
              '0101\u00a0000\u00a0444',
              '6.000.000',
            ],
          },
          { cells: ['Đinh\u00a0Văn\u00a0Út\u00a0', '14/02/1984', 'Nam', '\u00a0001084000555', null, 5310000] },
          {
            cells: ['Nguyễn Thị Vân'.normalize('NFD'), '15/03/1985', 'Nữ'.normalize('NFD'), '001185000666', null, null],
          },
          // Lào Cai's 010 loses one zero.
          { cells: ['Hà Văn Xuân', '16/04/1986', 'Nam', 10086000777, null, null] },
        ],
      },
    ]);
    const data = await freshData('case3');
    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json', ...NOW], { data });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ totalRows: 7, imported: 6, updated: 0, unchanged: 0, rejectedRows: 1 });
    // "5,31 triệu" is a number in words: the import does not guess, it names the cell.
    expect(r.json.rejected).toEqual([
      {
        row: 4,
        column: 'Tiền lương',
        code: 'NUMBER',
        message: 'Dòng 4, cột "Tiền lương": "5,31 triệu" không phải là số',
      },
    ]);
    const people = (await roster(data)).map((e) =>
      pick(e, ['fullName', 'gender', 'cccd', 'insuranceNumber', 'salary']),
    );
    expect(people).toEqual([
      { fullName: 'Cao Văn Phúc', gender: 'M', cccd: '001080000111', insuranceNumber: '0101000111', salary: 5310000 },
      { fullName: 'Đinh Văn Út', gender: 'M', cccd: '001084000555', insuranceNumber: '', salary: 5310000 },
      { fullName: 'Hà Văn Xuân', gender: 'M', cccd: '010086000777', insuranceNumber: '', salary: null },
      { fullName: 'Lương Thị Tâm', gender: 'F', cccd: '001183000444', insuranceNumber: '0101000444', salary: 6000000 },
      { fullName: 'Mai Thị Quyên', gender: 'F', cccd: '001181000222', insuranceNumber: '0101000222', salary: 5310000 },
      { fullName: 'Nguyễn Thị Vân', gender: 'F', cccd: '001185000666', insuranceNumber: '', salary: null },
    ]);
    expect(people.every((p) => String(p.fullName) === String(p.fullName).normalize('NFC'))).toBe(true);
  });

  it('case 4: "&", "<", ">", quotes and what looks like a reference, as LibreOffice escapes them, come back as typed', async () => {
    const H = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chức vụ', 'Phòng ban'];
    const odd: [string, string][] = [
      ['Kế toán & Thủ quỹ', '<Kho 1> "A"'],
      ["Tổ trưởng 'May'", 'R&D'],
      ['Bảo vệ &amp; lái xe', 'P&L &#65; &x'],
      ['Trưởng phòng &', '&lt;Xưởng&gt;'],
    ];
    const names = ['Vũ Văn Bình', 'Lý Thị Chi', 'Tô Văn Dũng', 'Mạc Thị Hoa'];
    const file = loXlsx(dir, 'case4', [
      {
        name: 'DS',
        rows: [
          { cells: H },
          ...odd.map(([job, dept], i) => ({
            cells: [names[i]!, `0${i + 1}/02/1990`, i % 2 ? 'Nữ' : 'Nam', `001${i % 2}9000012${i}`, job, dept],
          })),
        ],
      },
    ]);
    const data = await freshData('case4');
    const r = await runCli(['roster', 'import', file, '--unit', UNIT.code, '--json', ...NOW], { data });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.rejected).toEqual([]);
    expect(r.json).toMatchObject({ totalRows: 4, imported: 4, rejectedRows: 0 });
    const byName = new Map((await roster(data)).map((e) => [e.fullName, pick(e, ['jobTitle', 'department'])]));
    expect(names.map((n) => byName.get(n))).toEqual(odd.map(([jobTitle, department]) => ({ jobTitle, department })));
  });
});
