import { test as base, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveApp, stopApp } from './fixtures';
import { createSoftHsmToken } from '../support/softhsm';
import { xmlsec1Verify } from '../integration/signing/oracles';

const test = base;

test('signing doctor shows the SoftHSM token; sign with PIN (wrong, then right); verify the result and a tampered copy', async ({
  page,
}) => {
  const token = await createSoftHsmToken({ label: 'E2E TOKEN', pin: '135790', soPin: '097531', mst: '0100109106' });
  const app = await serveApp({ env: token.env });
  try {
    await page.goto(app.url);
    await page.getByTestId('nav-signing').click();

    // Kiểm tra chữ ký số: library, token, certificate with its MST.
    const doctor = page.getByTestId('signing-doctor');
    await expect(doctor.getByTestId('signing-token').filter({ hasText: 'E2E TOKEN' })).toContainText(token.serial);
    await expect(doctor.getByTestId('signing-cert-mst').first()).toHaveText('0100109106');
    await expect(page.getByTestId('signing-test-cert')).toContainText('31/10/2015');

    // Ký tệp XML: a wrong PIN is reported in Vietnamese; the right one signs.
    await page.getByTestId('signing-tab-sign').click();
    const input = join(app.dataDir, 'D02-TS-595.xml');
    writeFileSync(
      input,
      '<?xml version="1.0" encoding="utf-8"?>\n<D02-TS><NoiDung><LaoDong><HoTen>Phạm Thị Hoa</HoTen></LaoDong></NoiDung><Cky/></D02-TS>\n',
    );
    await page.getByTestId('sign-file').setInputFiles(input);
    await expect(page.getByTestId('signer-choice')).not.toHaveValue('');
    await page.getByTestId('signer-pin').fill('000000');
    await page.getByTestId('signer-submit').click();
    await expect(page.getByTestId('sign-error')).toContainText('Mã PIN không đúng');
    await expect(page.getByTestId('signer-pin')).toHaveValue('');
    await page.getByTestId('signer-pin').fill(token.pin);
    await page.getByTestId('signer-submit').click();
    await expect(page.getByTestId('sign-result')).toContainText('0100109106');
    const download = page.waitForEvent('download');
    await page.getByTestId('sign-download').click();
    const signedPath = join(app.dataDir, 'signed.xml');
    await (await download).saveAs(signedPath);
    const x = xmlsec1Verify(signedPath, token.files.ca);
    expect(x.ok, x.output).toBe(true);

    // Kiểm tra hồ sơ: intact, but the token's CA is not trusted yet (issue #12: three verdicts).
    await page.getByTestId('signing-tab-verify').click();
    await page.getByTestId('verify-file').setInputFiles(signedPath);
    await expect(page.getByTestId('verify-overall')).toHaveText(
      'Chữ ký còn nguyên nhưng chưa xác minh được tổ chức cấp',
    );
    await expect(page.getByTestId('verify-row').first()).toContainText('CÔNG TY TNHH MẪU KÊ KHAI');

    // Cài đặt › Tổ chức cấp tin cậy: import the CA; the same file is now valid with a trusted issuer.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-trust').click();
    await expect(page.getByTestId('trust-empty')).toBeVisible();
    await page.getByTestId('trust-file').setInputFiles(token.files.ca);
    await expect(page.getByTestId('trust-message')).toContainText('Đã thêm 1 chứng thư');
    await expect(page.getByTestId('trust-row').filter({ hasText: 'KeKhai Test CA' })).toBeVisible();
    await page.getByTestId('nav-signing').click();
    await page.getByTestId('signing-tab-verify').click();
    await page.getByTestId('verify-file').setInputFiles(signedPath);
    await expect(page.getByTestId('verify-overall')).toHaveText('Hồ sơ HỢP LỆ — tổ chức cấp tin cậy');
    const tampered = join(app.dataDir, 'tampered.xml');
    writeFileSync(tampered, readFileSync(signedPath, 'utf8').replace('Phạm Thị Hoa', 'Phạm Thị Hoà'));
    await page.getByTestId('verify-file').setInputFiles(tampered);
    await expect(page.getByTestId('verify-overall')).toHaveText('Hồ sơ KHÔNG HỢP LỆ');
    await expect(page.getByTestId('verify-row').first()).toContainText('đã bị sửa');
  } finally {
    await stopApp(app);
    token.cleanup();
  }
});

test('test certificate before the deadline: signs and shows the paper-copy notice; after it, it is not offered', async ({
  page,
}) => {
  const before = await serveApp({ now: '2015-10-31T23:59:00+07:00' });
  try {
    await page.goto(before.url);
    await page.getByTestId('nav-signing').click();
    await expect(page.getByTestId('signing-test-cert')).toContainText('Còn dùng được');
    await page.getByTestId('signing-tab-sign').click();
    const input = join(before.dataDir, 'TK1-TS-595.xml');
    writeFileSync(input, '<?xml version="1.0" encoding="utf-8"?>\n<TK1-TS><NoiDung/><Cky/></TK1-TS>\n');
    await page.getByTestId('sign-file').setInputFiles(input);
    await page.getByTestId('signer-choice').selectOption('test-cert');
    await page.getByTestId('signer-password').fill('thunghiem');
    await page.getByTestId('signer-submit').click();
    await expect(page.getByTestId('sign-paper-notice')).toHaveText(
      'Ký bằng chữ ký số thử nghiệm — phải nộp 01 bộ hồ sơ giấy (kèm thẻ BHYT còn hạn với trường hợp báo giảm)',
    );

    // Ký hồ sơ: a stored draft dossier (created through the API like the declarations page does) becomes "signed".
    const draft = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
    const created = await page.request.post(`${before.baseUrl}/api/dossier.create`, {
      headers: { 'X-Kekhai-Token': before.secret },
      data: { draft },
    });
    const id = ((await created.json()) as { value: { id: string } }).value.id;
    await page.reload();
    await page.getByTestId('nav-signing').click();
    await page.getByTestId('signing-tab-dossier').click();
    await expect(page.getByTestId('sign-dossier-choice')).toHaveValue(id);
    await page.getByTestId('signer-choice').selectOption('test-cert');
    await page.getByTestId('signer-password').fill('thunghiem');
    await page.getByTestId('signer-submit').click();
    await expect(page.getByTestId('sign-dossier-paper-notice')).toContainText('phải nộp 01 bộ hồ sơ giấy');
    const got = await page.request.post(`${before.baseUrl}/api/dossier.get`, {
      headers: { 'X-Kekhai-Token': before.secret },
      data: { id },
    });
    expect(((await got.json()) as { value: { state: string; paperCopyRequired: boolean } }).value).toMatchObject({
      state: 'signed',
      paperCopyRequired: true,
    });
  } finally {
    await stopApp(before);
  }
  const after = await serveApp({ now: '2015-11-01T00:00:00+07:00' });
  try {
    await page.goto(after.url);
    await page.getByTestId('nav-signing').click();
    await expect(page.getByTestId('signing-test-cert')).toContainText('Đã hết hạn');
    await page.getByTestId('signing-tab-sign').click();
    await expect(page.getByTestId('signer-choice').locator('option[value="test-cert"]')).toHaveCount(0);
  } finally {
    await stopApp(after);
  }
});
