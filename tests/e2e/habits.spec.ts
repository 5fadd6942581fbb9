/**
 * A clerk's real habits in browser mode (Debian Chromium against `kekhai serve`): two tabs on one record, double
 * clicks and Enter pressed twice, a reload in the middle of an import or a send, and `kekhai` writing to the same
 * data folder while a tab shows the roster. Nothing may be lost, doubled, or shown other than it is.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, apiCaller, serveApp, stopApp, type ServedApp } from './fixtures';
import { runCli } from '../support/cli';
import { SAIGON_UNIT } from '../support/units';
import { makeTempDir, removeDir } from '../support/tmp';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../fixtures/roster/generate';
import { startIvanServer } from '../../electron/ivan/simulator/server';
import { listTransactions } from '../../electron/ivan/simulator/store';
import { RESOURCES, receiptClock } from '../integration/ivan/fixtures';

const DRAFT = join(process.cwd(), 'tests', 'unit', 'declarations', 'fixtures', 'draft-issue.json');
const DRAFT_UNIT = {
  code: 'TA0001A',
  name: 'Công ty TNHH Mẫu & Cộng sự',
  taxCode: '2800123452',
  agencyCode: '03801',
  wageRegion: '02',
};

/** A second tab on the same served app (its own sessionStorage, so it opens the link with the token). */
async function secondTab(page: Page, app: ServedApp, hash = ''): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.goto(app.url + hash);
  await expect(tab.getByTestId('statusbar')).toBeVisible();
  return tab;
}

/** Reads the app's database beside the running host (WAL: a reader never blocks it). */
function query<T>(app: ServedApp, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(app.dataDir, 'kekhai.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function withUnit(page: Page, app: ServedApp, unit: object = SAIGON_UNIT) {
  const call = apiCaller(page, app);
  await call('unit.add', unit);
  await call('welcome.dismiss', {});
  await page.reload();
  return call;
}

async function openEmployee(page: Page, name: string) {
  await page.getByTestId('nav-employees').click();
  await page.getByTestId('employee-row').filter({ hasText: name }).dblclick();
  await expect(page.getByTestId('emp-fullName')).toHaveValue(name);
}

test('employee form: a double click on "Lưu" and Enter pressed twice each add the person once', async ({
  app,
  appPage: page,
}) => {
  await withUnit(page, app);
  await page.getByTestId('nav-employees').click();
  // No CCCD or mã số yet: nothing in the data itself would tell two saves apart.
  await page.getByTestId('employee-add').click();
  await page.getByTestId('emp-fullName').fill('Phạm Văn Dũng');
  await page.getByTestId('emp-birthDate').fill('1990');
  await page.getByTestId('employee-save').dblclick();
  await expect(page.getByTestId('employee-notice')).toContainText('Phạm Văn Dũng');
  await expect(page.getByTestId('employee-count')).toHaveText('1 người');

  await page.getByTestId('employee-add').click();
  await page.getByTestId('emp-fullName').fill('Hoàng Thị Em');
  await page.getByTestId('emp-birthDate').fill('1992');
  await page.getByTestId('emp-gender').selectOption('F');
  await page.getByTestId('emp-fullName').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('employee-notice')).toContainText('Hoàng Thị Em');
  await expect(page.getByTestId('employee-count')).toHaveText('2 người');
  await page.reload();
  await page.getByTestId('nav-employees').click();
  await expect(page.getByTestId('employee-count')).toHaveText('2 người');
  expect(query(app, 'SELECT full_name FROM employees ORDER BY id')).toEqual([
    { full_name: 'Phạm Văn Dũng' },
    { full_name: 'Hoàng Thị Em' },
  ]);
});

