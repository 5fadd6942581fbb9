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
