import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeXlsx } from '../fixtures/roster/generate';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm';
import { makeTempDir, removeDir } from '../support/tmp';
import { expect, fillUnitForm, serveApp, stopApp, test, type ServedApp } from './fixtures';
import { TAN_AN_UNIT } from '../support/units';
import { CLERK_SHOTS } from './guide-shots';

/**
 * The clerk's whole journey in browser mode, one screenshot per step. Screenshots are kept as test artifacts
 * (test-results/journey/) and copied into docs/guide/images/, which the Vietnamese user guide shows, so the guide
 * never drifts from the app. Real parts: a SoftHSM token (PIN typed in the dialog), the local I-VAN server started
 * with `kekhai ivan serve`, a generated .xlsx roster, Chromium's PDF printer, the database backup and restore.
 */
const ROOT = process.cwd();
const SHOTS = join(ROOT, 'test-results', 'journey');
const GUIDE_IMAGES = join(ROOT, 'docs', 'guide', 'images');
const PIN = '246810';
const MST = TAN_AN_UNIT.taxCode;
const UNIT = TAN_AN_UNIT.code;

// One continuous story: each step builds on the previous one.
test.describe.configure({ mode: 'serial' });

const now = new Date(Date.now() + 7 * 3600_000);
const PERIOD = `${String(now.getUTCMonth() + 1).padStart(2, '0')}/${now.getUTCFullYear()}`;

let token: SoftHsmToken;
let ivan: { process: ChildProcess; url: string; dataDir: string };
let app: ServedApp;
let page: Page;
let scratch: string;
const shots: string[] = [];

async function shot(name: string): Promise<void> {
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  // `npm run guide:screenshots` refreshes the guide's pictures; ordinary runs leave the tracked files alone
  // (each run's pictures differ in temp paths and times) and only check the guide names exactly these steps.
  if (process.env.KEKHAI_UPDATE_GUIDE === '1') {
    mkdirSync(GUIDE_IMAGES, { recursive: true });
    copyFileSync(file, join(GUIDE_IMAGES, `${name}.png`));
  }
  shots.push(name);
}

