import { readFileSync } from 'node:fs';
import { test, expect, fillUnitForm, serveApp, stopApp } from './fixtures';
import { TAN_AN_UNIT } from '../support/units';
import { createSoftHsmToken } from '../support/softhsm';

// The desk screens in browser mode: first run, training mode, backup and restore, the audit log.

test('first run: the welcome flow creates the unit, sets the provider and ends in the app', async ({
  appPage: page,
}) => {
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('welcome-step-unit')).toHaveAttribute('aria-current', 'step');
  // A wrong tax code is named at the field, in Vietnamese.
  await fillUnitForm(page, { ...TAN_AN_UNIT, taxCode: '0101234567' });
  await page.getByTestId('unit-save').click();
  await expect(page.getByTestId('unit-taxCode-error')).toContainText('chữ số kiểm tra');
  await page.getByTestId('unit-taxCode').fill('0101234565');
  await page.getByTestId('unit-save').click();

  await expect(page.getByTestId('welcome-step-provider')).toHaveAttribute('aria-current', 'step');
  await page.getByTestId('welcome-provider').selectOption('00040');
  // Plain http to another machine is refused: credentials must not cross a network in clear.
  await page.getByTestId('welcome-endpoint').fill('http://ivan.example.invalid/api');
  await page.getByTestId('welcome-provider-next').click();
  await expect(page.getByRole('alert')).toContainText('https');
  // An empty address is not accepted silently: the step says what to enter, or to skip (the unit then reminds).
  await page.getByTestId('welcome-endpoint').fill('');
  await page.getByTestId('welcome-provider-next').click();
  await expect(page.getByRole('alert')).toContainText('Nhập địa chỉ I-VAN');
  await page.getByTestId('welcome-provider-skip').click();

  await expect(page.getByTestId('welcome-step-token')).toHaveAttribute('aria-current', 'step');
  await page.getByTestId('welcome-token-next').click();
  await expect(page.getByTestId('welcome-step-registration')).toHaveAttribute('aria-current', 'step');
  await page.getByTestId('welcome-finish').click();

  await expect(page.getByTestId('welcome')).toHaveCount(0);
  await expect(page.getByTestId('section-title')).toHaveText('Đơn vị');
  await expect(page.getByTestId('unit-row-TA00001')).toBeVisible();
  // After a reload the flow does not come back.
  await page.reload();
  await expect(page.getByTestId('section-title')).toHaveText('Đơn vị');
  await expect(page.getByTestId('welcome')).toHaveCount(0);
});

test('first run with a token: the registration date is typed dd/mm/yyyy, a wrong one is refused, the right one is in the 04/ĐK-IVAN', async ({
  page,
}) => {
  const token = await createSoftHsmToken({ label: 'WELCOME TOKEN', pin: '112233', soPin: '332211', mst: '0101234565' });
  const app = await serveApp({ env: token.env });
  try {
    await page.goto(app.url);
    await fillUnitForm(page, TAN_AN_UNIT);
    await page.getByTestId('unit-ivanProvider').selectOption('00040');
    await page.getByTestId('unit-save').click();
    await page.getByTestId('welcome-provider-skip').click();
    await page.getByTestId('welcome-token-next').click();
    await expect(page.getByTestId('welcome-step-registration')).toHaveAttribute('aria-current', 'step');

    await page.getByTestId('welcome-place').fill('Thanh Hoá');
    await page.getByTestId('welcome-email').fill('ketoan@tanan.vn');
    await page.getByTestId('welcome-phone').fill('0237 3850 000');
    const date = page.getByLabel('Ngày lập (dd/mm/yyyy)');
    await expect(date).toHaveAttribute('placeholder', 'dd/mm/yyyy');
    await date.fill('2026-01-15');
    await page.getByTestId('welcome-build').click();
    await expect(page.getByRole('alert')).toContainText('Ngày lập phải có dạng dd/mm/yyyy');
    await date.fill('15/01/2026');
    const download = page.waitForEvent('download');
    await page.getByTestId('welcome-build').click();
    const xml = readFileSync((await (await download).path())!, 'utf8');
    expect(xml).toMatch(/<NGAY_LAP>15\/01\/2026<\/NGAY_LAP>/);
    await expect(page.getByTestId('welcome-built')).toBeVisible();
  } finally {
    await stopApp(app);
    token.cleanup();
  }
});

