// `npm start`: the desktop window where the Electron runtime is installed; otherwise one line saying why, then
// browser mode (the same app, served on 127.0.0.1 with a per-launch secret) with its URL.
import { cliNodeFlags } from './cli-flags.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const passthrough = process.argv.slice(2);

if (!existsSync('out/cli.cjs') || !existsSync('out/renderer/index.html') || process.env.KEKHAI_REBUILD) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

function electronBinary() {
  try {
    const dir = join(require.resolve('electron/package.json'), '..');
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile))
      return {
        ok: false,
        vi: 'bộ chạy Electron chưa được tải về khi cài đặt (không có mạng tới máy chủ tải)',
        en: 'the Electron runtime was not downloaded at install time (no network to its download server)',
      };
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin)
      ? { ok: true, bin }
      : { ok: false, vi: `thiếu bộ chạy Electron (${bin})`, en: `the Electron runtime is missing (${bin})` };
  } catch {
    return { ok: false, vi: 'chưa cài gói electron', en: 'the electron package is not installed' };
  }
}

const electron = electronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (electron.ok && !noDisplay && !process.env.KEKHAI_BROWSER_MODE) {
  const child = spawn(electron.bin, ['.', ...passthrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = electron.ok
    ? noDisplay
      ? { vi: 'máy không có màn hình', en: 'there is no display here' }
      : { vi: 'đã đặt KEKHAI_BROWSER_MODE', en: 'KEKHAI_BROWSER_MODE is set' }
    : electron;
  console.log(
    `Không mở được cửa sổ ứng dụng vì ${why.vi} — chuyển sang chế độ trình duyệt. / No desktop window: ${why.en}; starting browser mode.`,
  );
  const port = process.env.KEKHAI_PORT ?? '5757';
  const child = spawn(process.execPath, [...cliNodeFlags(), 'out/cli.cjs', 'serve', '--port', port, ...passthrough], {
    stdio: 'inherit',
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
