import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCaller, serveApp, stopApp } from './fixtures';
import { createSoftHsmToken } from '../support/softhsm';
import { writeTempFile } from '../support/tmp';
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
    const input = writeTempFile(
      app.dataDir,
      'D02-TS-595.xml',
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
    const tampered = writeTempFile(
      app.dataDir,
      'tampered.xml',
      readFileSync(signedPath, 'utf8').replace('Phạm Thị Hoa', 'Phạm Thị Hoà'),
    );
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
    const input = writeTempFile(
      before.dataDir,
      'TK1-TS-595.xml',
      '<?xml version="1.0" encoding="utf-8"?>\n<TK1-TS><NoiDung/><Cky/></TK1-TS>\n',
    );
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

test('a token of another MST: the clerk overrides with a reason, the dossier is signed and the override is in the audit log', async ({
  page,
}) => {
  // The draft's unit has MST 2800123452; the token's certificate carries 0100109106.
  const token = await createSoftHsmToken({ label: 'OTHER MST', pin: '246810', soPin: '086420', mst: '0100109106' });
  const app = await serveApp({ env: token.env });
  try {
    const draft = JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));
    const { id } = (await apiCaller(page, app)('dossier.create', { draft })) as { id: string };
    await page.goto(app.url);
    await page.getByTestId('nav-signing').click();

    // Ký tệp XML: the same card appears for a file with the unit's MST typed in; "Hủy" closes it, nothing signed.
    await page.getByTestId('signing-tab-sign').click();
    const input = writeTempFile(
      app.dataDir,
      'D02-TS-override.xml',
      '<?xml version="1.0" encoding="utf-8"?>\n<D02-TS><NoiDung/><Cky/></D02-TS>\n',
    );
    await page.getByTestId('sign-file').setInputFiles(input);
    await page.getByTestId('sign-unit-mst').fill('2800123452');
    await expect(page.getByTestId('signer-choice')).not.toHaveValue('');
    await page.getByTestId('signer-pin').fill(token.pin);
    await page.getByTestId('signer-submit').click();
    await expect(page.getByTestId('sign-error')).toContainText('khác MST của đơn vị 2800123452');
    const fileCard = page.getByTestId('sign-mst-override');
    await expect(fileCard).toContainText('MST trên chứng thư khác MST của đơn vị');
    await fileCard.getByRole('button', { name: 'Hủy' }).click();
    await expect(fileCard).toHaveCount(0);

    // Ký hồ sơ: refused first, then signed with the reason.
    await page.getByTestId('signing-tab-dossier').click();
    await expect(page.getByTestId('sign-dossier-choice')).toHaveValue(id);
    await page.getByTestId('signer-pin').fill(token.pin);
    await page.getByTestId('signer-submit').click();
    await expect(page.getByTestId('sign-dossier-error')).toContainText('mang MST 0100109106');
    const card = page.getByTestId('sign-dossier-mst-override');
    await expect(card.getByTestId('sign-dossier-override-reason')).toHaveAttribute('placeholder', 'Lý do ký thay');
    // Fewer than three characters: the confirm button stays disabled.
    await card.getByTestId('sign-dossier-override-reason').fill('ab');
    await card.getByTestId('signer-pin').fill(token.pin);
    await expect(card.getByTestId('signer-submit')).toBeDisabled();
    await card.getByTestId('sign-dossier-override-reason').fill('Giám đốc ủy quyền ký thay');
    await card.getByTestId('signer-pin').fill(token.pin);
    await card.getByTestId('signer-submit').click();
    await expect(page.getByTestId('sign-dossier-result')).toContainText('0100109106');
    await expect(card).toHaveCount(0);
    const got = (await apiCaller(page, app)('dossier.get', { id })) as { state: string };
    expect(got.state).toBe('signed');

    // The override is recorded once (the cancelled file signing left nothing), as a sentence with the reason.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-audit').click();
    await page.getByTestId('audit-search').fill('signing.mstOverride');
    await expect(page.getByTestId('audit-row')).toHaveCount(1);
    await expect(page.getByTestId('audit-row')).toContainText(
      'Ký thay: chứng thư MST 0100109106 ký cho đơn vị MST 2800123452 — lý do: Giám đốc ủy quyền ký thay',
    );
  } finally {
    await stopApp(app);
    token.cleanup();
  }
});
