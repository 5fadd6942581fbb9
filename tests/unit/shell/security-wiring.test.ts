import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp';
import { rendererUrlCheck } from '../../../electron/shell/ipc-guard';
import {
  hardenContents,
  hardenSession,
  type SessionLike,
  type WebContentsLike,
} from '../../../electron/shell/security';
import { SECURE_WEB_PREFERENCES, windowOptions } from '../../../electron/shell/window-options';

// Fakes with the shape of Electron's Session and WebContents: the wiring is driven exactly as Electron would.
function fakeSession() {
  const h: Record<string, (...a: any[]) => any> = {};
  const s: SessionLike = {
    setPermissionRequestHandler: (fn) => (h.request = fn),
    setPermissionCheckHandler: (fn) => (h.check = fn),
    setDevicePermissionHandler: (fn) => (h.device = fn),
    webRequest: { onHeadersReceived: (fn) => (h.headers = fn) },
  };
  return { s, h };
}

function fakeContents() {
  const listeners = new Map<string, (...a: any[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const c: WebContentsLike = {
    on: ((event: string, fn: (...a: any[]) => void) => listeners.set(event, fn)) as WebContentsLike['on'],
    setWindowOpenHandler: (fn) => (openHandler = fn),
  };
  const emit = (event: string, ...args: unknown[]) => {
    let prevented = false;
    listeners.get(event)!({ preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  };
  return { c, emit, open: (url: string) => openHandler!({ url }), listeners };
}

const INDEX = 'file:///C:/Program%20Files/KeKhai/resources/app.asar/out/renderer/index.html';

describe('session hardening (checklist 5, 7)', () => {
  it('denies every permission request and check, and devices', () => {
    const { s, h } = fakeSession();
    hardenSession(s);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'serial',
      'usb',
      'fullscreen',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      h.request!({}, permission, (v: boolean) => (granted = v));
      expect(granted, permission).toBe(false);
      expect(h.check!({}, permission, 'file://')).toBe(false);
    }
    expect(h.device!({ deviceType: 'usb' })).toBe(false);
  });

  it('adds our CSP to every response', () => {
    const { s, h } = fakeSession();
    hardenSession(s);
    let out: any;
    h.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (v: unknown) => (out = v));
    expect(out.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out.responseHeaders['Content-Type']).toEqual(['text/html']);
  });
});

describe('webContents hardening (checklist 11–15)', () => {
  const setup = () => {
    const opened: string[] = [];
    const f = fakeContents();
    hardenContents(f.c, { isTrustedUrl: rendererUrlCheck(INDEX), openExternal: (u) => opened.push(u) });
    return { ...f, opened };
  };

  it('refuses <webview>', () => {
    const { emit } = setup();
    expect(emit('will-attach-webview', {}, {})).toBe(true);
  });

  it('keeps the window on our page: foreign navigation and redirects are stopped', () => {
    const { emit, opened } = setup();
    for (const url of [
      'https://example.invalid/',
      'http://127.0.0.1:8080/',
      'file:///C:/Windows/win.ini',
      'javascript:alert(1)',
      'data:text/html,<h1>x',
    ]) {
      expect(emit('will-navigate', url), url).toBe(true);
      expect(emit('will-redirect', url), url).toBe(true);
    }
    expect(opened).toEqual([]);
    // Our own page (a hash route) may load.
    expect(emit('will-navigate', INDEX + '#/settings')).toBe(false);
  });

  it('a link to a vetted site goes to the OS browser instead of the window', () => {
    const { emit, opened } = setup();
    expect(emit('will-navigate', 'https://baohiemxahoi.gov.vn/')).toBe(true);
    expect(opened).toEqual(['https://baohiemxahoi.gov.vn/']);
  });

  it('never opens a new window; only vetted https links reach the OS browser', () => {
    const { open, opened } = setup();
    expect(open('https://example.invalid/phishing')).toEqual({ action: 'deny' });
    expect(open('https://dichvucong.baohiemxahoi.gov.vn/tra-cuu')).toEqual({ action: 'deny' });
    expect(open(INDEX)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://dichvucong.baohiemxahoi.gov.vn/tra-cuu']);
  });
});

describe('window options (checklist 2–4, 6, 8–10)', () => {
  it('are the secure preferences, frozen, with only the preload added', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
    const o = windowOptions({ title: 'KêKhai BHXH', preload: '/x/preload.cjs' });
    expect(o.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/x/preload.cjs' });
    expect(JSON.stringify(o.webPreferences)).not.toMatch(/enableBlinkFeatures|additionalArguments/);
  });
});
