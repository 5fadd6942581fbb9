// Fetches the Electron runtime where the network allows it. On build machines without it (and in CI, where
// ELECTRON_SKIP_BINARY_DOWNLOAD=1), the install still succeeds: `npm start` then falls back to browser mode.
// electron's own postinstall is denied in package.json "allowScripts" so a failed download can never fail `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('postinstall: ELECTRON_SKIP_BINARY_DOWNLOAD is set, not fetching the Electron runtime.');
  process.exit(0);
}
if (!existsSync('node_modules/electron/install.js')) process.exit(0);
const r = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'inherit', timeout: 180_000 });
if (r.status !== 0) {
  console.log('postinstall: the Electron runtime could not be downloaded here; `npm start` will use browser mode.');
}
process.exit(0);
