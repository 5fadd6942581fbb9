import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { markSigned } from '../../electron/declarations/dossier-repo';
import { test, expect } from './fixtures';

const FIXTURE = join(process.cwd(), 'tests', 'unit', 'declarations', 'fixtures', 'draft-issue.json');

test('draft editor: import, inline validation, error panel to field, autosave, contributions, print to PDF (incl. paper copy)', async ({
  appPage: page,
  app,
}) => {
  // The unit of the draft, so the first-run flow (shown while no unit exists) steps aside.
  const call = (method: string, body: unknown) =>
    page.request.post(`${app.baseUrl}/api/${method}`, { data: body, headers: { 'X-Kekhai-Token': app.secret } });
  const added = await call('unit.add', {
    code: 'TA0001A',
    name: 'Công ty TNHH Mẫu & Cộng sự',
    taxCode: '2800123452',
    agencyCode: '03801',
    wageRegion: '02',
    ivanProvider: '00001',
  });
  expect((await added.json()).ok).toBe(true);
  await call('welcome.dismiss', {});
  await page.reload();
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-import').setInputFiles(FIXTURE);
  await expect(page.getByTestId('dossier-editor')).toBeVisible();
  await expect(page.getByTestId('draft-row-0')).toBeVisible();
  await expect(page.getByLabel('Họ và tên 1')).toHaveValue('Nguyễn Thị Lan');
  await expect(page.getByTestId('sign-readiness')).toHaveText('Không có lỗi. Hồ sơ có thể ký.');
  await expect(page.getByTestId('contrib-total')).toHaveText('1.137.500 đ');
  // Name, birth date, CCCD and job are shown whole (their text fits its box), not cut to the grid's narrowest column.
  for (const label of ['Họ và tên 1', 'Ngày sinh 1', 'CCCD/CMND 1', 'Chức vụ 1']) {
    const box = page.getByLabel(label, { exact: true });
    await expect(box).not.toHaveValue('');
    const fits = await box.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth);
    expect(fits, `${label}: "${await box.inputValue()}" fits its box`).toBe(true);
  }

  // Inline validation: a salary under the regional minimum is an error naming its row and field.
  const salary = page.getByLabel('Tiền lương 1');
  await salary.fill('100000');
  const problem = page
    .getByTestId('problem-item')
    .filter({ hasText: 'Dòng 1 (Nguyễn Thị Lan), Tiền lương: 100.000 đ thấp hơn mức tối thiểu 2.750.000 đ' });
  await expect(problem).toBeVisible();
  await expect(salary).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('sign-readiness')).toContainText('chưa thể ký khi còn lỗi');
  await page.getByLabel('Họ và tên 1').focus();
  await problem.click();
  await expect(salary).toBeFocused();

  // A TM without a contract number.
  await page.getByLabel('Số HĐLĐ 1').fill('');
  await expect(
    page.getByTestId('problem-item').filter({ hasText: 'Số hợp đồng lao động: phương án TM bắt buộc' }),
  ).toBeVisible();
  await page.getByLabel('Số HĐLĐ 1').fill('12/2015/HĐLĐ');
  await salary.fill('3.600.000');
  await expect(page.getByTestId('sign-readiness')).toHaveText('Không có lỗi. Hồ sơ có thể ký.');
  await expect(page.getByTestId('contrib-total')).toHaveText('1.170.000 đ');
  await expect(page.getByTestId('save-status')).toHaveText('Đã lưu');

  // Saved as typed: a reload (or a crash) shows the last value.
  await page.reload();
  await expect(page.getByLabel('Tiền lương 1')).toHaveValue('3.600.000');

  // Print view: the form's columns, totals and signature block, printed to PDF by Chromium.
  await page.getByTestId('open-print').click();
  const forms = page.getByTestId('print-forms');
  await expect(forms).toContainText('DANH SÁCH LAO ĐỘNG THAM GIA BHXH, BHYT, BHTN, BHTNLĐ-BNN');
  await expect(forms).toContainText('TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BHXH, BHYT');
  await expect(page.getByTestId('print-total')).toContainText('1.170.000');
  await expect(forms).toContainText('Thủ trưởng đơn vị');
  await expect(page.getByTestId('paper-copy-note')).toHaveCount(0);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // A4 landscape: 842 × 595 points.
  expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 84[12](\.\d+)? 59[45](\.\d+)?\]/);

  // Signed with the test certificate → the print carries the paper-copy note.
  const id = new URL(page.url()).hash.split('/').pop()!;
  const db = new Database(join(app.dataDir, 'kekhai.db'));
  try {
    const envelope = Buffer.from('<?xml version="1.0" encoding="utf-8"?><Hoso></Hoso>');
    markSigned(db, id, {
      envelope,
      sha256: createHash('sha256').update(envelope).digest('hex'),
      signer: 'CONG TY TNHH MAU',
      mst: '2800123452',
      paperCopyRequired: true,
      at: '2015-10-20T03:00:00Z',
      actor: 'e2e',
    });
  } finally {
    db.close();
  }
  await page.reload();
  await expect(page.getByTestId('paper-copy-note').first()).toContainText('phải nộp 01 bộ hồ sơ giấy');
  const paper = await page.pdf({ preferCSSPageSize: true });
  expect(paper.length).toBeGreaterThan(1000);

  // The list shows the dossier as signed; editing it returns it to draft and voids the signature.
  await page.getByRole('button', { name: '← Quay lại hồ sơ' }).click();
  await expect(page.getByTestId('editor-state')).toHaveText('Đã ký, chưa nộp');
  await page.getByLabel('Chức vụ 1').fill('Kế toán trưởng');
  await expect(page.getByTestId('editor-notice')).toContainText('chữ ký đã bị hủy');
  await expect(page.getByTestId('editor-state')).toHaveText('Nháp');
});