test('training mode: demo unit, local I-VAN server, one banner and the title bar', async ({ appPage: page }) => {
  await page.getByTestId('welcome-training').click();
  await expect(page.getByTestId('mode-banner')).toContainText('CHẾ ĐỘ TẬP HUẤN');
  await expect(page).toHaveTitle('[TẬP HUẤN] KêKhai BHXH');
  await expect(page.getByTestId('unit-row-TH00001')).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-general').click();
  await expect(page.getByTestId('training-endpoint')).toContainText('http://127.0.0.1:');
  await page.getByTestId('training-toggle').click();
  await expect(page.getByTestId('mode-banner')).toHaveCount(0);
  await expect(page).toHaveTitle('KêKhai BHXH');
});

test('backup: manual copy with download, restore with confirmation, audit trail', async ({ appPage: page }) => {
  await page.getByTestId('welcome-training').click();
  await expect(page.getByTestId('mode-banner')).toBeVisible();
  // Training has its own database; opening the app in training takes that database's daily copy.
  await page.reload();
  await expect(page.getByTestId('mode-banner')).toBeVisible();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-tab-backup')).toHaveAttribute('aria-selected', 'true');
  // The automatic daily copy was taken when the app opened.
  await expect(page.getByTestId('backup-row').first()).toBeVisible();
  await expect(page.getByTestId('backup-list')).toContainText('Tự động');

  const download = page.waitForEvent('download');
  await page.getByTestId('backup-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kekhai-manual-\d{8}-\d{6}(-\d+)?\.db$/);
  const saved = await file.path();
  expect(readFileSync(saved).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  await expect(page.getByTestId('backup-message')).toContainText('Đã sao lưu');

  // Change something after the backup: stop asking before submitting.
  await page.getByTestId('settings-tab-general').click();
  await expect(page.getByTestId('confirm-submit')).toBeChecked();
  // A controlled box: it changes once the setting is saved.
  await page.getByTestId('confirm-submit').click();
  await expect(page.getByTestId('confirm-submit')).not.toBeChecked();
  await expect(page.getByTestId('settings-message')).toBeVisible();

  // Restore the downloaded file: confirm, then the app shows the restored state (asking again).
  await page.getByTestId('settings-tab-backup').click();
  await page.getByTestId('restore-file').setInputFiles(saved);
  await expect(page.getByTestId('restore-confirm')).toBeVisible();
  await page.getByTestId('restore-confirm-yes').click();
  await expect(page.getByTestId('backup-message')).toContainText('Đã khôi phục');
  await expect(page.getByTestId('mode-banner')).toBeVisible();
  await expect(page.getByTestId('backup-list')).toContainText('Trước khi khôi phục');
  await page.getByTestId('settings-tab-general').click();
  await expect(page.getByTestId('confirm-submit')).toBeChecked();
  await page.getByTestId('settings-tab-backup').click();

  // A damaged file is refused with a Vietnamese message and nothing changes.
  await page.getByTestId('restore-file').setInputFiles({
    name: 'hong.db',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('không phải cơ sở dữ liệu'),
  });
  await page.getByTestId('restore-confirm-yes').click();
  await expect(page.getByTestId('backup-message')).toContainText('không phải bản sao lưu');

  // Ctrl+Shift+S backs up from anywhere.
  await page.getByTestId('nav-units').click();
  await page.keyboard.press('Control+Shift+S');
  await expect(page.getByTestId('status-notice')).toContainText('Đã sao lưu');

  // Every step is in the audit log, with the OS user name, and exports as CSV.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-audit').click();
  // In sentences, not codes.
  await expect(page.getByTestId('audit-table')).toContainText('Khôi phục dữ liệu từ bản sao lưu ');
  await expect(page.getByTestId('audit-table')).toContainText('Đổi cài đặt “Chế độ tập huấn”: tắt → bật');
  await expect(page.getByTestId('audit-table')).not.toContainText('backup.restored');
  await page.getByTestId('audit-search').fill('backup.restored');
  await expect(page.getByTestId('audit-row')).toHaveCount(1);
  const csv = page.waitForEvent('download');
  await page.getByTestId('audit-export-csv').click();
  const csvFile = await csv;
  expect(csvFile.suggestedFilename()).toMatch(/^nhat-ky-.*\.csv$/);
  expect(readFileSync(await csvFile.path(), 'utf8')).toContain('Thời gian;Thời điểm (ISO);Người dùng');
});
