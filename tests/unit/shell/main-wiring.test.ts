import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The desktop shell's start-up duties, checked in the source (the Electron binary cannot run on our build machines).
const main = readFileSync(join(process.cwd(), 'electron/shell/main.ts'), 'utf8');

describe('electron/shell/main.ts start-up', () => {
  it('takes the daily automatic backup through the service process once the window exists', () => {
    const ready = main.slice(main.indexOf('app.whenReady()'));
    expect(ready).toMatch(/createWindow\(\);\s*void afterStart\(\);/);
    expect(main).toMatch(/async function afterStart[\s\S]*forward\('backup\.auto', \{\}\)/);
  });

  it('checks for updates only in an installed copy, from the installer’s address or the administrator policy, signed only', () => {
    const after = main.slice(main.indexOf('async function afterStart'));
    expect(after.indexOf('app.isPackaged')).toBeLessThan(after.indexOf("import('electron-updater')"));
    expect(after).toMatch(/resolveUpdateFeed\(\{ env: process\.env, policyUrl: readPolicyUrl\(\), auto: [^,]+, publisherNames: readPublisherNames\(process\.resourcesPath\) \}\)/);
    // Never from a setting a backup or the page could write.
    expect(main).not.toContain("'updates.url'");
  });

  it('logs service process stops and restarts to <data>/logs/main.log', () => {
    expect(main).toMatch(/openLog\(resolveDataDir\(process\.env\.KEKHAI_DATA\), 'main'\)/);
    expect(main).toMatch(/child\.on\('exit', \(code\) => \{\s*logger\.warn\(\{ code/);
  });

  it('loads the page from beside the bundle, which works inside app.asar too', () => {
    expect(main).toContain("join(__dirname, '..', 'renderer', 'index.html')");
    expect(main).not.toMatch(/rendererDir\(\)/);
  });
});
