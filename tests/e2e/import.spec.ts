import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, serveApp, stopApp } from './fixtures';
import { addUnitWithCli } from '../support/cli';
import { SAIGON_UNIT } from '../support/units';
import { makeTempDir, writeSparseFile, writeTempFile } from '../support/tmp';
import { handMade, HEAD, NS } from '../support/hand-made-xlsx';
import { loOpenedCsv, pythonWriters } from '../fixtures/roster/other-writers/lo';
import { CSV_DAY_FIRST } from '../fixtures/roster/swapped-dates';
import { loVnptWorkbook, vnptIncrease } from '../fixtures/roster/other-writers/vnpt-lo';
import { writeXlsx, type XlsxCell } from '../../electron/roster/write-xlsx';
import { readXlsx } from '../../electron/roster/read-xlsx';
import {
  VNPT_DATA_COLUMNS,
  VNPT_DATA_SHEET,
  VNPT_DOCUMENT_COLUMNS,
  VNPT_DOCUMENTS_SHEET,
  VNPT_HOUSEHOLD_COLUMNS,
  VNPT_HOUSEHOLD_SHEET,
  VNPT_NOTES,
} from '../../shared/vnpt/layout';

const UNIT = 'TS12345';

/** A clerk's file: a title block and an empty row above the header, five good rows and two bad ones. */
function titledRows(): XlsxCell[][] {
  const rows: XlsxCell[][] = [
    ['CÔNG TY TNHH MAY SÀI GÒN'],
    ['DANH SÁCH LAO ĐỘNG THAM GIA BHXH THÁNG 11/2025'],
    [],
    [
      'STT',
      'Họ và tên',
      'Mã số BHXH',
      'Ngày sinh',
      'Giới tính',
      'Số CCCD',
      'Chức vụ',
      'Nơi KCB ban đầu',
      'Tham gia từ tháng',
    ], // row 4
    [1, 'Nguyễn Văn Đức', '7900000001', '17/05/1990', 'Nam', '079090000001', 'Công nhân may', '38280', '09/2025'],
    [2, 'Trương Quốc Khánh', '7900000002', '07/05/1990', 'Nam', '079090000002', 'Tổ trưởng', ''],
    [3, 'Lê Thị Hồng Nhung', '7900000003', '1985', 'Nữ', '079185000003', 'Kế toán', ''],
    [4, 'Vũ Văn Long', '7900000004', '01/01/1990', 'Nam', '079095000004', 'Thủ kho', ''], // row 8: CCCD says 1995
    [5, 'Phạm Thị Mai', '7900000005', '03/1992', 'Nữ', '079192000005', 'Thủ quỹ', ''],
    [6, 'Bùi Văn Tuấn', '790000006', '31/02/1990', 'X', '', 'Bảo vệ', '38999'], // row 10: mã số, date, gender, KCB code
    [7, 'Hồ Văn Sơn', '7900000007', '12/12/1991', 'Nam', '079091000007', 'Lái xe', ''],
  ];
  return rows;
}

function titledWorkbook(): Uint8Array {
  return writeXlsx([{ name: 'Danh sách', rows: titledRows() }]);
}

/** The same rows behind a first sheet of notes: the sheet holding the roster is suggested, the clerk may choose. */
function twoSheetWorkbook(): Uint8Array {
  return writeXlsx([
    { name: 'Hướng dẫn', rows: [['Hướng dẫn điền'], ['Ghi họ tên có dấu'], ['Ngày sinh dạng dd/mm/yyyy']] },
    { name: 'Danh sách', rows: titledRows() },
  ]);
}

/**
 * The VNPT-BHXH clerk workbook in its real layout (shared/vnpt/layout.ts, ../shared/reference/vnpt-template.md): sheets
 * "Dữ Liệu", "Phụ lục" and "Bảng kê"; notes in row 1, labels in row 2, XML names in row 3, data from row 4, gender as
 * 1/0. Two people already in the roster and one new.
 */