test('one employee open in two tabs: the later save is refused, offers the latest version, and nothing is lost', async ({
  app,
  appPage: a,
}) => {
  const call = await withUnit(a, app);
  const added = await call('employee.save', {
    unitCode: SAIGON_UNIT.code,
    employee: { fullName: 'Trần Thị Bình', birthDate: '26/04/1995', gender: 'F', cccd: '079195001234' },
  });
  const b = await secondTab(a, app);
  await openEmployee(a, 'Trần Thị Bình');
  await openEmployee(b, 'Trần Thị Bình');

  await b.getByTestId('emp-phone').fill('0901234567');
  await b.getByTestId('employee-save').click();
  await expect(b.getByTestId('employee-notice')).toContainText('Trần Thị Bình');

  await a.getByTestId('emp-salary').fill('6.000.000');
  await a.getByTestId('employee-save').click();
  await expect(a.getByTestId('employee-server-error')).toContainText(
    'Người lao động Trần Thị Bình vừa được sửa ở nơi khác',
  );
  await expect(a.getByTestId('employee-server-error')).toContainText('CHƯA được lưu');
  expect(await call('employee.get', { id: added.id })).toMatchObject({ phone: '0901234567', salary: null });

  // "Tải lại bản mới nhất": the other tab's phone number is there; the raise typed again is saved on top of it.
  await a.getByTestId('employee-reload').click();
  await expect(a.getByTestId('emp-phone')).toHaveValue('0901234567');
  await a.getByTestId('emp-salary').fill('6.000.000');
  await a.getByTestId('employee-save').click();
  await expect(a.getByTestId('employee-notice')).toContainText('Trần Thị Bình');
  expect(await call('employee.get', { id: added.id })).toMatchObject({ phone: '0901234567', salary: 6_000_000 });
});

test('unit settings in two tabs: the later save is refused and the first one kept', async ({ app, appPage: a }) => {
  const call = await withUnit(a, app);
  const b = await secondTab(a, app);
  for (const tab of [a, b]) {
    await tab.getByTestId('nav-units').click();
    await tab.getByTestId(`unit-row-${SAIGON_UNIT.code}`).getByRole('button', { name: 'Sửa' }).click();
    await expect(tab.getByTestId('unit-name')).toHaveValue(SAIGON_UNIT.name);
  }
  await b.getByTestId('unit-phone').fill('02838123456');
  await b.getByTestId('unit-save').click();
  await expect(b.getByTestId('unit-notice')).toBeVisible();

  await a.getByTestId('unit-signer').fill('Nguyễn Văn Giám Đốc');
  await a.getByTestId('unit-save').dblclick();
  await expect(a.getByTestId('unit-server-error')).toContainText('Đơn vị TS12345 vừa được sửa ở nơi khác');
  expect(await call('unit.get', { code: SAIGON_UNIT.code })).toMatchObject({ phone: '02838123456' });
  await a.getByTestId('unit-reload').click();
  await expect(a.getByTestId('unit-phone')).toHaveValue('02838123456');
  await a.getByTestId('unit-signer').fill('Nguyễn Văn Giám Đốc');
  await a.getByTestId('unit-save').click();
  await expect(a.getByTestId('unit-notice')).toBeVisible();
  expect(await call('unit.get', { code: SAIGON_UNIT.code })).toMatchObject({
    phone: '02838123456',
    signer: 'Nguyễn Văn Giám Đốc',
  });
});

test('one draft D02-TS open in two tabs: the later edit is not saved over the first and can be reloaded', async ({
  app,
  appPage: a,
}) => {
  await withUnit(a, app, DRAFT_UNIT);
  await a.getByTestId('nav-declarations').click();
  await a.getByTestId('dossier-import').setInputFiles(DRAFT);
  await expect(a.getByTestId('dossier-editor')).toBeVisible();
  const id = new URL(a.url()).hash.split('/').pop()!;
  const b = await secondTab(a, app, new URL(a.url()).hash);
  await expect(b.getByTestId('dossier-editor')).toBeVisible();
  await expect(b.getByLabel('Chức vụ 1')).not.toHaveValue('');

  await a.getByLabel('Chức vụ 1').fill('Kế toán A');
  await expect(a.getByTestId('save-status')).toHaveText('Đã lưu');
  await b.getByLabel('Chức vụ 1').fill('Kế toán B');
  await expect(b.getByTestId('save-status')).toContainText('vừa được sửa ở nơi khác');
  const stored = () =>
    JSON.parse(query<{ draft: string }>(app, 'SELECT draft FROM dossiers WHERE id = ?', id)[0]!.draft).rows[0];
  expect(stored().position).toBe('Kế toán A');

  await b.getByTestId('draft-reload').click();
  await expect(b.getByLabel('Chức vụ 1')).toHaveValue('Kế toán A');
  await b.getByLabel('Tiền lương 1').fill('3.700.000');
  await expect(b.getByTestId('save-status')).toHaveText('Đã lưu');
  // Tab A's next edit, from the version it last saved, is refused in turn: it must reload too.
  await a.getByLabel('Chức vụ 1').fill('Kế toán trưởng');
  await expect(a.getByTestId('save-status')).toContainText('vừa được sửa ở nơi khác');
  await a.getByTestId('draft-reload').click();
  await expect(a.getByLabel('Tiền lương 1')).toHaveValue('3.700.000');
  await expect(a.getByLabel('Chức vụ 1')).toHaveValue('Kế toán A');
});

