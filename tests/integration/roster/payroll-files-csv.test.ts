import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { python } from '../../fixtures/roster/other-writers/lo';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT as UNIT, fileBlob as blob } from '../../support/units';

/**
 * CSV files as Vietnamese payroll/HR software and Excel write them, made by Python's csv module
 * (tests/fixtures/roster/payroll-files/make-csv.py): Excel's `sep=` line, CR-only line ends, identifiers protected
 * with ="…" or an apostrophe, money, dates and genders in every notation clerks use, NFD and invisible characters.
 * Each value is either stored right or refused naming its row (as Excel shows it) and column.
 */
const MAKE = join(process.cwd(), 'tests/fixtures/roster/payroll-files/make-csv.py');
let dir: string;
beforeAll(() => {
  dir = makeTempDir('kekhai-payroll-csv-');
  python(readFileSync(MAKE, 'utf8'), [dir]);
});
afterAll(() => removeDir(dir));

type Person = Record<string, unknown>;

describe('roster import of payroll CSV files', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  async function importFile(name: string, fields: string[]) {
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob(name, readFileSync(join(dir, name))),
    });
    const items = (await ctx.value('employee.list', { unitCode: UNIT.code, limit: 200 })).items as Person[];
    const people = items
      .map((e) => Object.fromEntries(fields.map((f) => [f, e[f]])))
      .sort((a, b) => String(a.fullName).localeCompare(String(b.fullName), 'vi'));
    return { r, people, messages: r.rejected.map((p) => p.message) };
  }

  it("Excel's sep=; line: its delimiter, and rows numbered as Excel shows them (the line is not shown)", async () => {
    const { r, people, messages } = await importFile('excel-sep.csv', ['fullName', 'birthDate', 'cccd']);
    expect(r).toMatchObject({ totalRows: 3, imported: 2, rejectedRows: 1 });
    // Excel shows the header on row 1: "Trần Thị Bình" is on row 3.
    expect(messages).toEqual([
      'Dòng 3, cột "Ngày sinh": "31/02/1990" không phải ngày hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy)',
    ]);
    expect(people).toEqual([
      { fullName: 'Lê Văn Cường', birthDate: '15/07/1988', cccd: '001088000103' },
      { fullName: 'Nguyễn Văn An', birthDate: '01/03/1990', cccd: '001090000101' },
    ]);
  });

  it('CSV (Macintosh): CR line ends, a quoted line break and doubled quotes, empty columns and separator rows', async () => {
    const bytes = readFileSync(join(dir, 'mac.csv'));
    expect(bytes.includes(0x0a)).toBe(true); // only inside the quoted address
    expect(bytes.toString('utf8').split('\r').length).toBe(5);
    const { r, people } = await importFile('mac.csv', ['fullName', 'birthDate', 'gender', 'address']);
    expect(r).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0 });
    expect(people).toEqual([
      { fullName: 'Hoàng Thị Em', birthDate: '03/05/1992', gender: 'F', address: '' },
      { fullName: 'Phạm Văn Dũng', birthDate: '02/04/1991', gender: 'M', address: 'Số 7 "Hoa Sữa" Ngõ 3, Hà Nội' },
    ]);
  });

  it('identifiers as payroll exports protect them: ="…", apostrophe, grouped digits, floats', async () => {
    const { r, people } = await importFile('ids.csv', ['fullName', 'cccd', 'insuranceNumber']);
    expect(r.rejected).toEqual([]);
    expect(r).toMatchObject({ totalRows: 7, imported: 7 });
    expect(people).toEqual([
      { fullName: 'Bùi Văn Khoa', cccd: '001082000108', insuranceNumber: '0123456781' },
      { fullName: 'Dương Thị Nga', cccd: '001185000111', insuranceNumber: '0123456783' },
      { fullName: 'Đặng Thị Hà', cccd: '001181000107', insuranceNumber: '0123456780' },
      { fullName: 'Đỗ Thị Lan', cccd: '001183000109', insuranceNumber: '0123456782' },
      { fullName: 'Lý Văn Phong', cccd: '001086000112', insuranceNumber: '0123456784' },
      { fullName: 'Ngô Văn Minh', cccd: '001084000110', insuranceNumber: '' },
      { fullName: 'Võ Văn Giang', cccd: '001080000106', insuranceNumber: '0123456789' },
    ]);
  });

  it('money in every notation: the right amount or a refusal naming row and column — never a factor of 1,000', async () => {
    const { r, people, messages } = await importFile('money.csv', [
      'fullName',
      'salary',
      'salaryKind',
      'allowanceOther',
    ]);
    expect(messages).toEqual([
      'Dòng 7, cột "Tiền lương": tiền lương phải là số đồng nguyên',
      'Dòng 12, cột "Tiền lương": "5,31 triệu" không phải là số',
    ]);
    expect(r).toMatchObject({ totalRows: 11, imported: 9, rejectedRows: 2 });
    const by = Object.fromEntries(people.map((p) => [p.fullName, [p.salary, p.salaryKind, p.allowanceOther]]));
    expect(by).toEqual({
      'Người Một': [5_000_000, 'amount', 500_000],
      'Người Hai': [5_000_000, 'amount', 1_500_000],
      'Người Ba': [5_000_000, 'amount', 250_000],
      'Người Bốn': [5_000_000, 'amount', 0],
      'Người Năm': [5_000_000, 'amount', 0],
      'Người Bảy': [5_000_000, 'amount', 0],
      'Người Tám': [5_000_000, 'amount', 1_500],
      'Người Chín': [5_000_000, 'amount', 0],
      'Người Mười': [2.34, 'coefficient', 0],
    });
  });

  it('seniority allowances in percent: "5%" is 5, a fraction its percent, anything else refused by cell', async () => {
    const { r, people, messages } = await importFile('percent.csv', [
      'fullName',
      'allowanceSeniorityExcess',
      'allowanceSeniorityJob',
    ]);
    expect(messages).toEqual(['Dòng 4, cột "PC thâm niên vượt khung": "5%%" không phải là số']);
    expect(r).toMatchObject({ imported: 2, rejectedRows: 1 });
    expect(people).toEqual([
      { fullName: 'Phần Trăm Hai', allowanceSeniorityExcess: 6, allowanceSeniorityJob: 8 },
      { fullName: 'Phần Trăm Một', allowanceSeniorityExcess: 5, allowanceSeniorityJob: 7 },
    ]);
  });

  it('dates as clerks type them; serials written as text; two-digit years and impossible days refused by cell', async () => {
    const { r, people, messages } = await importFile('dates.csv', ['fullName', 'birthDate', 'contractStart']);
    expect(messages).toEqual([
      'Dòng 9, cột "Ngày sinh": "01/03/90" không phải ngày hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy)',
      'Dòng 10, cột "Ngày sinh": "31/02/1990" không phải ngày hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy)',
      'Dòng 11, cột "Ngày bắt đầu HĐ": "31/04/2020" không phải ngày hợp lệ dd/mm/yyyy',
    ]);
    expect(r).toMatchObject({ totalRows: 11, imported: 8, rejectedRows: 3 });
    const by = Object.fromEntries(people.map((p) => [p.fullName, [p.birthDate, p.contractStart]]));
    expect(by).toEqual({
      'Ngày Một': ['01/03/1990', '01/06/2020'],
      'Ngày Hai': ['01/03/1990', '01/06/2020'],
      'Ngày Ba': ['01/03/1990', '01/06/2020'],
      'Ngày Bốn': ['01/03/1990', '01/06/2020'],
      'Ngày Năm': ['03/1990', ''],
      'Ngày Sáu': ['1990', ''],
      'Ngày Bảy': ['01/03/1990', '01/06/2020'],
      // Written as floats by Python's csv module ("1991.0", "43983.0"): a year and a serial.
      'Ngày Mười Một': ['1991', '01/06/2020'],
    });
  });

  it('dates month first (Excel in English (United States)): read in that order, with a warning saying so', async () => {
    const { r, people, messages } = await importFile('us-dates.csv', ['fullName', 'birthDate', 'contractStart']);
    // 2/29/2021 is no day in either order.
    expect(messages).toEqual(['Dòng 4, cột "Ngày bắt đầu HĐ": "2/29/2021" không phải ngày hợp lệ dd/mm/yyyy']);
    expect(r.warnings).toEqual([
      {
        row: 1,
        column: 'Ngày sinh',
        code: 'DATE_ORDER',
        message:
          'Dòng 1, cột "Ngày sinh": ngày trong tệp được ghi tháng trước (m/d/yyyy: "7/15/1988" — Excel đặt ngôn ngữ tiếng Anh (Mỹ) lưu CSV như vậy): mọi ngày được đọc theo thứ tự tháng/ngày/năm',
      },
    ]);
    expect(Object.fromEntries(people.map((p) => [p.fullName, [p.birthDate, p.contractStart]]))).toEqual({
      'Mỹ Văn Một': ['01/03/1990', '01/06/2020'],
      'Mỹ Văn Hai': ['15/07/1988', '31/12/2021'],
    });
    // A file whose dates are all ambiguous stays day first (dates.csv above: "1/3/1990" is 1 March).
  });

  it('genders as other software writes them; a mark that says nothing is refused by cell', async () => {
    const { people, messages } = await importFile('genders.csv', ['fullName', 'gender']);
    expect(messages).toEqual(['Dòng 12, cột "Giới tính": "x" không phải giới tính (Nam/Nữ)']);
    expect(Object.fromEntries(people.map((p) => [p.fullName, p.gender]))).toEqual({
      'Giới Một': 'M',
      'Giới Hai': 'F',
      'Giới Ba': 'M',
      'Giới Bốn': 'F',
      'Giới Năm': 'M',
      'Giới Sáu': 'F',
      'Giới Bảy': 'M',
      'Giới Tám': 'F',
      'Giới Chín': 'F',
      'Giới Mười': 'M',
    });
  });

  it('identifiers whose leading zeros Excel dropped are refused saying so (a digit short may also be a typo)', async () => {
    const { r, messages } = await importFile('lost-zeros.csv', ['fullName']);
    expect(r).toMatchObject({ totalRows: 2, imported: 0, rejectedRows: 2 });
    expect(messages).toEqual([
      'Dòng 2, cột "Số CCCD": phải gồm đúng 12 chữ số; "1090000115" có 10 chữ số — nếu Excel đã bỏ số 0 ở đầu (ô kiểu Số), hãy định dạng cột là Văn bản (Text) và nhập lại đủ 12 chữ số',
      'Dòng 2, cột "Mã số BHXH": phải gồm đúng 10 chữ số; "123456785" có 9 chữ số — nếu Excel đã bỏ số 0 ở đầu (ô kiểu Số), hãy định dạng cột là Văn bản (Text) và nhập lại đủ 10 chữ số',
      'Dòng 3, cột "Số CCCD": phải gồm đúng 12 chữ số; "10186000116" có 11 chữ số — nếu Excel đã bỏ số 0 ở đầu (ô kiểu Số), hãy định dạng cột là Văn bản (Text) và nhập lại đủ 12 chữ số',
    ]);
    expect(r.rejected.map((p) => p.code)).toEqual(['CCCD_FORMAT', 'BHXH_NUMBER_FORMAT', 'CCCD_FORMAT']);
  });

  it('a CSV saved in a code page without Vietnamese letters: "?" in a name is refused, never stored', async () => {
    const { r, people, messages } = await importFile('western.csv', ['fullName']);
    expect(messages).toEqual([
      'Dòng 2, cột "Ho va ten": "Nguy?n V?n Ánh" có dấu "?" thay cho chữ: tệp đã mất chữ tiếng Việt khi được lưu bằng bảng mã không có tiếng Việt — hãy lưu lại dạng "CSV UTF-8" hoặc .xlsx',
    ]);
    expect(r).toMatchObject({ imported: 1, rejectedRows: 1 });
    expect(people).toEqual([{ fullName: 'Tran Van Duc' }]);
    // With the headers damaged too, the file is refused saying why, not as "required columns not identified".
    const bad = await ctx.call('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('ds.csv', readFileSync(join(dir, 'western-headers.csv'))),
    });
    expect(!bad.ok && bad.error.message).toBe(
      'Tiêu đề cột "H? và tên" có dấu "?" thay cho chữ: tệp đã mất chữ tiếng Việt khi được lưu bằng bảng mã không có tiếng Việt. Hãy lưu lại dạng "CSV UTF-8" hoặc .xlsx rồi nhập lại.',
    );
  });

  it('column numbers, group headings, totals and the signature block are not people: skipped with one warning', async () => {
    const { r, people } = await importFile('footer.csv', ['fullName', 'salary']);
    expect(r).toMatchObject({ totalRows: 2, imported: 2, rejectedRows: 0, rejected: [] });
    expect(r.warnings).toEqual([
      {
        row: 2,
        column: 'Họ và tên',
        code: 'NOT_A_PERSON',
        message:
          'Dòng 2, cột "Họ và tên": dòng 2, 3, 5, 6, 8, 9, 11, 12, 13 không phải người lao động (dòng đánh số cột, tiêu đề nhóm, tổng cộng hoặc phần ký tên): không nhập',
      },
    ]);
    expect(people).toEqual([
      { fullName: 'Nguyễn Văn Tổng', salary: 5_000_000 },
      { fullName: 'Tống Thị Cộng', salary: 6_000_000 },
    ]);
  });

  it('NFD text and zero-width / no-break spaces: stored NFC and clean', async () => {
    const { r, people } = await importFile('invisible.csv', ['fullName', 'gender', 'cccd']);
    expect(r.rejected).toEqual([]);
    expect(people).toEqual([
      { fullName: 'Nguyễn Thị Ánh Tuyết', gender: 'F', cccd: '001187000113' },
      { fullName: 'Trịnh Văn Quý', gender: 'M', cccd: '001088000114' },
    ]);
    for (const p of people) expect(p.fullName).toBe(String(p.fullName).normalize('NFC'));
  });
});