function vnptWorkbook(): Uint8Array {
  const sheet = (
    cols: readonly { label: string; name: string }[],
    notes: readonly string[],
    data: Record<string, XlsxCell>[],
  ) => ({
    rows: [
      [...notes],
      cols.map((c) => c.label),
      cols.map((c) => c.name),
      ...data.map((d) => cols.map((c) => (c.name ? (d[c.name] ?? null) : null))),
    ],
  });
  const person = (
    id: number,
    name: string,
    no: string,
    job: string,
    salary: number,
    cccd: string,
    birth: string,
    gender: 0 | 1,
  ): Record<string, XlsxCell> => ({
    STT: id,
    HoTen: name,
    MasoBHXH: no,
    TenLoaiKhaiBao: 'Tăng lao động',
    Loai: 1,
    TenPhuongAn: 'Tăng mới',
    PA: 'TM',
    ChucVu: job,
    NoiLamViec: 'Xưởng 1',
    TienLuong: salary,
    TuThang: '11/2025',
    CMND: cccd,
    NgaySinh: birth,
    GioiTinh: gender,
    QuocTich: 'VN',
    DanToc: '01',
    MaBenhVien: '38280',
  });
  const data = [
    person(1, 'Nguyễn Văn Đức', '7900000001', 'Công nhân may', 5_310_000, '079090000001', '17/05/1990', 1),
    person(2, 'Trương Quốc Khánh', '7900000002', 'Quản đốc', 7_000_000, '079090000002', '07/05/1990', 1),
    person(3, 'Đặng Thu Hà', '7900000010', 'Kỹ thuật viên', 6_000_000, '079196000010', '05/06/1996', 0),
  ];
  return writeXlsx([
    { name: VNPT_DATA_SHEET, ...sheet(VNPT_DATA_COLUMNS, VNPT_NOTES, data) },
    { name: VNPT_HOUSEHOLD_SHEET, ...sheet(VNPT_HOUSEHOLD_COLUMNS, ['Dữ liệu nhập bắt đầu từ dòng thứ 4'], []) },
    { name: VNPT_DOCUMENTS_SHEET, ...sheet(VNPT_DOCUMENT_COLUMNS, ['Dữ liệu nhập bắt đầu từ dòng thứ 4'], []) },
  ]);
}

test('import journey: title rows, good and rejected rows before writing, counts that add up, the list refreshed at once, the error workbook, a VNPT workbook, the KCB picker', async ({
  page,
}) => {
  const dataDir = makeTempDir('kekhai-e2e-import-');
  const titled = writeTempFile(dataDir, 'danh-sach-thang-11.xlsx', titledWorkbook());
  const twoSheets = writeTempFile(dataDir, 'hai-trang.xlsx', twoSheetWorkbook());
  const vnpt = writeTempFile(dataDir, 'vnpt-bhxh.xlsx', vnptWorkbook());
  await addUnitWithCli(dataDir, { ...SAIGON_UNIT, code: UNIT });
  // The clock is in 2026: the hospital list (in force from 01/07/2025) checks KCB codes.
  const app = await serveApp({ dataDir, now: '2026-01-15T03:00:00Z' });
  try {
    await page.goto(app.url);
    await page.getByTestId('nav-employees').click();
    await page.getByTestId('unit-switcher').selectOption(UNIT);
    await expect(page.getByTestId('employee-count')).toHaveText('0 người');
    await sheetAndHeaderRow(page, twoSheets);
    await titledFile(page, titled);
    await vnptFile(page, vnpt);
    await hospitalPicker(page);
  } finally {
    await stopApp(app);
  }
});

/** The unit added to `dataDir`, the app served on it, and the Employees screen open on the unit. */
async function onEmployees(page: Page, dataDir: string): Promise<Awaited<ReturnType<typeof serveApp>>> {
  await addUnitWithCli(dataDir, { ...SAIGON_UNIT, code: UNIT });
  const app = await serveApp({ dataDir, now: '2026-01-15T03:00:00Z' });
  try {
    await page.goto(app.url);
    await page.getByTestId('nav-employees').click();
    await page.getByTestId('unit-switcher').selectOption(UNIT);
    return app;
  } catch (e) {
    await stopApp(app);
    throw e;
  }
}

