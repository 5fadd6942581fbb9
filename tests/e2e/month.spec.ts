import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startIvanServer } from '../../electron/ivan/simulator/server';
import { makeTempDir, removeDir } from '../support/tmp';
import { MONTH_UNIT } from '../support/units';
import { apiCaller, expect, serveApp, stopApp, test } from './fixtures';

/**
 * The clerk's month in browser mode, at a 2015 clock (the bundled test certificate is valid until 31/10/2015):
 * import the existing staff as participating since 09/2015, record three hires dated by their contracts, take the
 * proposals for 10/2015, sign with the test certificate (password `thunghiem`), submit to the training I-VAN and see
 * its C12-TS owe exactly what the app's statement says changed.
 *
 * By hand (2015 rates 22 % + 10,5 % = 32,5 %, 26-day calendar; October 2015 starts on a Thursday):
 *   staff An 5.000.000, Bình 6.000.000, Cường 7.000.000 → statement 09/2015 = 18.000.000 × 32,5 % = 5.850.000;
 *   hires Em 01/10 (0 days before), Hùng 05/10 (1–3 = 3 days), Lan 16/10 (1–3, 5–10, 12–15 = 13 days < 14): TM 10/2015
 *   at 4.000.000, 4.500.000, 5.000.000 = 13.500.000 × 32,5 % = 4.387.500 → statement 10/2015 = 10.237.500.
 */
const NOW = '2015-10-20T09:00:00+07:00';
const UNIT = MONTH_UNIT.code;

