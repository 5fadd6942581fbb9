import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built desktop app (out/electron/main.cjs) in a real Electron window, with a throw-away data folder.
let app: ElectronApplication;
let page: Page;
let data: string;

test.beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'kekhai-electron-'));
  app = await electron.launch({
    args: [join(process.cwd(), 'out', 'electron', 'main.cjs')],
    env: { ...process.env, KEKHAI_DATA: data },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  rmSync(data, { recursive: true, force: true });
});

test('one sandboxed window with the preload bridge and no Node in the page', async () => {
  expect(app.windows()).toHaveLength(1);
  const page_ = await page.evaluate(() => ({
    face: (window as unknown as { kekhai?: { face: string } }).kekhai?.face,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(page_).toEqual({ face: 'desktop', require: 'undefined', process: 'undefined' });
  // Only the bridge's own functions cross contextIsolation: no ipcRenderer, no Electron module.
  const bridge = await page.evaluate(() => Object.keys((window as unknown as { kekhai: object }).kekhai).sort());
  expect(bridge).toEqual(['call', 'face', 'notify', 'onProgress', 'openExternal', 'printToPdf']);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('the page reaches the contract through IPC and the service process opens the database', async () => {
  const r = await page.evaluate(() =>
    (window as unknown as { kekhai: { call(m: string, i: unknown): Promise<unknown> } }).kekhai.call('system.info', {}),
  );
  expect(r).toMatchObject({ ok: true, value: { dataDir: data } });
});

test('navigation away from the packaged page and new windows are refused', async () => {
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1000);
  expect(page.url()).toBe(before);
  await page.evaluate(() => window.open('https://example.com/'));
  await page.waitForTimeout(1000);
  expect(app.windows()).toHaveLength(1);
});
