import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { makeTempDir } from '../support/tmp';

const FIXTURE = join(process.cwd(), 'tests', 'unit', 'declarations', 'fixtures', 'draft-issue.json');

test('draft grid and TK1-TS fields pick codes from the dated lists; validation uses the list in force in the period', async ({
  appPage: page,
  app,
}) => {
  const call = (method: string, body: unknown) =>
    page.request.post(`${app.baseUrl}/api/${method}`, { data: body, headers: { 'X-Kekhai-Token': app.secret } });
  expect(
    (
      await (
        await call('unit.add', {
          code: 'TA0001A',
          name: 'Công ty TNHH Mẫu',
          taxCode: '2800123452',
          agencyCode: '03801',
          wageRegion: '02',
          ivanProvider: '00001',
        })
      ).json()
    ).ok,
  ).toBe(true);
  await call('welcome.dismiss', {});
  // The draft moved to 01/2026 (the commune and hospital lists apply from 01/07/2025), with a commune code
  // that no longer exists.
  const draft = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  draft.period = '01/2026';
  draft.createdOn = '15/01/2026';
  draft.rows[0].fromMonth = '01/2026';
  draft.rows[0].residence = { province: '38', district: '', ward: '99999', address: 'Số 1 Lê Lợi' };
  const file = join(makeTempDir('kekhai-e2e-codes-'), 'draft-2026.json');
  writeFileSync(file, JSON.stringify(draft));
  await page.reload();
  await page.getByTestId('nav-declarations').click();
  await page.getByTestId('dossier-import').setInputFiles(file);
  await expect(page.getByTestId('draft-row-0')).toBeVisible();

  // Grid: the code with its name beside it.
  await expect(page.getByTestId('row-0-ethnicity-name')).toHaveText('Kinh');
  await expect(page.getByTestId('row-0-nationality-name')).toHaveText('Việt Nam');
  const unknownWard = page
    .getByTestId('problem-item')
    .filter({ hasText: 'mã xã "99999" không có trong danh mục xã, phường áp dụng từ 01/07/2025' });
  await expect(unknownWard).toBeVisible();

  // TK1-TS: KCB by province then by name, with the keyboard.
  await page.getByTestId('row-0-tk1').click();
  await expect(page.getByTestId('tk1-fields')).toBeVisible();
  const kcbProvince = page.getByTestId('tk1-hospital.province');
  await kcbProvince.fill('thanh hoa');
  await expect(page.getByTestId('tk1-hospital.province-options').getByRole('option').first()).toHaveText(
    '38 Tỉnh Thanh Hóa',
  );
  await kcbProvince.press('Enter');
  await expect(kcbProvince).toHaveValue('38');
  const kcb = page.getByTestId('tk1-hospital.code');
  await kcb.fill('đa khoa thanh hóa');
  await expect(page.getByTestId('tk1-hospital.code-options').getByRole('option').first()).toHaveText(
    '38280 Bệnh viện đa khoa tỉnh Thanh Hóa',
  );
  await kcb.press('Enter');
  await expect(kcb).toHaveValue('38280');
  await expect(page.getByTestId('tk1-hospital.code-name')).toHaveText('Bệnh viện đa khoa tỉnh Thanh Hóa');

  // The residence commune, searched within its province, replaces the unknown code; the problem goes away.
  const ward = page.getByTestId('tk1-residence.ward');
  await ward.fill('hac thanh');
  await expect(page.getByTestId('tk1-residence.ward-options').getByRole('option').first()).toHaveText(
    '14797 Phường Hạc Thành',
  );
  await ward.press('Enter');
  await expect(ward).toHaveValue('14797');
  await expect(unknownWard).toHaveCount(0);
  // A code typed straight in and left with Tab is taken when the list knows it.
  const birthProvince = page.getByTestId('tk1-birthPlace.province');
  await birthProvince.fill('38');
  await birthProvince.press('Tab');
  await expect(page.getByTestId('tk1-birthPlace.province-name')).toHaveText('Tỉnh Thanh Hóa');
});