/** Opens the import wizard on the Employees screen with `file` chosen. */
async function openImport(page: Page, file: string): Promise<void> {
  await page.getByTestId('employee-import').click();
  await page.getByTestId('import-file').setInputFiles(file);
}

/** Mapping step → preview: the summary line the wizard shows before anything is written. */
async function preview(page: Page, summary: string): Promise<void> {
  await page.getByTestId('import-mapping-next').click();
  await expect(page.getByTestId('import-summary')).toHaveText(summary);
}

/** Writes the previewed rows: the result's counts, and the employee count behind the still open wizard. */
async function confirm(page: Page, counts: string, employees: string): Promise<void> {
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result-counts')).toHaveText(counts);
  await expect(page.getByTestId('employee-count')).toHaveText(employees);
}

/** Closes the wizard from the preview, writing nothing. */
async function closeUnwritten(page: Page): Promise<void> {
  await page.getByTestId('import-wizard').getByRole('button', { name: 'Đóng', exact: true }).click();
}

/** Several sheets: the roster sheet is suggested; the header row is shown and can be named by the clerk. */
async function sheetAndHeaderRow(page: Page, file: string): Promise<void> {
  await openImport(page, file);
  await expect(page.getByTestId('import-sheet')).toHaveValue('Danh sách');
  await expect(page.getByTestId('import-header-row')).toHaveValue('4');
  await expect(page.getByTestId('map-fullName')).toHaveValue('Họ và tên');
  // The notes sheet holds no roster: the wizard says which columns it cannot find.
  await page.getByTestId('import-sheet').selectOption('Hướng dẫn');
  await expect(page.getByTestId('import-error')).toContainText('Họ và tên');
  await page.getByTestId('import-sheet').selectOption('Danh sách');
  await expect(page.getByTestId('map-fullName')).toHaveValue('Họ và tên');
  // A header row named by the clerk wins over the one found (here a title row: nothing maps).
  await page.getByTestId('import-header-row').fill('2');
  await page.getByTestId('import-header-row').press('Enter');
  await expect(page.getByTestId('import-error')).toContainText('Họ và tên');
  await page.getByTestId('import-header-row').fill('4');
  await page.getByTestId('import-header-row').press('Enter');
  await expect(page.getByTestId('map-fullName')).toHaveValue('Họ và tên');
  await preview(page, '7 dòng: 5 thêm mới, 0 cập nhật, 0 không thay đổi, 2 dòng lỗi');
  await closeUnwritten(page);
  await expect(page.getByTestId('employee-count')).toHaveText('0 người');
}

async function titledFile(page: Page, file: string): Promise<void> {
  await openImport(page, file);
  // The header is found under the title block; the mapping step shows it recognised.
  await expect(page.getByTestId('map-fullName')).toHaveValue('Họ và tên');
  await expect(page.getByTestId('map-hospitalCode')).toHaveValue('Nơi KCB ban đầu');
  // Not an employee field, listed like one: the month BHXH already knows the person from (issue 10).
  await expect(page.getByTestId('map-participatingSince')).toHaveValue('Tham gia từ tháng');

  // Before writing: the good rows with what each will do, and the rejected ones with their reasons.
  await preview(page, '7 dòng: 5 thêm mới, 0 cập nhật, 0 không thay đổi, 2 dòng lỗi');
  await expect(page.getByTestId('import-accepted-row')).toHaveCount(5);
  await expect(page.getByTestId('import-accepted-row').first()).toContainText('Nguyễn Văn Đức');
  await expect(page.getByTestId('import-accepted-row').first()).toContainText('Thêm mới');
  const problems = page.getByTestId('import-problem');
  await expect(problems.filter({ hasText: 'CCCD' }).first()).toContainText('8'); // the sheet's own row number
  await expect(problems.filter({ hasText: '38999' })).toContainText('không có trong danh mục cơ sở KCB');
  await expect(page.getByTestId('employee-count')).toHaveText('0 người');

  // The list behind the result is refreshed as soon as the rows are written — before the wizard is closed.
  await confirm(page, '7 dòng: 5 thêm mới, 0 cập nhật, 0 không thay đổi, 2 dòng bị từ chối', '5 người');
  // The errors stay after writing, and download as .xlsx: the clerk's own rows, the row number and a reason.
  await expect(page.getByTestId('import-rejected-row').first()).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('import-error-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe('danh-sach-thang-11-dong-bi-tu-choi.xlsx');
  const back = await readXlsx(readFileSync((await download.path())!));
  const cells = back.rows.map((r) => r.cells);
  expect(cells[0]).toEqual([
    'STT',
    'Họ và tên',
    'Mã số BHXH',
    'Ngày sinh',
    'Giới tính',
    'Số CCCD',
    'Chức vụ',
    'Nơi KCB ban đầu',
    'Tham gia từ tháng',
    'Dòng trong tệp',
    'Lý do',
  ]);
  expect(cells.slice(1).map((r) => [r[1], r[9]])).toEqual([
    ['Vũ Văn Long', 8],
    ['Bùi Văn Tuấn', 10],
  ]);
  expect(cells[1]!.slice(0, 8)).toEqual([
    4,
    'Vũ Văn Long',
    '7900000004',
    '01/01/1990',
    'Nam',
    '079095000004',
    'Thủ kho',
    null,
  ]);
  expect(String(cells[2]![10])).toMatch(/38999/);
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('employee-count')).toHaveText('5 người');
}

