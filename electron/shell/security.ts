import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { isSafeExternalUrl } from './safe-links';

/**
 * The security wiring of the Electron security checklist (electron/electron docs/tutorial/security.md), written
 * against the few structural bits of Electron it touches so tests can drive it with fakes under plain Node.
 */

type Callback<T> = (value: T) => void;

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: string, callback: Callback<boolean>, details?: unknown) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (wc: unknown, permission: string, origin?: string, details?: unknown) => boolean,
  ): void;
  setDevicePermissionHandler?(handler: (details: unknown) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[] | string> },
        callback: Callback<{ responseHeaders?: Record<string, string[] | string> }>,
      ) => void,
    ): void;
  };
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface WebContentsLike {
  on(event: 'will-attach-webview', listener: (event: PreventableEvent, ...rest: unknown[]) => void): unknown;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent, url: string, ...rest: unknown[]) => void,
  ): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/** Checklist 5 and 7: the page gets no browser permission at all, and our CSP rides on every response too. */
export function hardenSession(session: SessionLike): void {
  // Camera, microphone, geolocation, notifications, clipboard-read, HID/serial/USB… none are needed by the page;
  // the token is reached by the service process through PKCS#11, never by the renderer.
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export interface ContentsPolicy {
  /** Our own page (the packaged renderer). */
  isTrustedUrl(url: string): boolean;
  /** Hands a vetted https link to the OS browser. */
  openExternal(url: string): void;
}

/**
 * Checklist 11–15 for every webContents the app creates: no `<webview>`, no navigation away from our page (a link
 * to a vetted site opens in the OS browser instead), no new windows.
 */
export function hardenContents(contents: WebContentsLike, policy: ContentsPolicy): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const stay = (event: PreventableEvent, url: string) => {
    if (policy.isTrustedUrl(url)) return;
    event.preventDefault();
    if (isSafeExternalUrl(url)) policy.openExternal(url);
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', (event, url) => {
    if (!policy.isTrustedUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) policy.openExternal(url);
    return { action: 'deny' };
  });
}
