import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../support/tmp';

describe('npm start without the Electron runtime', () => {
  it('says why in one line and starts browser mode, printing the URL', async () => {
    const dir = makeTempDir();
    // No Electron binary is downloadable on the build machines; KEKHAI_BROWSER_MODE forces the same path elsewhere.
    const child = spawn(process.execPath, ['scripts/start.mjs', '--data', dir], {
      env: { ...process.env, KEKHAI_PORT: '0', KEKHAI_BROWSER_MODE: '1', DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${text}`)), 30_000);
      child.stdout.on('data', (c) => {
        text += c;
        if (/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.test(text)) {
          clearTimeout(timer);
          resolve(text);
        }
      });
    });
    const lines = out.trim().split('\n');
    const why = lines.find((l) => l.includes('chế độ trình duyệt'));
    expect(why).toMatch(/Không mở được cửa sổ ứng dụng vì .+ — chuyển sang chế độ trình duyệt/);
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)![0];
    expect((await fetch(url)).status).toBe(200);
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
    removeDir(dir);
  });
});