async function vnptFile(page: Page, file: string): Promise<void> {
  await openImport(page, file);
  // The data sheet is suggested among the three; row 3's XML names are the header (row 2's labels repeat).
  await expect(page.getByTestId('import-sheet')).toHaveValue('Dữ Liệu');
  await expect(page.getByTestId('import-header-row')).toHaveValue('3');
  await expect(page.getByTestId('map-fullName')).toHaveValue('HoTen');
  await expect(page.getByTestId('map-insuranceNumber')).toHaveValue('MasoBHXH');
  // Đức and Khánh are matched by mã số and gain the workbook's columns (salary, workplace …); Hà is new.
  await preview(page, '3 dòng: 1 thêm mới, 2 cập nhật, 0 không thay đổi, 0 dòng lỗi');
  const accepted = page.getByTestId('import-accepted-row');
  await expect(accepted.filter({ hasText: 'Trương Quốc Khánh' })).toContainText('Cập nhật');
  await expect(accepted.filter({ hasText: 'Đặng Thu Hà' })).toContainText('Thêm mới');
  await confirm(page, '3 dòng: 1 thêm mới, 2 cập nhật, 0 không thay đổi, 0 dòng bị từ chối', '6 người');
  await expect(page.getByTestId('import-error-export')).toHaveCount(0);
  await page.getByTestId('import-close').click();

  // The same workbook again changes nothing: every row counted as unchanged, nothing to write.
  await openImport(page, file);
  await preview(page, '3 dòng: 0 thêm mới, 0 cập nhật, 3 không thay đổi, 0 dòng lỗi');
  await expect(page.getByTestId('import-accepted-row').filter({ hasText: 'Nguyễn Văn Đức' })).toContainText(
    'Không thay đổi',
  );
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await closeUnwritten(page);
}

/** Item 5: the KCB code is picked from the dated list by name, without diacritics needed, with the keyboard. */
async function hospitalPicker(page: Page): Promise<void> {
  await page.getByTestId('employee-add').click();
  const kcb = page.getByTestId('emp-hospitalCode');
  await kcb.fill('da khoa thanh hoa');
  await expect(page.getByTestId('emp-hospitalCode-options').getByRole('option').first()).toHaveText(
    '38280 Bệnh viện đa khoa tỉnh Thanh Hóa',
  );
  await kcb.press('Enter');
  await expect(kcb).toHaveValue('38280');
  await expect(page.getByTestId('emp-hospitalCode-name')).toHaveText('Bệnh viện đa khoa tỉnh Thanh Hóa');
  const nat = page.getByTestId('emp-nationality');
  await nat.fill('serbia');
  await nat.press('ArrowDown');
  await expect(page.getByTestId('emp-nationality-options').getByRole('option', { selected: true })).toContainText(
    'SERBIA',
  );
  await nat.press('Escape');
  await expect(nat).toHaveValue('VN');
  await expect(page.getByTestId('emp-nationality-name')).toHaveText('Việt Nam');
  // A birth place keeps the codes of its time: born 1990 in Hải Dương (30, merged into Hải Phòng in 2025).
  await page.getByTestId('emp-birthDate').fill('01/01/1990');
  const birthProvince = page.getByTestId('emp-birthProvince');
  await birthProvince.fill('30');
  await birthProvince.press('Tab');
  await expect(page.getByTestId('emp-birthProvince-name')).toHaveText('Hải Dương');
  // A commune code of the right shape that the current list lacks is kept, marked as not in the list.
  const birthWard = page.getByTestId('emp-birthWard');
  await birthWard.fill('10502');
  await birthWard.press('Tab');
  await expect(birthWard).toHaveValue('10502');
  await expect(page.getByTestId('emp-birthWard-name')).toHaveText('Mã không có trong danh mục');
}

