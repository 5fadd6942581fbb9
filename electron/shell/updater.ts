/**
 * Updates through electron-updater's generic provider: any plain file server holding `latest.yml` and the
 * installer (what `electron-builder --publish` writes to release/). An IT department points every PC at its own
 * server with the KEKHAI_UPDATE_URL environment variable (e.g. set by group policy) or the `updates.url` setting
 * (Cài đặt → Cập nhật); otherwise the address built into the installer (electron-builder.yml `publish`) is used.
 */

export interface UpdateFeedInput {
  env: Record<string, string | undefined>;
  /** `updates.url` from the settings, null when not set. */
  setting: string | null;
  /** `updates.auto` from the settings. */
  auto: boolean;
}

export type UpdateFeed = { enabled: false; reason: string } | { enabled: true; url: string | null; source: 'env' | 'setting' | 'built-in' };

/** Only https feeds: an update is code that will run on the office PC. */
function httpsOrNull(raw: string | undefined | null): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' && !u.username && !u.password ? u.href : null;
  } catch {
    return null;
  }
}

export function resolveUpdateFeed(input: UpdateFeedInput): UpdateFeed {
  if (input.env.KEKHAI_UPDATES === 'off') return { enabled: false, reason: 'KEKHAI_UPDATES=off' };
  if (!input.auto) return { enabled: false, reason: 'updates.auto=false' };
  if (input.env.KEKHAI_UPDATE_URL !== undefined) {
    const url = httpsOrNull(input.env.KEKHAI_UPDATE_URL);
    return url ? { enabled: true, url, source: 'env' } : { enabled: false, reason: 'KEKHAI_UPDATE_URL is not an https address' };
  }
  const fromSetting = httpsOrNull(input.setting);
  if (fromSetting) return { enabled: true, url: fromSetting, source: 'setting' };
  return { enabled: true, url: null, source: 'built-in' };
}

/** The part of electron-updater's AppUpdater we use (structural, so tests pass a fake). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/** Configures the updater for a feed and starts one check. Never throws: a missing server must not stop the app. */
export async function startUpdates(updater: UpdaterLike, feed: UpdateFeed, log: (line: string) => void): Promise<boolean> {
  if (!feed.enabled) {
    log(`updates off: ${feed.reason}`);
    return false;
  }
  updater.autoDownload = true;
  // Installs when the clerk closes the app, never in the middle of a declaration.
  updater.autoInstallOnAppQuit = true;
  if (feed.url) updater.setFeedURL({ provider: 'generic', url: feed.url });
  updater.on('error', (e) => log(`update check failed: ${e.message}`));
  try {
    await updater.checkForUpdatesAndNotify();
  } catch (e) {
    log(`update check failed: ${(e as Error).message}`);
  }
  return true;
}
