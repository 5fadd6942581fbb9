/**
 * Updates through electron-updater's generic provider: any plain https file server holding `latest.yml` and the
 * installer (what `electron-builder --publish` writes to release/).
 *
 * Where updates come from is decided only by what the clerk cannot be tricked into changing (issue #12, item 5):
 * the address built into the installer (electron-builder.yml `publish` → app-update.yml), or an administrator policy
 * — on Windows the machine policy `HKLM\SOFTWARE\Policies\KeKhaiBHXH` value `UpdateUrl` (Group Policy, needs
 * administrator rights), elsewhere `/etc/kekhai-bhxh/policy.json` `{"updateUrl": "https://…"}` owned by root. Never a
 * setting (a restored backup or the renderer could write one) and never the user's environment.
 *
 * And only signed updates: electron-updater checks the downloaded installer's Authenticode signature against
 * `publisherName` from app-update.yml, and skips the check when that is absent — so without a publisherName no
 * update is fetched at all.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface UpdateFeedInput {
  env: Record<string, string | undefined>;
  /** `UpdateUrl` of the administrator policy, null when none is set. */
  policyUrl: string | null;
  /** `updates.auto` from the settings (switching updates off is always safe). */
  auto: boolean;
  /** `publisherName` of app-update.yml (the names the installer's code-signing certificate carries). */
  publisherNames: string[];
}

export type UpdateFeed =
  { enabled: false; reason: string } | { enabled: true; url: string | null; source: 'policy' | 'built-in' };

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
  if (!input.publisherNames.length)
    return { enabled: false, reason: 'app-update.yml has no publisherName: unsigned updates are refused' };
  if (input.policyUrl !== null) {
    const url = httpsOrNull(input.policyUrl);
    return url
      ? { enabled: true, url, source: 'policy' }
      : { enabled: false, reason: 'the administrator policy UpdateUrl is not an https address' };
  }
  return { enabled: true, url: null, source: 'built-in' };
}

/** `publisherName:` of app-update.yml (one name or a YAML list), written by electron-builder from win.signtoolOptions. */
export function publisherNamesOf(appUpdateYml: string): string[] {
  const lines = appUpdateYml.split(/\r?\n/);
  const i = lines.findIndex((l) => /^publisherName:/.test(l));
  if (i < 0) return [];
  const inline = lines[i]!.slice('publisherName:'.length).trim();
  const unquote = (s: string) => s.replace(/^['"]|['"]$/g, '').trim();
  if (inline) return [unquote(inline)].filter(Boolean);
  const names: string[] = [];
  for (const l of lines.slice(i + 1)) {
    const m = /^\s+-\s+(.+)$/.exec(l);
    if (!m) break;
    names.push(unquote(m[1]!));
  }
  return names.filter(Boolean);
}

export function readPublisherNames(resourcesPath: string): string[] {
  const file = join(resourcesPath, 'app-update.yml');
  return existsSync(file) ? publisherNamesOf(readFileSync(file, 'utf8')) : [];
}

export const POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\KeKhaiBHXH';
export const POLICY_FILE = '/etc/kekhai-bhxh/policy.json';

/** `reg query` output → the REG_SZ value of UpdateUrl, or null. */
export function policyUrlFromRegQuery(output: string): string | null {
  const m = /^\s*UpdateUrl\s+REG_(?:EXPAND_)?SZ\s+(.+?)\s*$/im.exec(output);
  return m ? m[1]! : null;
}

/** The administrator's policy file, trusted only when root owns it and nobody else may write it. */
export function policyUrlFromFile(file: string = POLICY_FILE): string | null {
  if (!existsSync(file)) return null;
  const st = statSync(file);
  if (st.uid !== 0 || (st.mode & 0o022) !== 0) return null;
  try {
    const v = (JSON.parse(readFileSync(file, 'utf8')) as { updateUrl?: unknown }).updateUrl;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function readPolicyUrl(platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'win32') return policyUrlFromFile();
  try {
    return policyUrlFromRegQuery(
      execFileSync('reg', ['query', POLICY_KEY, '/v', 'UpdateUrl'], {
        encoding: 'utf8',
        windowsHide: true,
        timeout: 5000,
      }),
    );
  } catch {
    return null; // no such key: no policy
  }
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
export async function startUpdates(
  updater: UpdaterLike,
  feed: UpdateFeed,
  log: (line: string) => void,
): Promise<boolean> {
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