test('a workbook whose exporter wrote Windows-1258 under a UTF-8 declaration: the screen names the cell and byte, nothing is written', async ({
  page,
}) => {
  // "Trần" as Windows-1258 writes it (54 72 E2 CC 6E) inside a sheet declared UTF-8: no UTF-8 from byte E2 on.
  const cell = (ref: string, text: string | Uint8Array) =>
    Buffer.concat([
      Buffer.from(`<c r="${ref}" t="inlineStr"><is><t>`),
      typeof text === 'string' ? Buffer.from(text) : text,
      Buffer.from('</t></is></c>'),
    ]);
  const sheet = Buffer.concat([
    Buffer.from(`${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1">`),
    cell('A1', 'Họ và tên'),
    cell('B1', 'Ngày sinh'),
    cell('C1', 'Giới tính'),
    Buffer.from('</row><row r="2">'),
    cell('A2', 'Nguyễn Văn Bảo'),
    cell('B2', '01/02/1990'),
    cell('C2', 'Nam'),
    Buffer.from('</row><row r="3">'),
    cell('A3', Buffer.concat([Buffer.from([0x54, 0x72, 0xe2, 0xcc, 0x6e]), Buffer.from(' Thị Cúc')])),
    cell('B3', '03/04/1991'),
    cell('C3', 'Nữ'),
    Buffer.from('</row></sheetData></worksheet>'),
  ]);
  const byte = sheet.indexOf(Buffer.from([0xe2, 0xcc])) + 1;
  const dataDir = makeTempDir('kekhai-e2e-import-encoding-');
  const file = writeTempFile(dataDir, 'xuat-tu-phan-mem-cu.xlsx', handMade({ 'xl/worksheets/sheet1.xml': sheet }));
  const app = await onEmployees(page, dataDir);
  try {
    await openImport(page, file);
    await expect(page.getByTestId('import-error')).toContainText(
      `phần xl/worksheets/sheet1.xml, ô A3, byte thứ ${byte.toLocaleString('vi-VN')}: 0xE2 0xCC không phải ký tự UTF-8 (ngay sau «Tr»)`,
    );
    await expect(page.getByTestId('import-confirm')).toHaveCount(0);
    await expect(page.getByTestId('employee-count')).toHaveText('0 người');
  } finally {
    await stopApp(app);
  }
});

