import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { expect, fillUnitForm, test } from './fixtures';
import { TAN_AN_UNIT } from '../support/units';
import type { CLERK_SHOTS } from './guide-shots';

/**
 * The clerk's screens of issue 13 in browser mode (Debian Chromium): training kept in its own database, registration
 * 04/ĐK-IVAN through sign and submit, the test clock typed as the clerk types it, confirmations, dossiers found by
 * name. Real parts: the app's own database files, the training I-VAN (a real HTTP server in the app's process), the
 * 2015 test certificate (password `thunghiem`), the built CLI for `kekhai ivan history --json` and `kekhai doctor`.
 * Screenshots go to test-results/clerk/ and, with `npm run guide:screenshots`, into docs/guide/images/.
 */
const ROOT = process.cwd();
const SHOTS = join(ROOT, 'test-results', 'clerk');
const GUIDE_IMAGES = join(ROOT, 'docs', 'guide', 'images');
const CLI = join(ROOT, 'out', 'cli.cjs');
/** The sample unit of training mode (electron/desk/training.ts). */
const DEMO = {
  code: 'TH00001',
  name: 'ĐƠN VỊ TẬP HUẤN — CÔNG TY TNHH MẪU',
  taxCode: '0101234565',
  agencyCode: '38101',
  wageRegion: '01',
};

async function shot(page: Page, name: (typeof CLERK_SHOTS)[number]): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.KEKHAI_UPDATE_GUIDE === '1') {
    mkdirSync(GUIDE_IMAGES, { recursive: true });
    copyFileSync(file, join(GUIDE_IMAGES, `${name}.png`));
  }
}

function cli(args: string[], dataDir: string): { code: number | null; json: unknown; stdout: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir], { encoding: 'utf8' });
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { code: r.status, json, stdout: r.stdout + r.stderr };
}

/** A kekhai-draft/1 of the sample unit (the accepted draft of the declarations tests, moved to TH00001). */
function demoDraft(dir: string, period = '10/2015'): string {
  const draft = JSON.parse(
    readFileSync(join(ROOT, 'tests', 'unit', 'declarations', 'fixtures', 'draft-issue.json'), 'utf8'),
  ) as Record<string, unknown> & { unit: Record<string, unknown>; rows: Record<string, unknown>[] };
  draft.period = period;
  draft.ivan = '00020';
  draft.unit = { ...draft.unit, ...DEMO };
  draft.rows = draft.rows.map((r) => ({ ...r, wageRegion: '01', fromMonth: period }));
  const file = join(dir, `nhap-${period.replace('/', '-')}.json`);
  writeFileSync(file, JSON.stringify(draft));
  return file;
}

async function createRealUnit(page: Page): Promise<void> {
  await expect(page.getByTestId('welcome')).toBeVisible();
  await fillUnitForm(page, TAN_AN_UNIT);
  await page.getByTestId('unit-save').click();
  await page.getByTestId('welcome-provider').selectOption('00020');
  await page.getByTestId('welcome-provider-skip').click();
  await page.getByTestId('welcome-token-next').click();
  await page.getByTestId('welcome-finish').click();
  await expect(page.getByTestId('unit-row-TA00001')).toBeVisible();
}

async function setClock(page: Page, text: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-general').click();
  await page.getByTestId('test-clock').fill(text);
  // Enter saves (the clock is a small form).
  await page.getByTestId('test-clock').press('Enter');
  await expect(page.getByTestId('settings-message')).toContainText('Đã lưu');
}

