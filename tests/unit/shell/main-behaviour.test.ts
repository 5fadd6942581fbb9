import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeElectron, FakeContents } from '../../support/fake-electron';
import { makeTempDir, removeDir } from '../../support/tmp';
import { external } from '../../../scripts/externals.mjs';
import { HEAP_FLAGS } from '../../../electron/core/heap';

/**
 * electron/shell/main.ts run for real under Node against a fake `electron` (tests/support/fake-electron.ts): built
 * like scripts/build.mjs builds it, required with `electron` answered by the fake, then driven through the events
 * Electron would fire. The real window runs under Playwright's Electron driver on the Windows CI job.
 */
const fake = createFakeElectron();
let dir = '';
let data = '';
const loadedModules: string[] = [];
const flush = () => new Promise((r) => setTimeout(r, 50));

beforeAll(async () => {
  dir = makeTempDir('kekhai-shell-');
  data = join(dir, 'data');
  await build({
    entryPoints: ['electron/shell/main.ts'],
    outfile: join(dir, 'electron', 'main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external,
    logLevel: 'silent',
    define: { 'import.meta.url': '__kekhai_import_meta_url' },
    banner: { js: "const __kekhai_import_meta_url = require('url').pathToFileURL(__filename).href;" },
  });
  const M = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = M._load;
  M._load = function (request: string, parent: unknown, isMain: boolean) {
    loadedModules.push(request);
    if (request === 'electron') return fake.module;
    return load.call(this, request, parent, isMain);
  };
  process.env.KEKHAI_DATA = data;
  try {
    createRequire(import.meta.url)(join(dir, 'electron', 'main.cjs'));
  } finally {
    M._load = load;
  }
}, 60_000);

afterAll(() => {
  delete process.env.KEKHAI_DATA;
  removeDir(dir);
});

describe('the desktop shell at start-up (before the app is ready)', () => {
  it('forces the sandbox, takes the single-instance lock and registers exactly the two guarded IPC channels', () => {
    expect(fake.calls).toEqual(['enableSandbox', 'requestSingleInstanceLock']);
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(['kekhai:call', 'kekhai:shell']);
    expect(fake.windows).toHaveLength(0);
  });
});

describe('once Electron is ready', () => {
  beforeAll(async () => {
    fake.ready();
    await flush();
  });

  it('hardens the default session: every permission refused, our CSP on every response', () => {
    let granted: boolean | null = null;
    fake.sessionHandlers.request!(null, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(fake.sessionHandlers.check!(null, 'notifications')).toBe(false);
    let headers: Record<string, unknown> = {};
    fake.sessionHandlers.headers!(
      { responseHeaders: {} },
      (r: { responseHeaders: Record<string, unknown> }) => (headers = r.responseHeaders),
    );
    expect(String(headers['Content-Security-Policy'])).toContain("default-src 'self'");
  });

  it('opens one secure window on the page beside the bundle, with the preload', () => {
    expect(fake.windows).toHaveLength(1);
    const w = fake.windows[0]!;
    const prefs = w.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe(join(dir, 'electron', 'preload.cjs'));
    expect(w.loaded).toBe(pathToFileURL(join(dir, 'renderer', 'index.html')).href);
  });

  it('starts the service process and asks it for the daily automatic backup; no updater in a checkout', () => {
    expect(fake.children[0]!.path).toBe(join(dir, 'electron', 'service-host.cjs'));
    // The heap flags V8 reads only at start-up (heap.ts): a 50,000-row import's peak memory depends on them.
    expect(fake.children[0]!.options.execArgv).toEqual(HEAP_FLAGS);
    expect(fake.children[0]!.posted.map((m) => m.method).filter(Boolean)).toContain('backup.auto');
    expect(loadedModules).not.toContain('electron-updater');
  });

  it('forwards a call from our window to the service process and refuses any other sender', async () => {
    const w = fake.windows[0]!;
    const call = fake.ipcHandlers.get('kekhai:call')!;
    const ours = {
      sender: { id: w.webContents.id },
      senderFrame: { url: pathToFileURL(join(dir, 'renderer', 'index.html')).href, parent: null },
    };
    expect(await call(ours, 'system.info', {})).toEqual({ ok: true, value: { method: 'system.info' } });
    const foreign = { sender: { id: 999 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await call(foreign, 'system.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const sub = { sender: { id: w.webContents.id }, senderFrame: { url: ours.senderFrame.url, parent: {} } };
    expect(await call(sub, 'system.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The desktop-only channel has the same gate, and only its three actions.
    const shellCall = fake.ipcHandlers.get('kekhai:shell')!;
    expect(await shellCall(foreign, 'openExternal', 'https://baohiemxahoi.gov.vn/')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await shellCall(ours, 'openExternal', 'javascript:alert(1)')).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await shellCall(ours, 'runCommand', 'calc.exe')).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(fake.opened).toEqual([]);
  });

  it('every new webContents is hardened: no new windows, no navigation away, vetted links to the OS browser', () => {
    const contents = new FakeContents(5);
    fake.module.app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
  });

  it('restarts a stopped service process, answers waiting calls, and logs it to <data>/logs/main.log', async () => {
    const first = fake.children.length;
    fake.children.at(-1)!.emit('exit', 3);
    expect(fake.children.length).toBe(first + 1);
    await flush();
    const log = join(data, 'logs', 'main.log');
    expect(existsSync(log)).toBe(true);
    expect(readFileSync(log, 'utf8')).toContain('service process stopped; restarting');
  });
});