test('an AutoFilter hid the people who left (XlsxWriter wrote it): the preview names the hidden rows, the clerk skips them, only the shown rows are written', async ({
  page,
}) => {
  const dataDir = makeTempDir('kekhai-e2e-import-hidden-');
  pythonWriters(dataDir);
  const app = await onEmployees(page, dataDir);
  try {
    await openImport(page, join(dataDir, 'xlsxwriter-filtered.xlsx'));
    await preview(page, '24 dòng: 24 thêm mới, 0 cập nhật, 0 không thay đổi, 0 dòng lỗi');
    await expect(page.getByTestId('import-warning')).toHaveCount(1);
    await expect(page.getByTestId('import-warning')).toContainText(
      'các dòng 3, 5, 7, 9, 11, 13, 15, 17, 19, 21… (12 dòng) đang bị ẩn trong Excel',
    );
    const skip = page.getByTestId('import-skip-hidden');
    await expect(skip).not.toBeChecked();
    await expect(page.getByText('Bỏ qua 12 dòng đang ẩn trong Excel')).toBeVisible();
    await skip.check();
    await expect(page.getByTestId('import-summary')).toHaveText(
      '12 dòng: 12 thêm mới, 0 cập nhật, 0 không thay đổi, 0 dòng lỗi',
    );
    await expect(skip).toBeChecked();
    await expect(page.getByTestId('import-warning')).toContainText('không nhập, theo lựa chọn bỏ qua các dòng ẩn');
    await confirm(page, '12 dòng: 12 thêm mới, 0 cập nhật, 0 không thay đổi, 0 dòng bị từ chối', '12 người');
    await expect(page.getByTestId('import-hidden-skipped')).toHaveText(
      '12 dòng đang ẩn trong Excel không được nhập (đã chọn bỏ qua).',
    );
    await page.getByTestId('import-close').click();
    // Only the people the filter showed (odd ones, "Nguyễn Văn …"); none of the hidden "Trần Thị …".
    await page.getByTestId('employee-search').fill('tran thi');
    await expect(page.getByTestId('employee-count')).toHaveText('0 người');
  } finally {
    await stopApp(app);
  }
});

test('a VNPT workbook as a new dossier: a clean one opens as a draft at once; one LibreOffice saved with a hidden row says so first, and the clerk decides', async ({
  page,
}) => {
  const dataDir = makeTempDir('kekhai-e2e-vnpt-dossier-');
  const clean = writeTempFile(dataDir, 'vnpt-bhxh.xlsx', vnptWorkbook());
  const hidden = loVnptWorkbook(dataDir, 'vnpt-an-dong', [
    { values: vnptIncrease(1, 'Nguyễn Văn An', '7900000001', '17/05/1990', 1, '079090000001') },
    { values: vnptIncrease(2, 'Trần Thị Bình', '7900000002', '01/07/1992', 0, '079192000002'), hidden: true },
  ]);
  await addUnitWithCli(dataDir, { ...SAIGON_UNIT, code: UNIT });
  const app = await serveApp({ dataDir, now: '2026-02-10T03:00:00Z' });
  try {
    await page.goto(app.url);
    await page.getByTestId('nav-declarations').click();
    await page.getByTestId('dossier-unit').fill(UNIT);
    await page.getByTestId('dossier-period').fill('02/2026');
    await page.getByTestId('dossier-import-vnpt').setInputFiles(clean);
    await expect(page.getByTestId('dossier-editor')).toBeVisible();
    await expect(page.locator('[data-testid^="draft-row-"]')).toHaveCount(3);

    await page.getByTestId('nav-declarations').click();
    await expect(page.getByTestId('dossier-state')).toHaveCount(1);
    await page.getByTestId('dossier-unit').fill(UNIT);
    await page.getByTestId('dossier-period').fill('02/2026');
    await page.getByTestId('dossier-import-vnpt').setInputFiles(hidden);
    await expect(page.getByTestId('vnpt-read')).toContainText('Đọc được 2 dòng từ trang "Dữ Liệu"');
    await expect(page.getByTestId('vnpt-read').getByTestId('problem-count')).toHaveText('0 lỗi, 1 cảnh báo');
    await expect(page.getByTestId('vnpt-read').getByTestId('problem-item')).toHaveText([
      '⚠ Trang "Dữ Liệu", dòng 5: dòng này đang bị ẩn trong Excel (ẩn dòng, bộ lọc hoặc nhóm dòng thu gọn) nhưng vẫn được đọc vào tờ khai: nếu không kê khai dòng đó, hãy xoá khỏi tờ khai trước khi ký',
    ]);
    // "Không tạo": nothing is created.
    await page.getByTestId('vnpt-cancel').click();
    await expect(page.getByTestId('vnpt-read')).toHaveCount(0);
    await expect(page.getByTestId('dossier-state')).toHaveCount(1);
    // Chosen again and created: the draft holds both rows, the hidden one included, for the clerk to delete or keep.
    await page.getByTestId('dossier-import-vnpt').setInputFiles([]);
    await page.getByTestId('dossier-import-vnpt').setInputFiles(hidden);
    await page.getByTestId('vnpt-create').click();
    await expect(page.getByTestId('dossier-editor')).toBeVisible();
    await expect(page.locator('[data-testid^="draft-row-"]')).toHaveCount(2);
    await expect(page.getByRole('textbox', { name: 'Họ và tên 2' })).toHaveValue('Trần Thị Bình');
  } finally {
    await stopApp(app);
  }
});