test('training on → sign with the typed test clock → submit → found by unit name and period → off: the real data is untouched', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(180_000);
  await createRealUnit(page);
  // The unit list says what is still missing before filing electronically, with names rather than codes.
  await expect(page.getByTestId('unit-setup-TA00001')).toContainText('Chưa nộp tờ khai 04/ĐK-IVAN');
  await expect(page.getByTestId('unit-row-TA00001')).toContainText('Vùng I');

  // Training on: one banner, the sample unit only.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-general').click();
  await page.getByTestId('training-toggle').click();
  await expect(page.getByTestId('mode-banner')).toContainText('CHẾ ĐỘ TẬP HUẤN');
  await expect(page.getByTestId('training-endpoint')).toContainText('http://127.0.0.1:');
  await page.getByTestId('nav-units').click();
  await expect(page.getByTestId('unit-row-TH00001')).toBeVisible();
  await expect(page.getByTestId('unit-row-TA00001')).toHaveCount(0);
  await shot(page, 'tap-huan-bat');

  // The test clock as the clerk types it; a wrong form is named, the right one shows in the banner.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-general').click();
  await page.getByTestId('test-clock').fill('2015-10-31T10:00');
  await expect(page.getByTestId('test-clock-error')).toContainText('dd/mm/yyyy hh:mm');
  await setClock(page, '31/10/2015 10:00');
  await expect(page.getByTestId('test-clock-picker')).toHaveValue('2015-10-31T10:00');
  await expect(page.getByTestId('mode-banner-clock')).toHaveText(' · Đồng hồ thử: 31/10/2015 10:00');
  await expect(page.getByTestId('mode-banner')).toHaveCount(1);

  // A draft of the sample unit, signed with the 2015 test certificate: Enter in the password field signs.
  const draftFile = demoDraft(app.dataDir);
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-import').setInputFiles(draftFile);
  await expect(page.getByTestId('dossier-editor')).toBeVisible();
  await page.getByTestId('nav-signing').click();
  await page.getByTestId('signing-tab-dossier').click();
  await expect(page.getByTestId('sign-dossier-choice')).toContainText('TH00001 — 10/2015');
  await expect(page.getByTestId('sign-period-warning')).toHaveCount(0);
  await expect(page.getByTestId('signer-choice')).toHaveValue('test-cert');
  // The disabled button says why and what to do.
  await expect(page.getByTestId('signer-submit')).toBeDisabled();
  await expect(page.getByTestId('signer-why')).toContainText('mật khẩu');
  await page.getByTestId('signer-password').fill('thunghiem');
  await shot(page, 'ky-dong-ho-thu');
  await page.getByTestId('signer-password').press('Enter');
  await expect(page.getByTestId('sign-dossier-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sign-dossier-paper-notice')).toBeVisible();

  // "Nộp": the dossier just signed is picked; "Hỏi lại trước khi nộp" asks, naming the dossier.
  await page.getByTestId('signing-tab-submit').click();
  const panel = page.getByTestId('submit-panel');
  await expect(panel.getByTestId('submit-dossier')).not.toHaveValue('');
  await expect(panel.getByTestId('submit-dossier')).toContainText('TH00001 · 10/2015 · đợt 1 ·');
  await panel.getByTestId('submit-queue').click();
  await expect(panel.getByTestId('submit-state')).toHaveText('Chờ gửi');
  await panel.getByTestId('submit-send').click();
  await expect(page.getByTestId('submit-confirm')).toContainText('TH00001');
  await expect(page.getByTestId('submit-confirm')).toContainText('Kỳ 10/2015');
  await shot(page, 'nop-xac-nhan');
  await page.getByTestId('submit-confirm-yes').click();
  await expect(panel.getByTestId('submit-state')).toHaveText(/Đã gửi I-VAN|BHXH đã tiếp nhận|Được chấp nhận/, {
    timeout: 30_000,
  });

  // The result arrives; the dossier is found in history by the unit's name and the period, and named everywhere.
  await page.getByTestId('nav-inbox').click();
  await expect(async () => {
    await page.getByTestId('ivan-refresh').click();
    await expect(page.getByTestId('note-accepted')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('note-accepted').getByTestId('note-title')).toContainText('TH00001 – ĐƠN VỊ TẬP HUẤN');
  // In English the frame and the C12-TS statement carry no Vietnamese of their own (only the unit's data would).
  await expect(async () => {
    await page.getByTestId('ivan-refresh').click();
    await expect(page.getByTestId('note-c12ts')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await page.getByTestId('lang-switch').selectOption('en');
  // The đồng sign after an amount ("875.000 đ") is the currency, not Vietnamese text.
  const vietnamese = async (l: Locator) => /[À-ỹĐđ]/.test((await l.innerText()).replace(/(\d) đ/g, '$1'));
  await expect(page.getByTestId('statusbar')).toContainText('Data folder');
  expect(await vietnamese(page.getByTestId('statusbar'))).toBe(false);
  const c12 = page.getByTestId('note-c12ts');
  await expect(c12.getByRole('table')).toContainText('Newly owed');
  expect(await vietnamese(c12.getByRole('table'))).toBe(false);
  expect(await vietnamese(c12.locator('strong').first())).toBe(false);
  await page.getByTestId('lang-switch').selectOption('vi');
  await expect(c12.getByRole('table')).toContainText('Phải đóng phát sinh');
  await page.getByTestId('tab-history').click();
  await page.getByTestId('history-search').fill('cong ty tnhh mau');
  await page.getByTestId('history-period').fill('10/2015');
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(page.getByTestId('history-unit')).toContainText('ĐƠN VỊ TẬP HUẤN');
  await expect(page.getByTestId('history-receipt-no')).toHaveText(/\d/);
  // One clock per timeline: every step reads in the test clock's time, none in today's.
  await expect(page.getByTestId('history-steps')).toContainText('31/10/2015');
  await expect(page.getByTestId('history-steps')).not.toContainText(`/${new Date().getFullYear()} `);
  await page.getByTestId('history-receipt').click();
  await expect(page.getByTestId('receipt-unit')).toHaveText(`TH00001 – ${DEMO.name}`);
  await shot(page, 'lich-su-tim-ho-so');
  // The printed receipt is the receipt alone, naming the dossier.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('history-table')).toBeHidden();
  await expect(page.getByTestId('ivan-receipt')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('history-period').fill('09/2015');
  await expect(page.getByTestId('history-row')).toHaveCount(0);

  // An accepted dossier is locked and says so.
  await page.getByTestId('nav-declarations').click();
  await page.locator('[data-testid^="dossier-row-"]').first().getByRole('button', { name: 'Mở' }).click();
  await expect(page.getByTestId('editor-state')).toHaveText('Được chấp nhận');
  await expect(page.getByTestId('sign-readiness')).toContainText('đã khoá');

  // The command line sees the same store while training is on, with the names.
  const history = cli(['ivan', 'history', '--json'], app.dataDir);
  expect(history.code, history.stdout).toBe(0);
  expect(history.json).toEqual([
    expect.objectContaining({
      unitCode: 'TH00001',
      unitName: DEMO.name,
      procedure: '600',
      period: '10/2015',
      batch: 1,
      receiptNo: expect.stringMatching(/\d/),
    }),
  ]);
  const doctor = cli(['doctor', '--json'], app.dataDir);
  expect(doctor.json).toMatchObject({
    training: true,
    trainingDatabaseFile: join(app.dataDir, 'training', 'kekhai.db'),
  });

  // Training off: the real unit is back, the banner is gone, no training row anywhere.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-general').click();
  await page.getByTestId('training-toggle').click();
  await expect(page.getByTestId('mode-banner')).toHaveCount(0);
  await page.getByTestId('nav-units').click();
  await expect(page.getByTestId('unit-row-TA00001')).toBeVisible();
  await expect(page.getByTestId('unit-row-TH00001')).toHaveCount(0);
  await expect(page.getByTestId('unit-switcher')).toHaveValue('TA00001');
  await page.getByTestId('nav-declarations').click();
  await expect(page.getByTestId('dossier-table')).toHaveCount(0);
  await page.getByTestId('nav-inbox').click();
  await expect(page.locator('[data-testid^="note-"]')).toHaveCount(0);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-row')).toHaveCount(0);
  expect(cli(['ivan', 'history', '--json'], app.dataDir).json).toEqual([]);
  expect(cli(['doctor', '--json'], app.dataDir).json).toMatchObject({
    training: false,
    databaseFile: join(app.dataDir, 'kekhai.db'),
  });

  // The real database file itself holds nothing of the training session.
  const real = new Database(join(app.dataDir, 'kekhai.db'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (real.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM units WHERE code = 'TH00001'")).toBe(0);
    expect(count('SELECT count(*) AS n FROM dossiers')).toBe(0);
    expect(count('SELECT count(*) AS n FROM ivan_outbox')).toBe(0);
    expect(count('SELECT count(*) AS n FROM ivan_notifications')).toBe(0);
    expect(count("SELECT count(*) AS n FROM settings WHERE key = 'testMode.clock'")).toBe(0);
  } finally {
    real.close();
  }
});

test('registration 04/ĐK-IVAN of the unit from Cài đặt → I-VAN, signed and submitted to the training I-VAN', async ({
  appPage: page,
}) => {
  test.setTimeout(120_000);
  await page.getByTestId('welcome-training').click();
  await expect(page.getByTestId('mode-banner')).toBeVisible();
  await setClock(page, '31/10/2015 10:00');
  // The unit reminds until registration is done, and leads to it.
  await page.getByTestId('nav-units').click();
  await expect(page.getByTestId('unit-setup-TH00001')).toContainText('Chưa nộp tờ khai 04/ĐK-IVAN');
  await page.getByTestId('unit-setup-go-TH00001').click();
  const reg = page.getByTestId('ivan-registrations');
  await expect(reg).toContainText(`Đăng ký I-VAN của đơn vị TH00001 – ${DEMO.name}`);
  // The unit's own provider, not another one.
  await expect(page.getByTestId('reg-provider')).toContainText('00020');

  // The form starts from the unit's record; empty fields are named beside the field, in Vietnamese.
  await expect(page.getByTestId('reg-unitName')).toHaveValue(DEMO.name);
  await expect(page.getByTestId('reg-place')).toHaveValue('TP Thanh Hoá');
  await page.getByTestId('reg-place').fill('');
  await page.getByTestId('reg-email').fill('');
  await page.getByTestId('reg-build').click();
  await expect(page.getByTestId('reg-place-error')).toHaveText('Thiếu địa điểm lập');
  await expect(page.getByTestId('reg-email-error')).toHaveText('Thiếu email');
  await expect(page.getByTestId('reg-message')).toHaveText('Tờ khai còn thiếu hoặc sai ở các ô được đánh dấu.');
  await page.getByTestId('reg-place').fill('Thanh Hoá');
  await page.getByTestId('reg-email').fill('ketoan@mau.vn');
  await page.getByTestId('reg-phone').fill('0237385000');
  await expect(page.getByTestId('reg-cert')).toHaveValue('test-cert');
  await page.getByTestId('reg-build').click();
  await expect(page.getByTestId('reg-row')).toHaveCount(1);
  await expect(page.getByTestId('reg-status')).toHaveText('Đã lập, chưa ký');
  // Building again before submitting keeps one row.
  await page.getByTestId('reg-build').click();
  await expect(page.getByTestId('reg-message')).toContainText('Đã lập tờ khai');
  await expect(page.getByTestId('reg-row')).toHaveCount(1);

  // Signed with the same signer picker as a dossier (Enter signs), then submitted after a confirmation.
  await page.getByTestId('reg-sign').click();
  await page.getByTestId('reg-signer').getByTestId('signer-password').fill('thunghiem');
  await page.getByTestId('reg-signer').getByTestId('signer-password').press('Enter');
  await expect(page.getByTestId('reg-status')).toHaveText('Đã ký, chưa nộp');
  await page.getByTestId('reg-submit').click();
  await expect(page.getByTestId('reg-confirm')).toContainText('00020');
  await shot(page, 'dang-ky-04');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reg-status')).toHaveText(/Đã gửi I-VAN|BHXH đã tiếp nhận|Được chấp nhận/, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('reg-row')).toHaveCount(1);
  // The training I-VAN decides a moment later: the unit is then ready.
  await expect(async () => {
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('ivan-refresh').click();
    await page.getByTestId('nav-units').click();
    await expect(page.getByTestId('unit-setup-TH00001')).toHaveText('Sẵn sàng', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});

test('editor keys (Insert, Delete with confirm and undo, Enter, Ctrl+S) and Kiểm tra like HTKK; F1 guide; delete asks first; a period later than the test clock is warned; submitting asks unless switched off', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.getByTestId('welcome-training').click();
  await expect(page.getByTestId('mode-banner')).toBeVisible();
  await setClock(page, '31/10/2015 10:00');
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-import').setInputFiles(demoDraft(app.dataDir, '11/2015'));
  await expect(page.getByTestId('dossier-editor')).toBeVisible();

  // Amounts read as the clerk reads them, in the cell too; typed raw, shown formatted again on leaving the cell.
  const salary = page.locator('[data-field="rows[0].salary"]');
  await expect(salary).toHaveValue('3.500.000');
  await salary.fill('3600000');
  await salary.press('Tab');
  await expect(salary).toHaveValue('3.600.000');

  // Like HTKK: "Kiểm tra" saves and reports; Insert adds a row, Enter moves to the next field, Ctrl+S saves.
  await page.getByTestId('draft-check').click();
  await expect(page.getByTestId('editor-notice')).toContainText('Đã kiểm tra');
  const rowsBefore = await page.locator('[data-testid^="draft-row-"]').count();
  await page.locator('[data-field="rows[0].fullName"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-field="rows[0].insuranceNo"]')).toBeFocused();
  await page.keyboard.press('Insert');
  await expect(page.locator('[data-testid^="draft-row-"]')).toHaveCount(rowsBefore + 1);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('editor-notice')).toHaveText('Đã lưu.');
  // The grid scrolls sideways inside its column, the first columns stay put.
  const scroller = page.locator('.editor-scroll');
  expect(
    await scroller.evaluate((e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'scroll'),
  ).toBe(true);
  // Delete: inside a cell holding text it deletes a character; on an empty cell or the row number it removes the row.
  const gridRows = page.locator('[data-testid^="draft-row-"]');
  const blankName = page.locator(`[data-field="rows[${rowsBefore}].fullName"]`);
  await blankName.fill('AB');
  await blankName.press('Home');
  await blankName.press('Delete');
  await expect(blankName).toHaveValue('B');
  await expect(gridRows).toHaveCount(rowsBefore + 1);
  await blankName.fill('');
  // The added row is blank again: it goes without asking, so the list below shows one dossier.
  await blankName.press('Delete');
  await expect(gridRows).toHaveCount(rowsBefore);
  await expect(page.getByTestId('row-remove-confirm')).toHaveCount(0);
  // A row with data asks first (Escape keeps it), and can be put back with "Hoàn tác".
  const firstName = await page.locator('[data-field="rows[0].fullName"]').inputValue();
  const handle = page.getByTestId('draft-row-0').locator('[data-row-handle]');
  await handle.focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('row-remove-confirm')).toContainText(`Dòng 1 (${firstName})`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('row-remove-confirm')).toHaveCount(0);
  await expect(gridRows).toHaveCount(rowsBefore);
  await handle.focus();
  await page.keyboard.press('Delete');
  await page.getByTestId('row-remove-confirm-yes').click();
  await expect(gridRows).toHaveCount(rowsBefore - 1);
  await expect(page.getByTestId('row-removed')).toContainText('Đã xóa dòng 1.');
  await page.getByTestId('row-undo').click();
  await expect(gridRows).toHaveCount(rowsBefore);
  await expect(page.locator('[data-field="rows[0].fullName"]')).toHaveValue(firstName);

  // F1 opens the guide at the page of this screen, with its pictures; Esc closes it.
  await page.keyboard.press('F1');
  const guide = page.getByTestId('guide');
  await expect(guide).toHaveAttribute('data-page', '03-bao-tang-bao-giam.md');
  await expect(guide).toContainText('Xoá một hồ sơ nháp');
  const picture = guide.locator('img[alt="Hỏi lại trước khi xoá hồ sơ"]');
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await expect(guide).toHaveCount(0);

  // Signing a period after the clock is warned about.
  await page.getByTestId('nav-signing').click();
  await page.getByTestId('signing-tab-dossier').click();
  await expect(page.getByTestId('sign-period-warning')).toContainText(
    'Kỳ 11/2015 muộn hơn ngày của đồng hồ (31/10/2015 10:00)',
  );

  // "Xóa" asks, naming the dossier; "Không xóa" (or Escape) keeps it; confirming deletes it.
  await page.getByTestId('nav-declarations').click();
  const rows = page.locator('[data-testid^="dossier-row-"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('ĐƠN VỊ TẬP HUẤN');
  await page.getByTestId('dossier-delete').click();
  await expect(page.getByTestId('delete-confirm')).toContainText(
    'TH00001 – ĐƠN VỊ TẬP HUẤN — CÔNG TY TNHH MẪU · Kỳ 11/2015 · Đợt 1',
  );
  await shot(page, 'xoa-xac-nhan');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('delete-confirm')).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  await page.getByTestId('dossier-delete').click();
  await page.getByTestId('delete-confirm-no').click();
  await expect(rows).toHaveCount(1);
  await page.getByTestId('dossier-delete').click();
  await page.getByTestId('delete-confirm-yes').click();
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('dossier-notice')).toContainText('Đã xóa hồ sơ TH00001');
  // Undo is offered: the draft comes back with its rows; deleting it again asks again.
  await page.getByTestId('dossier-undo').click();
  await expect(page.getByTestId('dossier-notice')).toContainText('Đã lấy lại hồ sơ nháp vừa xóa');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('11/2015');
  await page.getByTestId('dossier-delete').click();
  await page.getByTestId('delete-confirm-yes').click();
  await expect(rows).toHaveCount(0);

  // Submitting: asked by default; "Chưa nộp" leaves it queued. With the setting off, "Gửi ngay" sends at once.
  await page.getByTestId('dossier-import').setInputFiles(demoDraft(app.dataDir, '10/2015'));
  await expect(page.getByTestId('dossier-editor')).toBeVisible();
  await page.getByTestId('nav-signing').click();
  await page.getByTestId('signing-tab-dossier').click();
  await page.getByTestId('signer-password').fill('thunghiem');
  await page.getByTestId('signer-submit').click();
  await expect(page.getByTestId('sign-dossier-result')).toBeVisible({ timeout: 60_000 });
  // From the list, "Nộp" opens the submit tab on that dossier.
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-to-submit').click();
  const panel = page.getByTestId('submit-panel');
  await expect(panel.getByTestId('submit-dossier')).not.toHaveValue('');
  await panel.getByTestId('submit-queue').click();
  await panel.getByTestId('submit-send').click();
  await page.getByTestId('submit-confirm-no').click();
  await expect(panel.getByTestId('submit-state')).toHaveText('Chờ gửi');
  // Cancelling a queued dossier in the outbox asks too, naming it; "Giữ trong hàng đợi" keeps it.
  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('tab-outbox').click();
  await expect(page.getByTestId('outbox-row')).toContainText('TH00001 · Kỳ 10/2015');
  await page.getByTestId('outbox-cancel').click();
  await expect(page.getByTestId('outbox-cancel-confirm')).toContainText('TH00001 · Kỳ 10/2015');
  await page.getByTestId('outbox-cancel-confirm-no').click();
  await expect(page.getByTestId('outbox-state')).toHaveText('Chờ gửi');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-general').click();
  // A controlled box: it changes once the setting is saved.
  await page.getByTestId('confirm-submit').click();
  await expect(page.getByTestId('confirm-submit')).not.toBeChecked();
  await expect(page.getByTestId('settings-message')).toContainText('Đã lưu');
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('nav-signing').click();
  await page.getByTestId('signing-tab-submit').click();
  await panel.getByTestId('submit-queue').click();
  await panel.getByTestId('submit-send').click();
  await expect(page.getByTestId('submit-confirm')).toHaveCount(0);
  await expect(panel.getByTestId('submit-state')).toHaveText(/Đã gửi I-VAN|BHXH đã tiếp nhận|Được chấp nhận/, {
    timeout: 30_000,
  });
});
