import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  safeStorage,
  session,
  shell,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { join } from 'node:path';
import type { Result } from '../../shared/contract';
import { APP_NAME } from '../core/version';
import { writeFileAtomic } from '../core/atomic-file';
import { HEAP_FLAGS } from '../core/heap';
import { createCallHandler, rendererIndexUrl, rendererUrlCheck } from './ipc-guard';
import { isSafeExternalUrl } from './safe-links';
import { hardenContents, hardenSession } from './security';
import { readPolicyUrl, readPublisherNames, resolveUpdateFeed, startUpdates, type UpdaterLike } from './updater';
import { openLog } from '../log/logger';
import { windowOptions } from './window-options';
import { resolveDataDir } from '../core/paths';
import { desktopCredentialKey } from '../ivan/secret-box';

// Checklist 4: every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();
// One window per user: two app instances writing one SQLite file would race each other's backups and restores.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

// <data>/logs/main.log: start, service process stops and restarts, update decisions.
const logger = openLog(resolveDataDir(process.env.KEKHAI_DATA), 'main');
logger.info({ version: app.getVersion(), electron: process.versions.electron }, 'app started');

// The thin desktop shell: one window, one service process, one IPC channel into the contract.
let win: BrowserWindow | null = null;
let services: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (r: Result<unknown>) => void>();

// Beside this bundle (out/electron/main.cjs → out/renderer/), in the checkout and inside app.asar alike.
const indexFile = join(__dirname, '..', 'renderer', 'index.html');
const indexUrl = rendererIndexUrl(indexFile);
const isTrustedUrl = rendererUrlCheck(indexUrl);

function startServices(): UtilityProcess {
  const child = utilityProcess.fork(join(__dirname, 'service-host.cjs'), [], {
    serviceName: 'KêKhai services',
    execArgv: HEAP_FLAGS,
  });
  // I-VAN passwords: safeStorage exists only here, so the services get a key it wraps (docs/security-credentials.md).
  try {
    const key = desktopCredentialKey(
      join(resolveDataDir(process.env.KEKHAI_DATA), 'keys', 'ivan-credentials.safe'),
      safeStorage,
    );
    child.postMessage({ credentialKey: key.toString('base64') });
  } catch {
    // No OS keychain: the services keep the per-user key-file scheme.
  }
  child.on('message', (msg: { id?: number; result?: Result<unknown>; progress?: unknown }) => {
    if (msg.progress) win?.webContents.send('kekhai:progress', msg.progress);
    if (msg.id !== undefined && msg.result) {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    }
  });
  child.on('exit', (code) => {
    logger.warn(
      { code, pending: pending.size },
      app.isReady() ? 'service process stopped; restarting' : 'service process stopped',
    );
    for (const [, resolve] of pending)
      resolve({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'Tiến trình dịch vụ đã dừng; đang khởi động lại',
          messageEn: 'The service process stopped; restarting',
        },
      });
    pending.clear();
    services = app.isReady() ? startServices() : null;
  });
  return child;
}

function forward(method: string, input: unknown): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    (services ?? (services = startServices())).postMessage({ id, method, input });
  });
}

app.on('web-contents-created', (_e, contents) => {
  // Checklist 11–15: no webview, no navigation away, no new windows; vetted links go to the OS browser.
  hardenContents(contents, { isTrustedUrl, openExternal: (url) => void shell.openExternal(url) });
});

function createWindow(): void {
  win = new BrowserWindow(windowOptions({ title: APP_NAME, preload: join(__dirname, 'preload.cjs') }));
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(indexUrl); // not loadFile: see rendererIndexUrl
  win.on('closed', () => (win = null));
}

const guard = { trustedWebContentsId: () => win?.webContents.id ?? null, isTrustedUrl };
ipcMain.handle('kekhai:call', createCallHandler({ ...guard, forward }));
ipcMain.handle('kekhai:shell', async (event, action: unknown, arg: unknown) => {
  const check = createCallHandler({ ...guard, forward: async () => ({ ok: true, value: null }) });
  const gate = await check(event, 'system.info', {});
  if (!gate.ok) return gate;
  if (action === 'openExternal' && typeof arg === 'string' && isSafeExternalUrl(arg)) {
    await shell.openExternal(arg);
    return { ok: true, value: true };
  }
  if (action === 'printToPdf' && win) {
    const pdf = await win.webContents.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true });
    const target = await dialog.showSaveDialog(win, {
      defaultPath: 'KeKhai.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (target.canceled || !target.filePath)
      return { ok: false, error: { code: 'CANCELLED', message: 'Đã huỷ', messageEn: 'Cancelled' } };
    writeFileAtomic(target.filePath, pdf);
    return { ok: true, value: target.filePath };
  }
  if (action === 'notify' && typeof arg === 'string') {
    new Notification({ title: APP_NAME, body: arg }).show();
    return { ok: true, value: true };
  }
  return {
    ok: false,
    error: { code: 'BAD_REQUEST', message: 'Thao tác không được phép', messageEn: 'Action not allowed' },
  };
});

/** Settings live in the database, which only the service process opens: ask it like the page does. */
async function settingsFromServices(): Promise<{ 'updates.auto': boolean } | null> {
  const r = await forward('settings.get', {});
  return r.ok ? (r.value as { 'updates.auto': boolean }) : null;
}

async function afterStart(): Promise<void> {
  // The daily automatic backup (one per day, rotated) before the clerk changes anything.
  const backup = await forward('backup.auto', {});
  if (!backup.ok)
    logger.error(
      { code: backup.error.code, message: backup.error.messageEn ?? backup.error.message },
      'automatic backup failed',
    );
  if (!app.isPackaged) return; // updates only for installed copies
  const s = await settingsFromServices();
  // The feed: the installer's address or the administrator's policy, never a setting; only signed updates.
  const feed = resolveUpdateFeed({
    env: process.env,
    policyUrl: readPolicyUrl(),
    auto: s?.['updates.auto'] ?? true,
    publisherNames: readPublisherNames(process.resourcesPath),
  });
  logger.info({ feed }, 'update feed');
  const { autoUpdater } = await import('electron-updater');
  await startUpdates(autoUpdater as unknown as UpdaterLike, feed, (line) => logger.info(line));
}

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  services = startServices();
  createWindow();
  void afterStart();
});
app.on('window-all-closed', () => app.quit());
