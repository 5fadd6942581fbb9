/**
 * The desktop window's page from an install folder named as on a clerk's PC (the per-user install lives under
 * "C:\Users\<name>\AppData\Local\Programs\…"): Debian Chromium — the engine inside Electron — opens the URL the shell
 * loads (`rendererIndexUrl`, electron/shell/main.ts), finds the file, and the URL it then reports passes the IPC guard
 * (`rendererUrlCheck`), so the page's calls are accepted. `BrowserWindow.loadFile` (the shell's old call) builds its
 * URL with `url.format`, modelled here: with `%`, `[`, `]` or `~` in the folder the guard refused the page, and a
 * folder "a%20b" was not found at all.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:url';
import { rendererIndexUrl, rendererUrlCheck } from '../../../electron/shell/ipc-guard';
import { makeTempDir, removeDir } from '../../support/tmp';
import { AWKWARD, AWKWARD_NFD } from './paths';

const FOLDERS = [AWKWARD, AWKWARD_NFD, 'a%20b', 'NGUYEN~1', 'Hoà 100%', 'x;y,z=w@v$u!'];

let base: string;
let browser: Browser;

beforeAll(async () => {
  base = makeTempDir('kekhai-win-url-');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
});
afterAll(async () => {
  await browser?.close();
  removeDir(base);
});

function installed(folder: string): string {
  const dir = join(base, 'Users', folder, 'AppData', 'Local', 'Programs', 'kekhai', 'out', 'renderer');
  mkdirSync(dir, { recursive: true });
  const index = join(dir, 'index.html');
  writeFileSync(index, '<!doctype html><meta charset="utf-8"><title>KêKhai</title>');
  return index;
}

describe('the window page from an awkward install folder', () => {
  test.each(FOLDERS)('%s: found, and trusted by the IPC guard', async (folder) => {
    const index = installed(folder);
    const page = await browser.newPage();
    try {
      await page.goto(rendererIndexUrl(index));
      expect(await page.title()).toBe('KêKhai');
      const href = page.url();
      expect(rendererUrlCheck(rendererIndexUrl(index))(href), href).toBe(true);
      // A sibling folder whose name starts the same is not ours.
      expect(rendererUrlCheck(rendererIndexUrl(index))(href.replace('/out/renderer/', '/out/renderer-x/'))).toBe(false);
    } finally {
      await page.close();
    }
  });

  test("loadFile's URL (url.format) from such folders: the guard refuses it or the file is not found", async () => {
    const failed: string[] = [];
    for (const folder of [AWKWARD, 'a%20b', 'NGUYEN~1']) {
      const index = installed(folder);
      const page = await browser.newPage();
      try {
        const loaded = await page
          .goto(format({ protocol: 'file', slashes: true, pathname: index }))
          .then(() => true)
          .catch(() => false);
        if (!loaded || !rendererUrlCheck(rendererIndexUrl(index))(page.url())) failed.push(folder);
      } finally {
        await page.close();
      }
    }
    expect(failed).toEqual([AWKWARD, 'a%20b', 'NGUYEN~1']);
  });
});