/** A served app in 2015 (the test certificate's time) with the fixture's unit, a dossier and an I-VAN account. */
async function signingSetup(page: Page, latencyMs: number) {
  const srvDir = makeTempDir('kekhai-e2e-habits-ivan-');
  const ivan = await startIvanServer({
    dataDir: srvDir,
    resourcesDir: RESOURCES,
    resultDelayMs: 50,
    latencyMs,
    now: receiptClock(),
  });
  const app = await serveApp({ now: '2015-10-30T10:00:00+07:00' });
  await page.goto(app.url);
  const call = await withUnit(page, app, DRAFT_UNIT);
  await call('ivan.settingsSave', {
    unitCode: DRAFT_UNIT.code,
    providerCode: '00040',
    endpoint: ivan.url,
    username: 'ketoan01',
    password: 'mat-khau-thu',
  });
  const dossier = await call('dossier.create', { draft: JSON.parse(readFileSync(DRAFT, 'utf8')) });
  return {
    app,
    ivan,
    call,
    id: dossier.id as string,
    async close() {
      await stopApp(app);
      await ivan.close();
      removeDir(srvDir);
    },
  };
}

test('"Ký" and "Nộp" double-clicked: one signature, one queue entry, one send to the I-VAN', async ({ page }) => {
  const s = await signingSetup(page, 300);
  try {
    await page.getByTestId('nav-signing').click();
    await page.getByTestId('signing-tab-dossier').click();
    await expect(page.getByTestId('sign-dossier-choice')).toHaveValue(s.id);
    await page.getByTestId('signer-choice').selectOption('test-cert');
    await page.getByTestId('signer-password').fill('thunghiem');
    await page.getByTestId('signer-submit').dblclick();
    await expect(page.getByTestId('sign-dossier-paper-notice')).toContainText('phải nộp 01 bộ hồ sơ giấy');
    await expect(page.getByTestId('sign-dossier-error')).toHaveCount(0);
    expect(
      query(s.app, "SELECT file_name FROM signatures WHERE dossier_ref = ? AND file_name = 'BHXHDienTu.xml'", s.id),
    ).toHaveLength(1);

    await page.getByTestId('signing-tab-submit').click();
    const panel = page.getByTestId('submit-panel');
    await expect(panel.getByTestId('submit-dossier')).toHaveValue(s.id);
    await panel.getByTestId('submit-queue').dblclick();
    await expect(panel.getByTestId('submit-state')).toHaveText('Chờ gửi');
    await panel.getByTestId('submit-send').click();
    await page.getByTestId('submit-confirm-yes').dblclick();
    // The training I-VAN's result follows its receipt by 50 ms: the panel may already show the dossier accepted.
    await expect(panel.getByTestId('submit-state')).toHaveText(/Đã gửi I-VAN|BHXH đã tiếp nhận|Được chấp nhận/);
    await expect(panel.getByTestId('submit-send')).not.toHaveText('Đang gửi…');
    const outbox = query<{ state: string; attempts: number }>(s.app, 'SELECT state, attempts FROM ivan_outbox');
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ attempts: 1, state: expect.stringMatching(/^(sent|received|accepted)$/) });
    expect(listTransactions(s.ivan.db)).toHaveLength(1);
  } finally {
    await s.close();
  }
});

