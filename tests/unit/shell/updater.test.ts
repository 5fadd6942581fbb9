import { describe, expect, it } from 'vitest';
import { resolveUpdateFeed, startUpdates, type UpdaterLike } from '../../../electron/shell/updater';

describe('update feed', () => {
  it('IT’s environment variable wins, then the setting, then the address built into the installer', () => {
    expect(resolveUpdateFeed({ env: { KEKHAI_UPDATE_URL: 'https://it.congty.vn/kekhai/' }, setting: 'https://other.vn/', auto: true })).toEqual({ enabled: true, url: 'https://it.congty.vn/kekhai/', source: 'env' });
    expect(resolveUpdateFeed({ env: {}, setting: 'https://it.congty.vn/kekhai/', auto: true })).toEqual({ enabled: true, url: 'https://it.congty.vn/kekhai/', source: 'setting' });
    expect(resolveUpdateFeed({ env: {}, setting: null, auto: true })).toEqual({ enabled: true, url: null, source: 'built-in' });
  });

  it('refuses plain http and credentials in the address, and can be switched off', () => {
    expect(resolveUpdateFeed({ env: { KEKHAI_UPDATE_URL: 'http://it.congty.vn/' }, setting: null, auto: true }).enabled).toBe(false);
    expect(resolveUpdateFeed({ env: { KEKHAI_UPDATE_URL: 'https://u:p@it.congty.vn/' }, setting: null, auto: true }).enabled).toBe(false);
    expect(resolveUpdateFeed({ env: {}, setting: 'http://it.congty.vn/', auto: true })).toEqual({ enabled: true, url: null, source: 'built-in' });
    expect(resolveUpdateFeed({ env: { KEKHAI_UPDATES: 'off' }, setting: null, auto: true }).enabled).toBe(false);
    expect(resolveUpdateFeed({ env: {}, setting: null, auto: false }).enabled).toBe(false);
  });

  it('configures electron-updater’s generic provider and survives an unreachable server', async () => {
    const calls: unknown[] = [];
    const updater: UpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      setFeedURL: (o) => calls.push(o),
      checkForUpdatesAndNotify: async () => {
        throw new Error('getaddrinfo ENOTFOUND it.congty.vn');
      },
      on: () => undefined,
    };
    const log: string[] = [];
    expect(await startUpdates(updater, { enabled: true, url: 'https://it.congty.vn/kekhai/', source: 'env' }, (l) => log.push(l))).toBe(true);
    expect(calls).toEqual([{ provider: 'generic', url: 'https://it.congty.vn/kekhai/' }]);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(log.join()).toContain('ENOTFOUND');
    expect(await startUpdates(updater, { enabled: false, reason: 'x' }, () => undefined)).toBe(false);
  });
});