test('two columns headed "Mã số BHXH" (XlsxWriter, the first hidden): the mapping step offers both, the preview says which is read', async ({
  page,
}) => {
  const dataDir = makeTempDir('kekhai-e2e-import-twins-');
  pythonWriters(dataDir);
  const app = await onEmployees(page, dataDir);
  try {
    await openImport(page, join(dataDir, 'xlsxwriter-twin-columns.xlsx'));
    await expect(page.getByTestId('map-insuranceNumber')).toHaveValue('Mã số BHXH');
    await page.getByTestId('map-insuranceNumber').selectOption('Mã số BHXH (2)');
    await preview(page, '2 dòng: 2 thêm mới, 0 cập nhật, 0 không thay đổi, 0 dòng lỗi');
    await expect(page.getByTestId('import-warning')).toContainText(
      'dòng tiêu đề có 2 cột "Mã số BHXH" (cột D, E): đọc cột E',
    );
    await confirm(page, '2 dòng: 2 thêm mới, 0 cập nhật, 0 không thay đổi, 0 dòng bị từ chối', '2 người');
    await page.getByTestId('import-close').click();
    // The numbers in use (column E) are stored, not the old ones of the hidden column D.
    await page.getByTestId('employee-search').fill('7900000001');
    await expect(page.getByTestId('employee-count')).toHaveText('1 người');
    await page.getByTestId('employee-search').fill('0000000001');
    await expect(page.getByTestId('employee-count')).toHaveText('0 người');
  } finally {
    await stopApp(app);
  }
});

test('a dd/mm CSV that Excel set to English (United States) opened and saved as .xlsx: the preview refuses the date cells it swapped, saying which date they probably were', async ({
  page,
}) => {
  const dataDir = makeTempDir('kekhai-e2e-import-swapped-');
  const file = loOpenedCsv(dataDir, 'danh-sach', CSV_DAY_FIRST, 1033);
  const app = await onEmployees(page, dataDir);
  try {
    await openImport(page, file);
    await preview(page, '5 dòng: 3 thêm mới, 0 cập nhật, 0 không thay đổi, 2 dòng lỗi');
    const problems = page.getByTestId('import-problem');
    await expect(problems).toHaveCount(2);
    await expect(problems.first()).toContainText(
      'Dòng 2, cột "Ngày sinh": ô ngày 02/01/1990 có thể đã bị đảo ngày và tháng (có lẽ là 01/02/1990)',
    );
    await expect(problems.last()).toContainText(
      'ô ngày 12/11/1994 có thể đã bị đảo ngày và tháng (có lẽ là 11/12/1994)',
    );
    await confirm(page, '5 dòng: 3 thêm mới, 0 cập nhật, 0 không thay đổi, 2 dòng bị từ chối', '3 người');
    await page.getByTestId('import-close').click();
    await page.getByTestId('employee-search').fill('nguyen van an');
    await expect(page.getByTestId('employee-count')).toHaveText('0 người');
  } finally {
    await stopApp(app);
  }
});

test('a file far over the 150 MB any screen takes (a disk image picked by mistake) is refused by its size, before it is read', async ({
  page,
}) => {
  const dataDir = makeTempDir('kekhai-e2e-import-oversized-');
  const file = writeSparseFile(dataDir, 'danh-sach.xlsx', 151 * 1024 * 1024);
  const app = await onEmployees(page, dataDir);
  try {
    await openImport(page, file);
    await expect(page.getByTestId('import-error')).toHaveText(
      'Tệp danh-sach.xlsx quá lớn (151 MB): tối đa 150 MB — hãy kiểm tra đã chọn đúng tệp',
    );
    await expect(page.getByTestId('map-fullName')).toHaveCount(0);
  } finally {
    await stopApp(app);
  }
});