test('import staff as participating, record three hires, propose, sign at a 2015 clock, submit, C12-TS = the statement', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const scratch = makeTempDir('kekhai-e2e-month-');
  const t0 = Date.now();
  const server = await startIvanServer({
    dataDir: join(scratch, 'srv'),
    resourcesDir: join(process.cwd(), 'resources'),
    resultDelayMs: 50,
    now: () => new Date(Date.parse(NOW) + Date.now() - t0),
  });
  const app = await serveApp({ now: NOW });
  const call = apiCaller(page, app);
  try {
    await call('unit.add', {
      ...MONTH_UNIT,
      ivanProvider: '00040',
      signer: 'Lê Văn Ký',
      address: 'Hà Nội',
    });
    await call('welcome.dismiss', {});
    await call('ivan.settingsSave', { unitCode: UNIT, providerCode: '00040', endpoint: server.url });
    await page.goto(app.url);
    await page.evaluate((u) => localStorage.setItem('kekhai.unit', u), UNIT);
    await page.reload();

    // 1. The staff BHXH already knows, imported as participating since 09/2015: no TM for them.
    const csv = join(scratch, 'nhan-su.csv');
    writeFileSync(
      csv,
      [
        'Họ và tên,Mã số BHXH,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương,Ngày bắt đầu HĐLĐ,Số hợp đồng,Ngày ký hợp đồng',
        'Trần Văn An,0301000001,01/01/1980,Nam,001080000001,Kỹ sư,5000000,01/03/2013,01/2013/HĐLĐ,01/03/2013',
        'Lê Thị Bình,0301000002,02/02/1988,Nữ,001188000002,Kế toán,6000000,01/06/2014,02/2014/HĐLĐ,01/06/2014',
        'Phạm Văn Cường,0301000003,03/03/1985,Nam,001085000003,Lái xe,7000000,01/01/2014,03/2014/HĐLĐ,01/01/2014',
      ].join('\n'),
      'utf8',
    );
    await page.getByTestId('nav-employees').click();
    await page.getByTestId('employee-import').click();
    await page.getByTestId('import-file').setInputFiles(csv);
    await page.getByTestId('import-mapping-next').click();
    await expect(page.getByTestId('import-summary')).toBeVisible();
    await page.getByTestId('import-participating-since').fill('09/2015');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    await page.getByTestId('import-close').click();
    await expect(page.getByTestId('employee-row')).toHaveCount(3);
    const before = await call('ledger.statement', { unitCode: UNIT, period: '09/2015' });
    expect(before).toMatchObject({ employees: 3, total: 5_850_000 });

    // 2. Three hires, each dated by its contract start (typed today, 20/10: the typing day decides nothing).
    const hires = [
      ['Nguyễn Thị Em', '05/05/1995', 'F', '001195000005', 4_000_000, '01/10/2015'],
      ['Bùi Văn Hùng', '08/08/1985', 'M', '001085000008', 4_500_000, '05/10/2015'],
      ['Đỗ Thị Lan', '09/09/1992', 'F', '001192000009', 5_000_000, '16/10/2015'],
    ] as const;
    for (const [fullName, birthDate, gender, cccd, salary, start] of hires) {
      await call('employee.save', {
        unitCode: UNIT,
        employee: {
          fullName,
          birthDate,
          gender,
          cccd,
          salary,
          jobTitle: 'Nhân viên',
          contractNumber: `${cccd.slice(-2)}/2015/HĐLĐ`,
          contractSigned: start,
          contractStart: start,
          contractType: 'Xác định thời hạn',
        },
      });
    }

    // 3. The proposals for 10/2015, with their reasons; the clerk takes them all.
    await page.getByTestId('nav-declarations').click();
    await page.getByTestId('dossier-unit').fill(UNIT);
    await page.getByTestId('dossier-period').fill('10/2015');
    await page.getByTestId('dossier-create').click();
    await expect(page.getByTestId('dossier-editor')).toBeVisible();
    await page.getByTestId('rows-from-roster').click();
    const table = page.getByTestId('proposals-table');
    await expect(table.locator('tbody tr')).toHaveCount(3);
    await expect(table).toContainText('vào làm ngày 16/10/2015 (ngày bắt đầu HĐLĐ); 13 ngày làm việc trước đó');
    await expect(table).not.toContainText('Trần Văn An');
    await page.getByTestId('proposals-take').click();
    await expect(page.getByTestId('draft-row-2')).toBeVisible();
    // The editor's preview is the same engine: 13.500.000 × 32,5 % = 4.387.500.
    await expect(page.getByTestId('contrib-total')).toHaveText('4.387.500 đ');
    await expect(page.getByTestId('sign-readiness')).toHaveClass(/success/);
    await expect(page.getByTestId('save-status')).toHaveText('Đã lưu');

    // 4. Sign with the 2015 test certificate.
    await page.getByTestId('nav-signing').click();
    await page.getByTestId('signing-tab-dossier').click();
    await expect(page.getByTestId('sign-dossier-choice')).toContainText('10/2015');
    await page.getByTestId('signer-choice').selectOption('test-cert');
    await page.getByTestId('signer-password').fill('thunghiem');
    await page.getByTestId('signer-submit').click();
    await expect(page.getByTestId('sign-dossier-result')).toBeVisible({ timeout: 60_000 });

    // 5. Submit to the training I-VAN.
    await page.getByTestId('signing-tab-submit').click();
    const panel = page.getByTestId('submit-panel');
    await expect(panel.getByTestId('submit-dossier')).toContainText('10/2015');
    await panel.getByTestId('submit-dossier').selectOption({ index: 1 });
    await panel.getByTestId('submit-queue').click();
    await expect(panel.getByTestId('submit-state')).toHaveText('Chờ gửi');
    await panel.getByTestId('submit-send').click();
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('submit-tx')).not.toHaveText('—', { timeout: 30_000 });

    // 6. The result and the C12-TS arrive; "phải đóng phát sinh" equals the change of the app's statement.
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('tab-inbox').click();
    await expect(async () => {
      await page.getByTestId('ivan-refresh').click();
      await expect(page.getByTestId('note-c12ts')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const owed = page.getByTestId('note-c12ts').locator('tr', { hasText: 'Phải đóng phát sinh' });
    await expect(owed.locator('td').last()).toHaveText('4.387.500 đ');
    const owedC12 = Number((await owed.locator('td').last().textContent())!.replace(/\D/g, ''));
    // The app's statement, on screen: September 5.850.000 (3 people), October 10.237.500 (6 people, the new mã số
    // written back) — the change is C12-TS's "phải đóng phát sinh" to the đồng.
    await page.getByTestId('nav-declarations').click();
    await page.getByTestId('dossier-unit').fill(UNIT);
    const statementTotal = async (period: string) => {
      await page.getByTestId('dossier-period').fill(period);
      await page.getByTestId('statement-show').click();
      await expect(page.getByTestId('statement-panel')).toContainText(`tháng ${period}`);
      return Number((await page.getByTestId('statement-total').textContent())!.replace(/\D/g, ''));
    };
    const sep = await statementTotal('09/2015');
    const oct = await statementTotal('10/2015');
    await expect(page.getByTestId('statement-employees')).toHaveText('6');
    await expect(page.getByTestId('statement-rows')).toContainText(/03\d{8}/);
    expect([sep, oct]).toEqual([5_850_000, 10_237_500]);
    expect(oct - sep).toBe(owedC12);
    expect(await call('ledger.statement', { unitCode: UNIT, period: '10/2015' })).toMatchObject({
      employees: 6,
      total: oct,
    });
  } finally {
    await stopApp(app);
    await server.close();
    removeDir(scratch);
  }
});

test('the draft editor’s roster picker: search without accents, pick several, every field copied', async ({
  appPage: page,
  app,
}) => {
  const call = apiCaller(page, app);
  await call('unit.add', {
    ...MONTH_UNIT,
    ivanProvider: '00040',
  });
  await call('welcome.dismiss', {});
  const common = {
    gender: 'F',
    jobTitle: 'Kế toán',
    contractType: 'Xác định thời hạn',
    contractSigned: '01/10/2015',
    contractStart: '01/10/2015',
    contractEnd: '30/09/2016',
  };
  await call('employee.save', {
    unitCode: UNIT,
    employee: {
      ...common,
      fullName: 'Nguyễn Thị Lan',
      birthDate: '12/05/1990',
      cccd: '001190012345',
      salary: 5_000_000,
      allowancePosition: 500_000,
      allowanceOther: 300_000,
      contractNumber: '12/2015/HĐLĐ',
      phone: '0912345678',
      email: 'lan@mau.vn',
      address: '12 Lê Lợi, Hà Nội',
      hospitalCode: '01001',
      department: 'KT',
    },
  });
  await call('employee.save', {
    unitCode: UNIT,
    employee: {
      ...common,
      fullName: 'Lê Thị Lành',
      birthDate: '01/01/1991',
      cccd: '001191000001',
      salary: 4_500_000,
      contractNumber: '13/2015/HĐLĐ',
    },
  });
  await call('employee.save', {
    unitCode: UNIT,
    employee: {
      ...common,
      fullName: 'Trần Văn Hải',
      gender: 'M',
      birthDate: '02/02/1985',
      cccd: '001085000002',
      salary: 6_000_000,
      contractNumber: '14/2015/HĐLĐ',
    },
  });
  await page.evaluate((u) => localStorage.setItem('kekhai.unit', u), UNIT);
  await page.reload();
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-unit').fill(UNIT);
  await page.getByTestId('dossier-period').fill('10/2015');
  await page.getByTestId('dossier-create').click();
  await expect(page.getByTestId('dossier-editor')).toBeVisible();

  await page.getByTestId('rows-pick').click();
  const picker = page.getByTestId('roster-picker');
  // "lan" finds Lan and Lành (folded search), not Hải.
  await picker.getByTestId('picker-search').fill('lan');
  await expect(picker.locator('tbody tr')).toHaveCount(2);
  await expect(picker.locator('tbody')).not.toContainText('Trần Văn Hải');
  await picker.getByRole('checkbox', { name: 'Nguyễn Thị Lan' }).check();
  await picker.getByTestId('picker-search').fill('');
  await expect(picker.locator('tbody tr')).toHaveCount(3);
  await picker.getByRole('checkbox', { name: 'Trần Văn Hải' }).check();
  await picker.getByTestId('picker-add').click();
  await expect(page.getByTestId('draft-row-1')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('Đã lưu');

  const list = (await call('dossier.list', { unitCode: UNIT })) as { dossiers: { id: string }[] };
  const d = (await call('dossier.get', { id: list.dossiers[0]!.id })) as { draft: { rows: Record<string, unknown>[] } };
  const lan = d.draft.rows.find((r) => r.fullName === 'Nguyễn Thị Lan')!;
  expect(lan).toMatchObject({
    plan: 'TM',
    fromMonth: '10/2015',
    idNumber: '001190012345',
    position: 'Kế toán',
    salary: 5_000_000,
    department: 'KT',
    phone: '0912345678',
    email: 'lan@mau.vn',
    allowances: { position: 500_000, other: 300_000 },
    contract: { number: '12/2015/HĐLĐ', signedOn: '01/10/2015', type: 'fixed', from: '01/10/2015', to: '30/09/2016' },
    residence: { address: '12 Lê Lợi, Hà Nội' },
    hospital: { code: '01001' },
  });
  expect(d.draft.rows.map((r) => r.fullName).sort()).toEqual(['Nguyễn Thị Lan', 'Trần Văn Hải']);
});

test('the employee form records a dated event; the proposals take its date, not the typing day', async ({ page }) => {
  // At the 2015 clock the event is typed on 20/10/2015 and dated 05/10/2015.
  const dated = await serveApp({ now: NOW });
  try {
    const call = apiCaller(page, dated);
    await call('unit.add', {
      ...MONTH_UNIT,
    });
    await call('welcome.dismiss', {});
    const e = await call('employee.save', {
      unitCode: UNIT,
      employee: {
        fullName: 'Lê Thị Bình',
        insuranceNumber: '0301000002',
        birthDate: '02/02/1988',
        gender: 'F',
        cccd: '001188000002',
        jobTitle: 'Kế toán',
        salary: 6_000_000,
        contractNumber: '2/HĐLĐ',
        contractSigned: '01/06/2014',
      },
    });
    await call('ledger.participatingSince', { unitCode: UNIT, employeeId: e.id, since: '06/2014' });
    await page.goto(dated.url);
    await page.evaluate((u) => localStorage.setItem('kekhai.unit', u), UNIT);
    await page.reload();
    await page.getByTestId('nav-employees').click();
    await page.getByTestId('employee-row').filter({ hasText: 'Lê Thị Bình' }).dblclick();
    await expect(page.getByTestId('emp-participatingSince')).toHaveValue('06/2014');
    const events = page.getByTestId('employee-events');
    await events.getByTestId('event-kind').selectOption('maternity');
    await events.getByTestId('event-effective').fill('05/10/2015');
    await events.getByTestId('event-end').fill('04/04/2016');
    await events.getByTestId('event-record').click();
    await expect(events.getByTestId('event-list')).toContainText('05/10/2015 → 04/04/2016');
    await expect(page.getByTestId('emp-status')).toHaveValue('maternity');
    const p = (await call('dossier.propose', { unitCode: UNIT, period: '10/2015' })) as {
      rows: { plan: string; fromMonth: string; toMonth: string }[];
    };
    expect(p.rows.map((r) => `${r.plan} ${r.fromMonth}-${r.toMonth}`)).toEqual(['TS 10/2015-03/2016']);
  } finally {
    await stopApp(dated);
  }
});