test('a reload while "Gửi" waits for the I-VAN: the send completes once and the page then shows it as sent', async ({
  page,
}) => {
  const s = await signingSetup(page, 8_000);
  try {
    await s.call('signing.signDossier', { dossierId: s.id, signer: { kind: 'test-cert', password: 'thunghiem' } });
    await s.call('ivan.outboxAdd', { dossierId: s.id });
    await page.reload();
    await page.getByTestId('nav-signing').click();
    await page.getByTestId('signing-tab-submit').click();
    const panel = page.getByTestId('submit-panel');
    await panel.getByTestId('submit-dossier').selectOption(s.id);
    await expect(panel.getByTestId('submit-state')).toHaveText('Chờ gửi');
    await panel.getByTestId('submit-send').click();
    await page.getByTestId('submit-confirm-yes').click();
    await expect(panel.getByTestId('submit-send')).toHaveText('Đang gửi…');
    await page.reload();

    // After the reload the panel tells the truth: neither "Chờ gửi" (a second "Gửi" offered) nor success yet.
    await page.getByTestId('nav-signing').click();
    await page.getByTestId('signing-tab-submit').click();
    await panel.getByTestId('submit-dossier').selectOption(s.id);
    await expect(panel.getByTestId('submit-state')).toHaveText('Đang gửi (bắt đầu từ trước hoặc ở cửa sổ khác)…');
    await expect(panel.getByTestId('submit-send')).toBeDisabled();
    await expect(panel.getByTestId('submit-state')).toHaveText(/Đã gửi I-VAN|BHXH đã tiếp nhận|Được chấp nhận/, {
      timeout: 20_000,
    });
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('tab-history').click();
    await expect(page.getByTestId('history-row')).toHaveCount(1);
    await expect(async () => {
      await page.getByTestId('tab-inbox').click();
      await page.getByTestId('tab-history').click();
      await expect(page.getByTestId('history-row')).toContainText(/Đã gửi I-VAN|BHXH đã tiếp nhận|Được chấp nhận/, {
        timeout: 1_000,
      });
    }).toPass({ timeout: 20_000 });
    expect(query(s.app, 'SELECT state, attempts FROM ivan_outbox')).toEqual([expect.objectContaining({ attempts: 1 })]);
    expect(listTransactions(s.ivan.db)).toHaveLength(1);
  } finally {
    await s.close();
  }
});

test('"Nhập" double-clicked imports once; a reload in the middle of an import leaves all rows or none', async ({
  app,
  appPage: page,
}) => {
  await withUnit(page, app);
  const small = join(app.dataDir, 'nhap.xlsx');
  await writeXlsx(small, HEADERS, makeEmployees(300, 31).map(toRow));
  await page.getByTestId('nav-employees').click();
  await page.getByTestId('employee-import').click();
  await page.getByTestId('import-file').setInputFiles(small);
  await page.getByTestId('import-mapping-next').click();
  await expect(page.getByTestId('import-summary')).toContainText('300 thêm mới');
  await page.getByTestId('import-confirm').dblclick();
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('employee-count')).toHaveText('300 người');
  expect(query(app, "SELECT count(*) AS n FROM employee_history WHERE field = '*'")).toEqual([{ n: 300 }]);

  // A large file, and a reload while it is being written.
  const big = join(app.dataDir, 'lon.xlsx');
  await writeXlsx(big, HEADERS, makeEmployees(30_000, 32).map(toRow));
  await page.getByTestId('import-close').click();
  await page.getByTestId('employee-import').click();
  await page.getByTestId('import-file').setInputFiles(big);
  await page.getByTestId('import-mapping-next').click();
  await expect(page.getByTestId('import-summary')).toContainText('30000 thêm mới', { timeout: 60_000 });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await page.reload();
  await page.getByTestId('nav-employees').click();
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  const counts = new Set<string>();
  await expect(async () => {
    await page.getByTestId('nav-units').click();
    await page.getByTestId('nav-employees').click();
    const shown = (await page.getByTestId('employee-count').textContent()) ?? '';
    if (shown.endsWith('người')) counts.add(shown); // else "Đang tải…": the host is busy writing
    expect(shown).toBe('30.300 người');
  }).toPass({ timeout: 90_000 });
  // Only the two true states were ever shown: before the import's one transaction, and after it.
  for (const c of counts) expect(['300 người', '30.300 người']).toContain(c);
  expect(query(app, 'SELECT count(*) AS n FROM employees')).toEqual([{ n: 30_300 }]);
});

test('a tab showing the roster while `kekhai roster import` writes to the same folder shows the new rows', async ({
  app,
  appPage: page,
}) => {
  await withUnit(page, app);
  await page.getByTestId('nav-employees').click();
  await expect(page.getByTestId('employee-count')).toHaveText('0 người');
  const file = join(app.dataDir, 'cli.xlsx');
  await writeXlsx(file, HEADERS, makeEmployees(40, 41).map(toRow));
  const r = await runCli(['roster', 'import', file, '--unit', SAIGON_UNIT.code, '--json'], { data: app.dataDir });
  expect(r.code, r.stderr + r.stdout).toBe(0);
  expect(r.json.imported).toBe(40);
  // Coming back to the tab (the clerk leaves the terminal) shows them without a click.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByTestId('employee-count')).toHaveText('40 người');
  // And any visit to the page does.
  const more = join(app.dataDir, 'cli2.xlsx');
  await writeXlsx(more, HEADERS, makeEmployees(5, 42).map(toRow));
  expect((await runCli(['roster', 'import', more, '--unit', SAIGON_UNIT.code], { data: app.dataDir })).code).toBe(0);
  await page.getByTestId('nav-units').click();
  await page.getByTestId('nav-employees').click();
  await expect(page.getByTestId('employee-count')).toHaveText('45 người');
});

