import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A path as a Windows clerk hands it over: Explorer's "Copy as path" wraps it in double quotes, and so does cmd's
 * `set KEKHAI_DATA="C:\Users\Hoà\Dữ liệu"` (cmd keeps the quotes in the value). No file name can hold a `"`, so the
 * path is the one inside them.
 */
export function unquotedPath(path: string): string {
  const t = path.trim();
  return /^"[^"]*"$/.test(t) ? t.slice(1, -1).trim() : t;
}

/**
 * The data folder: `--data DIR`, else `KEKHAI_DATA`, else the per-user folder
 * (%APPDATA%\KeKhaiBHXH on Windows, ~/Library/Application Support/KeKhaiBHXH on macOS, $XDG_DATA_HOME/kekhai-bhxh elsewhere).
 */
export function resolveDataDir(flag?: string): string {
  if (flag) return resolve(unquotedPath(flag));
  if (process.env.KEKHAI_DATA) return resolve(unquotedPath(process.env.KEKHAI_DATA));
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'KeKhaiBHXH');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'KeKhaiBHXH');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'kekhai-bhxh');
}

/**
 * Chế độ tập huấn keeps everything in its own folder inside the data folder: its database (sample units, the local
 * I-VAN's outbox and inbox), signed files and backups. Turning training off returns to `<data>/kekhai.db` untouched.
 */
export function trainingDataDir(dataDir: string): string {
  return join(dataDir, 'training');
}

/** The folder holding this module (works in the esbuild CJS bundle, where import.meta.url is defined from __filename). */
function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

/**
 * The project/app root: the nearest ancestor of this module holding package.json — the checkout (from `electron/core`
 * or from the `out/` bundles) or, in the installed app, `resources/app.asar` (from `app.asar/out/electron`).
 */
export function appRoot(): string {
  let dir = moduleDir();
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return process.cwd();
}

/** Bundled data: `KEKHAI_RESOURCES`, the packaged app's resources folder, or `<root>/resources` in a checkout. */
export function resourcesDir(): string {
  if (process.env.KEKHAI_RESOURCES) return resolve(process.env.KEKHAI_RESOURCES);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources'))) return join(packaged, 'resources');
  return join(appRoot(), 'resources');
}

/** The built renderer (`out/renderer`) served by the browser-mode host and loaded by the window. */
export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer');
}
