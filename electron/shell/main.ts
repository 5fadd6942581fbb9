import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell, utilityProcess, type UtilityProcess } from 'electron';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Result } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { rendererDir } from '../core/paths';
import { APP_NAME } from '../core/version';
import { createCallHandler, rendererUrlCheck } from './ipc-guard';
import { isSafeExternalUrl } from './safe-links';
import { SECURE_WEB_PREFERENCES } from './window-options';

// The thin desktop shell: one window, one service process, one IPC channel into the contract.
let win: BrowserWindow | null = null;
let services: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (r: Result<unknown>) => void>();

const indexFile = join(rendererDir(), 'index.html');
const isTrustedUrl = rendererUrlCheck(pathToFileURL(indexFile).href);

function startServices(): UtilityProcess {
  const child = utilityProcess.fork(join(__dirname, 'service-host.cjs'), [], { serviceName: 'KêKhai services' });
  child.on('message', (msg: { id?: number; result?: Result<unknown>; progress?: unknown }) => {
    if (msg.progress) win?.webContents.send('kekhai:progress', msg.progress);
    if (msg.id !== undefined && msg.result) {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    }
  });
  child.on('exit', () => {
    for (const [, resolve] of pending) resolve({ ok: false, error: { code: 'INTERNAL', message: 'Tiến trình dịch vụ đã dừng; đang khởi động lại', messageEn: 'The service process stopped; restarting' } });
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

function hardenSessions(): void {
  // Checklist 5: the app needs no browser permission (camera, geolocation, notifications go through main).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // Checklist 7: the CSP also as a response header.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

app.on('web-contents-created', (_e, contents) => {
  // Checklist 11–14: no webview, no navigation away, no new windows; vetted links go to the OS browser.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

function createWindow(): void {
  win = new BrowserWindow({
    width: 1360,
    height: 860,
    title: APP_NAME,
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, 'preload.cjs') },
  });
  win.once('ready-to-show', () => win?.show());
  void win.loadFile(indexFile);
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
    const target = await dialog.showSaveDialog(win, { defaultPath: 'KeKhai.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (target.canceled || !target.filePath) return { ok: false, error: { code: 'CANCELLED', message: 'Đã huỷ', messageEn: 'Cancelled' } };
    writeFileSync(target.filePath, pdf);
    return { ok: true, value: target.filePath };
  }
  if (action === 'notify' && typeof arg === 'string') {
    new Notification({ title: APP_NAME, body: arg }).show();
    return { ok: true, value: true };
  }
  return { ok: false, error: { code: 'BAD_REQUEST', message: 'Thao tác không được phép', messageEn: 'Action not allowed' } };
});

void app.whenReady().then(() => {
  hardenSessions();
  services = startServices();
  createWindow();
});
app.on('window-all-closed', () => app.quit());
