import { makeEmployees } from '../fixtures/roster/generate';
import { largeDraft } from '../integration/scale/large-month';
import { MONTH_UNIT } from '../support/units';
import { apiCaller, expect, serveApp, stopApp, test } from './fixtures';

/**
 * A garment company in browser mode: 10,000 staff on the roster and a month of 1,500 hires, 800 leavers and 300
 * raises (2,600 D02-TS rows, 1.8 MB of draft through the host). The roster list and the draft grid render a page
 * of rows, not thousands (counted, not timed); a search finds a row; 1,000 problems are counted and shown a page at
 * a time, each leading to its row.
 */
const NOW = '2015-10-20T09:00:00+07:00';
const UNIT = MONTH_UNIT.code;

test('10,000 staff and a 2,600-row month: a page of rows rendered, search, 1,000 problems counted, the statement paged', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = await serveApp({ now: NOW });
  const call = apiCaller(page, app);
  try {
    await call('unit.add', { ...MONTH_UNIT, ivanProvider: '00040', signer: 'Lê Văn Ký', address: 'Hà Nội' });
    await call('welcome.dismiss', {});
    const staff = makeEmployees(10_000, 3);
    const csv = [
      'Họ và tên,Mã số BHXH,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương',
      ...staff.map((e) =>
        [e.fullName, e.insuranceNumber, e.birthDate, e.gender, e.cccd, e.jobTitle, e.salary].join(','),
      ),
    ].join('\n');
    const imported = await call('roster.importCommit', {
      unitCode: UNIT,
      participatingSince: '09/2015',
      file: { name: 'nhan-su.csv', base64: Buffer.from(csv, 'utf8').toString('base64') },
    });
    expect(imported).toMatchObject({ imported: 10_000 });

    // The month of tests/integration/scale (the same generated people: its leavers and raises are this roster's first).
    const draft = largeDraft();
    const rows = draft.rows;
    // The last 1,000 rows lack their birth date: 1,000 errors, the first on row 1601.
    const birth1601 = rows[1_600]!.birthDate;
    for (const r of rows.slice(1_600)) r.birthDate = '';
    const created = await call('dossier.create', { draft });
    const id = created.id as string;

    await page.goto(app.url);
    await page.evaluate((u) => localStorage.setItem('kekhai.unit', u), UNIT);
    await page.reload();

    // The roster list: 10,000 people, a screenful of row elements.
    await page.getByTestId('nav-employees').click();
    await expect(page.getByTestId('employee-count')).toContainText('10.000');
    await expect(page.getByTestId('employee-row').first()).toBeVisible();
    expect(await page.getByTestId('employee-row').count()).toBeLessThan(200);

    // The draft grid: one page of 100 rows of 2,600.
    await page.getByTestId('nav-declarations').click();
    await page.getByTestId('dossier-unit').fill(UNIT);
    await page.getByTestId(`dossier-row-${id}`).getByRole('button', { name: 'Mở' }).click();
    await expect(page.getByTestId('dossier-editor')).toBeVisible();
    const gridRows = page.locator('[data-testid="draft-grid"] tbody tr');
    await expect(gridRows).toHaveCount(100);
    await expect(page.getByTestId('grid-range')).toHaveText('Dòng 1–100 trong 2.600');

    // 1,000 errors (and the generated month's warnings): counted, a page of them listed, each naming its row and field.
    await expect(page.getByTestId('problem-count')).toHaveText(/^1\.000 lỗi, [\d.]+ cảnh báo$/);
    await expect(page.getByTestId('problem-item')).toHaveCount(100);
    await expect(page.getByTestId('problem-more')).toContainText(/Còn [\d.]+ mục chưa hiện/);
    const first = page.getByTestId('problem-item').first();
    await expect(first).toContainText('Dòng 1601');
    await expect(first).toContainText('Ngày sinh');
    // …and leads to its row, on the grid's 17th page.
    await first.click();
    await expect(page.getByTestId('grid-range')).toHaveText('Dòng 1.601–1.700 trong 2.600');
    const birth = page.locator('[data-field="rows[1600].birthDate"]');
    await expect(birth).toBeFocused();
    await birth.fill(birth1601);
    await expect(page.getByTestId('save-status')).toHaveText('Đã lưu');
    await expect(page.getByTestId('problem-count')).toHaveText(/^999 lỗi, /);

    // Search (by mã số) finds one raise among 2,600 rows; its new salary is saved into the whole draft.
    const raised = staff[1_000]!;
    await page.getByTestId('draft-search').fill(raised.insuranceNumber);
    await expect(page.getByTestId('grid-range')).toContainText('1 dòng khớp');
    await expect(gridRows).toHaveCount(1);
    const salary = page.locator('[data-field="rows[2500].salary"]');
    await salary.fill('9000000');
    await expect(page.getByTestId('save-status')).toHaveText('Đã lưu');
    // Without accents, by name, the search finds rows too.
    await page.getByTestId('draft-search').fill('nguyen');
    await expect(page.getByTestId('grid-range')).toContainText('dòng khớp');
    await expect(gridRows.first().locator('[data-field$=".fullName"]')).toHaveValue(/^Nguyễn /);
    // The statement of 09/2015: 10,000 people, listed 200 at a time.
    await page.getByTestId('nav-declarations').click();
    await page.getByTestId('dossier-unit').fill(UNIT);
    await page.getByTestId('dossier-period').fill('09/2015');
    await page.getByTestId('statement-show').click();
    await expect(page.getByTestId('statement-employees')).toHaveText('10000');
    await expect(page.locator('[data-testid="statement-rows"] tbody tr')).toHaveCount(200);
    await expect(page.getByTestId('statement-rows-more')).toContainText('Đang hiện 200 trong 10.000 dòng.');

    const saved = (await call('dossier.get', { id })) as { draft: { rows: Record<string, unknown>[] } };
    expect(saved.draft.rows).toHaveLength(2_600);
    expect(saved.draft.rows[2500]).toMatchObject({ insuranceNo: raised.insuranceNumber, salary: 9_000_000 });
    expect(saved.draft.rows[1600]).toMatchObject({ birthDate: birth1601 });
  } finally {
    await stopApp(app);
  }
});