test('dossier list per unit and period; rows added from roster events', async ({ appPage: page, app }) => {
  const call = async (method: string, body: unknown) => {
    const r = await page.request.post(`${app.baseUrl}/api/${method}`, {
      data: body,
      headers: { 'X-Kekhai-Token': app.secret },
    });
    const json = await r.json();
    expect(json.ok, JSON.stringify(json)).toBe(true);
    return json.value;
  };
  await call('unit.add', {
    code: 'TA0001A',
    name: 'Công ty TNHH Mẫu',
    taxCode: '2800123452',
    agencyCode: '03801',
    wageRegion: '02',
    ivanProvider: '00001',
    signer: 'Lê Văn Ký',
  });
  await call('welcome.dismiss', {});
  await call('employee.save', {
    unitCode: 'TA0001A',
    effectiveDate: '01/10/2015',
    employee: {
      fullName: 'Nguyễn Thị Lan',
      birthDate: '12/05/1990',
      gender: 'F',
      cccd: '038190012345',
      jobTitle: 'Kế toán',
      salary: 3_500_000,
      wageRegion: '02',
      contractNumber: '12/2015/HĐLĐ',
      contractSigned: '01/10/2015',
      contractStart: '01/10/2015',
      contractType: 'fixed',
    },
  });
  await page.reload();
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-unit').fill('TA0001A');
  await page.getByTestId('dossier-period').fill('10/2015');
  await page.getByTestId('dossier-create').click();
  await expect(page.getByTestId('dossier-editor')).toBeVisible();
  await expect(page.getByTestId('problem-item').filter({ hasText: 'hồ sơ chưa có dòng nào' })).toBeVisible();
  await page.getByTestId('rows-from-roster').click();
  // The proposal says why: the hire's contract start, and the 14-working-day rule.
  await expect(page.getByTestId('proposal-reason-0')).toContainText('vào làm ngày 01/10/2015 (ngày bắt đầu HĐLĐ)');
  await page.getByTestId('proposals-take').click();
  await expect(page.getByTestId('editor-notice')).toHaveText('Đã thêm 1 dòng.');
  await expect(page.getByLabel('Họ và tên 1')).toHaveValue('Nguyễn Thị Lan');
  await expect(page.getByLabel('PA 1')).toHaveValue('TM');
  await expect(page.getByTestId('contrib-total')).toHaveText('1.137.500 đ');
  // The roster has no contract end date: a warning (fixed-term contract), which does not block signing.
  await expect(page.getByTestId('sign-readiness')).toHaveText('1 cảnh báo — có thể ký');
  await expect(page.getByTestId('problem-item')).toContainText('Hợp đồng đến ngày');
  await page.getByRole('button', { name: '← Danh sách hồ sơ' }).click();
  const row = page.locator('[data-testid^="dossier-row-"]');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('dossier-state')).toHaveText('Nháp');
  await expect(row).toContainText('10/2015');
});
