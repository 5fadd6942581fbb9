/**
 * The window's web preferences, one frozen constant (Electron security checklist 2–4, 6, 8–10):
 * no Node in the page, isolated preload world, Chromium sandbox, web security on.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
});

/** The main window: our secure preferences plus the preload; nothing else may be passed in. */
export function windowOptions(opts: { title: string; preload: string }) {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: opts.title,
    show: false,
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: opts.preload },
  };
}