test('"Ghi biến động" double-clicked records the event once, and the form saved after it is not refused', async ({
  app,
  appPage: page,
}) => {
  const call = await withUnit(page, app);
  const added = await call('employee.save', {
    unitCode: SAIGON_UNIT.code,
    employee: { fullName: 'Võ Thị Hoa', birthDate: '02/03/1993', gender: 'F', cccd: '079193004321', salary: 5_000_000 },
  });
  await openEmployee(page, 'Võ Thị Hoa');
  const events = page.getByTestId('employee-events');
  await events.getByTestId('event-kind').selectOption('salary');
  await events.getByTestId('event-effective').fill('01/02/2026');
  await events.getByTestId('event-salary').fill('6.500.000');
  await events.getByTestId('event-record').dblclick();
  await expect(events.getByTestId('event-list').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('emp-salary')).toHaveValue('6500000');
  expect(query(app, 'SELECT kind, salary FROM roster_events WHERE employee_id = ?', added.id)).toEqual([
    { kind: 'salary', salary: 6_500_000 },
  ]);
  // The event moved the record's version; the form follows it, so its own save is no conflict.
  await page.getByTestId('emp-phone').fill('0912345678');
  await page.getByTestId('employee-save').click();
  await expect(page.getByTestId('employee-notice')).toContainText('Võ Thị Hoa');
  expect(await call('employee.get', { id: added.id })).toMatchObject({ phone: '0912345678', salary: 6_500_000 });
});

test('"Tạo hồ sơ" double-clicked creates one draft dossier', async ({ app, appPage: page }) => {
  await withUnit(page, app, DRAFT_UNIT);
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-unit').fill(DRAFT_UNIT.code);
  await page.getByTestId('dossier-period').fill('10/2015');
  await page.getByTestId('dossier-create').dblclick();
  await expect(page.getByTestId('dossier-editor')).toBeVisible();
  await page.getByRole('button', { name: '← Danh sách hồ sơ' }).click();
  await expect(page.locator('[data-testid^="dossier-row-"]')).toHaveCount(1);
  expect(query(app, 'SELECT batch FROM dossiers')).toEqual([{ batch: 1 }]);
});

test('Cài đặt → I-VAN in two tabs: the later save is refused and shows the stored settings', async ({
  app,
  appPage: a,
}) => {
  const call = await withUnit(a, app, { ...SAIGON_UNIT, ivanProvider: '00040' });
  const b = await secondTab(a, app);
  for (const tab of [a, b]) {
    await tab.getByTestId('nav-settings').click();
    await tab.getByTestId('settings-tab-ivan').click();
    await expect(tab.getByTestId('ivan-provider')).toHaveValue('00040');
  }
  await b.getByTestId('ivan-endpoint').fill('https://ivan.example.vn/kekhai');
  await b.getByTestId('ivan-save').click();
  await expect(b.getByTestId('ivan-message')).toHaveText('Đã lưu cài đặt I-VAN.');

  await a.getByTestId('ivan-endpoint').fill('https://ivan.example.vn/khac');
  await a.getByTestId('ivan-username').fill('dv-ts12345');
  await a.getByTestId('ivan-save').click();
  await expect(a.getByTestId('ivan-message')).toContainText('Cài đặt I-VAN của đơn vị TS12345 vừa được sửa ở nơi khác');
  await expect(a.getByTestId('ivan-endpoint')).toHaveValue('https://ivan.example.vn/kekhai');
  const stored = (await call('ivan.settingsGet', { unitCode: SAIGON_UNIT.code })) as {
    settings: { endpoint: string; username: string | null }[];
  };
  expect(stored.settings[0]).toMatchObject({ endpoint: 'https://ivan.example.vn/kekhai', username: null });
  // From the version now shown, the clerk's change goes through.
  await a.getByTestId('ivan-username').fill('dv-ts12345');
  await a.getByTestId('ivan-save').click();
  await expect(a.getByTestId('ivan-message')).toHaveText('Đã lưu cài đặt I-VAN.');
});
