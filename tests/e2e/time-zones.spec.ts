import { test, expect } from '@playwright/test';
import { addUnitWithCli, runCli } from '../support/cli';
import { makeTempDir } from '../support/tmp';
import { MONTH_UNIT } from '../support/units';
import { serveApp, stopApp } from './fixtures';

/**
 * The browser's zone is the PC's. A PC bought abroad and left on its own zone must still show the trainer's test
 * clock as it was typed: `kekhai settings set testMode.clock '"2015-10-31T23:59"'` (no zone: Vietnam time, the last
 * minute of the 2015 test certificate) reads 31/10/2015 23:59 in the banner and in Cài đặt, whatever the zone of the
 * host process (TZ) and of Chromium (timezoneId). Before, the page read the zoneless text in its own zone:
 * 01/11/2015 13:59 in Los Angeles.
 */
for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
  test(`the test clock typed without a zone is Vietnam time in a browser and a host set to ${zone}`, async ({
    browser,
  }) => {
    const dataDir = makeTempDir('kekhai-e2e-zone-');
    const env = { TZ: zone };
    await addUnitWithCli(dataDir, MONTH_UNIT);
    const set = await runCli(['settings', 'set', 'testMode.clock', '"2015-10-31T23:59"', '--json'], {
      data: dataDir,
      env,
    });
    expect(set.code, set.stdout + set.stderr).toBe(0);
    const app = await serveApp({ dataDir, env });
    const context = await browser.newContext({ timezoneId: zone });
    try {
      const page = await context.newPage();
      await page.goto(app.url);
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(zone);
      await expect(page.getByTestId('mode-banner-clock')).toHaveText(' · Đồng hồ thử: 31/10/2015 23:59');
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-tab-general').click();
      await expect(page.getByTestId('test-clock')).toHaveValue('31/10/2015 23:59');
      await expect(page.getByTestId('test-clock-picker')).toHaveValue('2015-10-31T23:59');
      // The service's clock is the same instant: 16:59 UTC.
      const info = await (
        await page.request.post(`${app.baseUrl}/api/system.info`, {
          data: {},
          headers: { 'X-Kekhai-Token': app.secret },
        })
      ).json();
      expect(info.value.now).toBe('2015-10-31T16:59:00.000Z');
    } finally {
      await context.close();
      await stopApp(app);
    }
  });
}