/** `kekhai ivan serve --port 0 --json` prints one JSON document with the URL. */
function startIvan(dataDir: string): Promise<{ process: ChildProcess; url: string; dataDir: string }> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'out', 'cli.cjs'),
      'ivan',
      'serve',
      '--port',
      '0',
      '--data',
      dataDir,
      '--result-delay-ms',
      '500',
      '--json',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`kekhai ivan serve did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+[^"]*)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ process: child, url: m[1]!, dataDir });
      }
    });
    child.stderr!.on('data', (c) => (err += c));
    child.on('exit', (code) => reject(new Error(`kekhai ivan serve exited ${code}: ${err}`)));
  });
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  scratch = makeTempDir('kekhai-journey-');
  token = await createSoftHsmToken({
    label: 'KEKHAI-TOKEN',
    pin: PIN,
    soPin: '87654321',
    mst: MST,
    organisation: 'CONG TY TNHH TAN AN',
  });
  ivan = await startIvan(join(scratch, 'ivan'));
  app = await serveApp({ env: token.env });
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
  });
  page = await context.newPage();
  await page.goto(app.url);
});

test.afterAll(async () => {
  await page?.context().close();
  if (app) await stopApp(app);
  if (ivan && ivan.process.exitCode === null) {
    const done = new Promise((r) => ivan.process.once('exit', r));
    ivan.process.kill('SIGTERM');
    await done;
  }
  token?.cleanup();
  if (scratch) removeDir(scratch);
});

test('1. first run: create the unit', async () => {
  await expect(page.getByTestId('welcome')).toBeVisible();
  await shot('01-welcome');
  await fillUnitForm(page, { ...TAN_AN_UNIT, phone: '0237 3850 000', signer: 'Nguyễn Văn Giám Đốc' });
  await page.getByTestId('unit-save').click();
  // Provider: the unit's I-VAN (here the local server, plain http on this machine only).
  await page.getByTestId('welcome-provider').selectOption('00040');
  await page.getByTestId('welcome-endpoint').fill(ivan.url);
  await page.getByTestId('welcome-provider-next').click();
  await expect(page.getByTestId('welcome-step-token')).toHaveAttribute('aria-current', 'step');
  await page.getByTestId('welcome-token-next').click();
  await page.getByTestId('welcome-finish').click();
  await expect(page.getByTestId(`unit-row-${UNIT}`)).toBeVisible();
  await shot('02-unit');
});

test('2. import the roster from .xlsx', async () => {
  const xlsx = join(scratch, 'danh-sach-lao-dong.xlsx');
  await writeXlsx(
    xlsx,
    [
      'STT',
      'Họ và tên',
      'Mã số BHXH',
      'Ngày sinh',
      'Giới tính',
      'CMND/CCCD',
      'Chức vụ',
      'Tiền lương',
      'Phòng ban',
      'Loại hợp đồng',
      'Số hợp đồng',
      'Ngày ký hợp đồng',
      'Ngày bắt đầu HĐLĐ',
    ],
    [
      // Anh and Cúc start on the 1st of this month (hires dated by their contract); Bình has worked since 2024.
      [
        1,
        'Nguyễn Thị Anh',
        '3801000001',
        '01/01/1990',
        'Nữ',
        '038190000011',
        'Kế toán',
        8_500_000,
        'Kế toán',
        'Không xác định thời hạn',
        '01/2024/HĐLĐ',
        '02/01/2024',
        `01/${PERIOD}`,
      ],
      [
        2,
        'Trần Văn Bình',
        '3801000002',
        '15/06/1985',
        'Nam',
        '038085000022',
        'Lái xe',
        7_800_000,
        'Hành chính',
        'Xác định thời hạn',
        '02/2024/HĐLĐ',
        '02/01/2024',
        '02/01/2024',
      ],
      [
        3,
        'Lê Thị Cúc',
        '3801000003',
        '20/11/1995',
        'Nữ',
        '038195000033',
        'Nhân viên bán hàng',
        7_200_000,
        'Kinh doanh',
        'Xác định thời hạn',
        '03/2024/HĐLĐ',
        '02/01/2024',
        `01/${PERIOD}`,
      ],
    ],
  );
  await page.getByTestId('nav-employees').click();
  await page.getByTestId('employee-import').click();
  await page.getByTestId('import-file').setInputFiles(xlsx);
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await page.getByTestId('import-mapping-next').click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await shot('03-roster-preview');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result')).toBeVisible();
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('employee-row')).toHaveCount(3);
  await shot('04-roster');
});

test('3. draft a báo tăng and a báo giảm, see and fix a validation error', async () => {
  // Trần Văn Bình leaves this month: a báo giảm (GH) next to the báo tăng (TM) of the others.
  await page.getByTestId('employee-row').filter({ hasText: 'Trần Văn Bình' }).dblclick();
  // BHXH has known him since 01/2024; his first day no longer employed is the 1st of this month.
  await page.getByTestId('emp-participatingSince').fill('01/2024');
  await page.getByTestId('emp-status').selectOption('left');
  await page.getByTestId('emp-effectiveDate').fill(`01/${PERIOD}`);
  await page.getByTestId('employee-save').click();
  await expect(page.getByTestId('employee-form')).toHaveCount(0);

  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-unit').fill(UNIT);
  await page.getByTestId('dossier-period').fill(PERIOD);
  await page.getByTestId('dossier-create').click();
  await expect(page.getByTestId('dossier-editor')).toBeVisible();
  await page.getByTestId('rows-from-roster').click();
  // The proposals come with their reasons; the clerk takes them all.
  await expect(page.getByTestId('proposals-table')).toContainText('vào làm ngày 01/');
  await page.getByTestId('proposals-take').click();
  await expect(page.getByTestId('draft-row-0')).toBeVisible();
  const plans = await page
    .locator('[data-field$=".plan"]')
    .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  expect(plans).toContain('TM');
  expect(plans).toContain('GH');
  await expect(page.getByTestId('save-status')).toHaveText(/Đã lưu|/);
  await shot('05-draft');

  // A salary below the regional minimum is named at its row and field.
  const salary = page.locator('[data-field="rows[0].salary"]');
  const original = await salary.inputValue();
  await salary.fill('1000000');
  await expect(page.getByTestId('problem-item').first()).toContainText('Dòng 1');
  await expect(page.getByTestId('problem-item').first()).toContainText('Tiền lương');
  await expect(salary).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('sign-readiness')).toHaveClass(/error/);
  await shot('06-validation-error');
  await page.getByTestId('problem-item').first().click();
  await salary.fill(original);
  await expect(page.getByTestId('sign-readiness')).toHaveClass(/success/);
  await shot('07-validation-fixed');
});

test('4. sign with the SoftHSM token, PIN typed in the dialog', async () => {
  await page.getByTestId('nav-signing').click();
  await page.getByTestId('signing-tab-dossier').click();
  await expect(page.getByTestId('sign-dossier-choice')).toContainText(UNIT);
  // The token's certificate is offered (a real PKCS#11 token: SoftHSM2 through its library).
  await expect(page.getByTestId('signer-choice')).toContainText('MST ' + MST);
  // A wrong PIN first: the token says so, nothing is retried, the PIN field is empty again.
  await page.getByTestId('signer-pin').fill('000000');
  await page.getByTestId('signer-submit').click();
  await expect(page.getByTestId('sign-dossier-error')).toContainText('PIN');
  await expect(page.getByTestId('signer-pin')).toHaveValue('');
  await page.getByTestId('signer-pin').fill(PIN);
  await shot('08-sign');
  await page.getByTestId('signer-submit').click();
  await expect(page.getByTestId('sign-dossier-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sign-dossier-result')).toContainText('BHXHDienTu.xml');
  await expect(page.getByTestId('sign-dossier-paper-notice')).toHaveCount(0);
  await shot('09-signed');
});

test('5. submit to the local I-VAN server and see the receipt', async () => {
  await page.getByTestId('signing-tab-submit').click();
  const panel = page.getByTestId('submit-panel');
  // The dossier just signed is offered by name; its stored signed envelope is sent (never re-uploaded).
  await expect(panel.getByTestId('submit-dossier')).toContainText(PERIOD);
  await panel.getByTestId('submit-dossier').selectOption({ index: 1 });
  await panel.getByTestId('submit-queue').click();
  await expect(panel.getByTestId('submit-state')).toHaveText('Chờ gửi');
  await panel.getByTestId('submit-send').click();
  // "Hỏi lại trước khi nộp hồ sơ" is on by default: the clerk confirms (Enter) what goes where.
  await expect(page.getByTestId('submit-confirm')).toContainText(PERIOD);
  await page.keyboard.press('Enter');
  // The I-VAN's receipt: a transaction id and "received".
  await expect(panel.getByTestId('submit-state')).toHaveText(/BHXH đã tiếp nhận|Được chấp nhận/, { timeout: 30_000 });
  await expect(panel.getByTestId('submit-tx')).not.toHaveText('—');
  await shot('10-receipt');
});

test('6. the accepted result with its số hồ sơ arrives in the inbox', async () => {
  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('tab-inbox').click();
  // The server decides a moment after the receipt; the clerk presses "refresh" until the result is there.
  await expect(async () => {
    await page.getByTestId('ivan-refresh').click();
    await expect(page.getByTestId('note-accepted')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('note-accepted').getByTestId('note-receipt-no')).toHaveText(/\S+/);
  await expect(page.getByTestId('note-rejected')).toHaveCount(0);
  await shot('11-inbox');
});

test('7. print the dossier to PDF', async () => {
  await page.getByTestId('nav-declarations').click();
  await page.locator('[data-testid^="dossier-row-"]').first().getByRole('button').first().click();
  await page.getByTestId('open-print').click();
  await expect(page.getByTestId('print-forms')).toBeVisible();
  await shot('12-print');
  // What the desktop app's printToPDF does, through Chromium's own PDF printer (print stylesheet, A4 landscape).
  // The forms' serif font stays inside the print view; the app around it keeps its own.
  const appFont = await page.getByTestId('section-title').evaluate((e) => getComputedStyle(e).fontFamily);
  expect(appFont).toContain('sans-serif');
  expect(appFont).not.toContain('Times');
  await page.emulateMedia({ media: 'print' });
  // The PDF starts with the forms, not the screen's heading.
  await expect(page.getByTestId('section-title')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const file = join(SHOTS, 'ho-so.pdf');
  writeFileSync(file, pdf);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/Page\b/);
  await test.info().attach('ho-so.pdf', { path: file, contentType: 'application/pdf' });
});

test('8. back up and restore the database', async () => {
  await page.getByTestId('nav-declarations').click();
  const rows = page.locator('[data-testid^="dossier-row-"]');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-backup').click();
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-message')).toContainText('Đã sao lưu');
  const manual = page.getByTestId('backup-row').filter({ hasText: 'Thủ công' }).first();
  await expect(manual).toBeVisible();
  const name = await manual.getAttribute('data-name');
  await shot('13-backup');

  // A change after the backup: a second dossier for the same period.
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-unit').fill(UNIT);
  await page.getByTestId('dossier-period').fill(PERIOD);
  await page.getByTestId('dossier-create').click();
  await expect(page.getByTestId('dossier-editor')).toBeVisible();
  await page.getByTestId('nav-declarations').click();
  await expect(rows).toHaveCount(before + 1);

  // Restore the manual backup: the extra dossier is gone, a copy of the replaced data is kept.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId(`restore-${name}`).click();
  await expect(page.getByTestId('restore-confirm')).toContainText(name!);
  await page.getByTestId('restore-confirm-yes').click();
  await expect(page.getByTestId('backup-message')).toContainText('Đã khôi phục');
  await expect(page.getByTestId('backup-list')).toContainText('Trước khi khôi phục');
  await shot('14-restore');
  await page.getByTestId('nav-declarations').click();
  await expect(rows).toHaveCount(before);
  // The restore is in the audit log with the OS user name.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-audit').click();
  await expect(page.getByTestId('audit-table')).toContainText('Khôi phục dữ liệu từ bản sao lưu');
  // …next to every state change of the dossier: draft → signed → queued → … → accepted.
  await page.getByTestId('audit-search').fill('dossier.');
  await expect(page.getByTestId('audit-table')).not.toContainText('Khôi phục dữ liệu');
  for (const state of ['Nháp', 'Đã ký', 'Được chấp nhận'])
    await expect(page.getByTestId('audit-table')).toContainText(state);
  await expect(page.getByTestId('audit-table')).toContainText('Hồ sơ BHXH đã tiếp nhận → Được chấp nhận');
  await shot('15-audit');
});

test('9. the user guide shows exactly the screenshots this journey takes', async () => {
  const guide = readdirSync(join(ROOT, 'docs', 'guide'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(ROOT, 'docs', 'guide', f), 'utf8'))
    .join('\n');
  const referenced = [...guide.matchAll(/\]\(images\/([^)]+)\.png\)/g)].map((m) => m[1]!).sort();
  // The clerk-screen pictures are taken by tests/e2e/clerk.spec.ts (also run by `npm run guide:screenshots`).
  expect(referenced).toEqual([...new Set([...shots, ...CLERK_SHOTS])].sort());
  for (const name of referenced) expect(existsSync(join(GUIDE_IMAGES, `${name}.png`)), name).toBe(true);
});
