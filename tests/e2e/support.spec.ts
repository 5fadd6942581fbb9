import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';

/**
 * Cài đặt → Hỗ trợ → "Xuất gói hỗ trợ" (issue #13, item 7) in browser mode: the zip holds the host's log, the
 * doctor output and the versions, and neither the database nor the session token. The token itself travels only
 * in a header (issue #12, item 7): the browser holds no cookie for the app, and a reload keeps working.
 */
test('support bundle from Cài đặt; the session token is never a cookie', async ({ appPage: page, app }) => {
  expect(await page.context().cookies()).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('statusbar')).toBeVisible();

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-tab-support').click();
  await expect(page.getByTestId('log-folder')).toContainText(`${app.dataDir}/logs`);
  const download = page.waitForEvent('download');
  await page.getByTestId('support-bundle').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^kekhai-ho-tro-\d{8}-\d{6}\.zip$/);
  await expect(page.getByTestId('support-message')).toContainText('Đã tạo gói hỗ trợ');
  const zip = unzipSync(readFileSync(await file.path()));
  expect(Object.keys(zip)).toEqual(
    expect.arrayContaining(['README.txt', 'doctor.json', 'versions.json', 'logs/host.log']),
  );
  expect(Object.keys(zip).some((n) => n.endsWith('.db'))).toBe(false);
  const text = Object.values(zip)
    .map((b) => strFromU8(b))
    .join('\n');
  expect(text).toContain('"method":"system.doctor"');
  expect(text).not.toContain(app.secret);
  expect(await page.context().cookies()).toEqual([]);
});
