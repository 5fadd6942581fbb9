import { test, expect } from '@playwright/test';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveApp, stopApp } from './fixtures';
import { startIvanServer } from '../../electron/ivan/simulator/server';
import { makeTempDir, removeDir } from '../support/tmp';
import { RESOURCES, receiptClock, signedDossier, testCertSigner } from '../integration/ivan/fixtures';

test('queue a signed dossier, send it to the local I-VAN, see the result in Thông báo, find and print it in the history', async ({
  page,
}) => {
  const srvDir = makeTempDir('kekhai-e2e-ivan-');
  const server = await startIvanServer({
    dataDir: srvDir,
    resourcesDir: RESOURCES,
    resultDelayMs: 50,
    now: receiptClock(),
  });
  const app = await serveApp();
  try {
    const file = join(app.dataDir, 'BHXHDienTu.xml');
    writeFileSync(file, await signedDossier(await testCertSigner(), 7));

    await page.goto(app.url);
    // Leave the first-run flow (shown while no unit exists) for this journey.
    await page.request.post(`${app.baseUrl}/api/welcome.dismiss`, {
      data: {},
      headers: { 'X-Kekhai-Token': app.secret },
    });
    await page.reload();
    await page.getByTestId('nav-signing').click();
    await page.getByTestId('signing-tab-submit').click();
    const panel = page.getByTestId('submit-panel');
    await panel.getByTestId('submit-file').setInputFiles(file);
    await panel.getByTestId('submit-endpoint').fill(server.url);
    await panel.getByTestId('submit-queue').click();
    await expect(panel.getByTestId('submit-state')).toHaveText('Chờ gửi');
    await panel.getByTestId('submit-send').click();
    // "Hỏi lại trước khi nộp hồ sơ" is on by default.
    await page.getByTestId('submit-confirm-yes').click();
    // The result follows the receipt by 50 ms: the panel may already show the dossier accepted.
    await expect(panel.getByTestId('submit-state')).toHaveText(/Đã gửi I-VAN|BHXH đã tiếp nhận|Được chấp nhận/);
    await expect(panel.getByTestId('submit-tx')).not.toHaveText('—');

    await page.getByTestId('nav-inbox').click();
    // The server decides a moment after the receipt (its timer can lag on a loaded machine): the clerk presses
    // "refresh" until the result is there, as in the journey.
    await expect(async () => {
      await page.getByTestId('ivan-refresh').click();
      await expect(page.getByTestId('note-accepted')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByTestId('note-accepted').getByTestId('note-receipt-no')).toHaveText(/^\d{5}\/\d{4}\/07906$/);
    await expect(page.getByTestId('note-accepted')).toContainText('phải nộp 01 bộ hồ sơ giấy');
    const receiptNo = await page.getByTestId('note-accepted').getByTestId('note-receipt-no').textContent();

    await page.getByTestId('tab-history').click();
    await page.getByTestId('history-search').fill(receiptNo!);
    await expect(page.getByTestId('history-row')).toHaveCount(1);
    await page.getByTestId('history-row').getByRole('button', { name: 'In' }).click();
    await expect(page.getByTestId('receipt-no')).toHaveText(receiptNo!);

    await page.getByTestId('history-period').fill('10/2015');
    const download = page.waitForEvent('download');
    await page.getByTestId('history-export').click();
    expect((await download).suggestedFilename()).toBe('kekhai-ho-so-2015-10.zip');
  } finally {
    await stopApp(app);
    await server.close();
    removeDir(srvDir);
  }
});

test('Cài đặt → I-VAN: the 2015 deadline, provider and credentials (write-only), training mode pointing at a local server', async ({
  page,
}) => {
  // The key file of the browser-mode credential box goes to a temp folder, never the real per-user one.
  const keys = makeTempDir('kekhai-e2e-keys-');
  const app = await serveApp({
    now: '2015-10-20T09:00:00+07:00',
    env: { KEKHAI_KEY_FILE: join(keys, 'ivan-credentials.key') },
  });
  try {
    const call = (method: string, body: unknown) =>
      page.request.post(`${app.baseUrl}/api/${method}`, { data: body, headers: { 'X-Kekhai-Token': app.secret } });
    expect(
      (
        await (
          await call('unit.add', {
            code: 'TS12345',
            name: 'Công ty TNHH Mẫu',
            taxCode: '0100109106',
            agencyCode: '07906',
            wageRegion: '01',
            ivanProvider: '00040',
          })
        ).json()
      ).ok,
    ).toBe(true);
    await call('welcome.dismiss', {});
    await page.goto(app.url);
    await page.evaluate(() => localStorage.setItem('kekhai.unit', 'TS12345'));
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-ivan').click();
    const panel = page.getByTestId('ivan-settings');
    await expect(panel.getByTestId('ivan-deadline')).toContainText('31/10/2015');
    await expect(panel.getByTestId('ivan-deadline')).toContainText('còn 11 ngày');
    await expect(panel.getByTestId('ivan-deadline')).toContainText('Từ 01/11/2015 không nhận hồ sơ giấy');
    await panel.getByTestId('ivan-provider').selectOption('00040');
    await panel.getByTestId('ivan-endpoint').fill('http://ivan.example.vn');
    await panel.getByTestId('ivan-save').click();
    await expect(panel.getByRole('status')).toContainText('Chỉ chấp nhận địa chỉ https');
    await panel.getByTestId('ivan-endpoint').fill('https://ivan.example.vn/kekhai');
    await panel.getByTestId('ivan-username').fill('dv-ts12345');
    await panel.getByTestId('ivan-password').fill('bi-mat-123');
    await panel.getByTestId('ivan-save').click();
    await expect(panel.getByRole('status')).toContainText('Đã lưu');
    await expect(panel.getByTestId('ivan-password')).toHaveValue('');
    await expect(panel.getByTestId('ivan-password')).toHaveAttribute('placeholder', /Đã lưu \(mã hoá\)/);
    const got = await (await call('ivan.settingsGet', { unitCode: 'TS12345' })).json();
    expect(JSON.stringify(got)).not.toContain('bi-mat-123');
    await panel.getByTestId('ivan-training').click();
    await expect(panel.getByTestId('ivan-training-active')).toContainText('http://127.0.0.1:');
    expect(existsSync(join(keys, 'ivan-credentials.key'))).toBe(true);
  } finally {
    await stopApp(app);
    removeDir(keys);
  }
});
