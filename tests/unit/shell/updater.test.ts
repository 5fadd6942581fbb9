import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import {
  policyUrlFromFile,
  policyUrlFromRegQuery,
  publisherNamesOf,
  resolveUpdateFeed,
  startUpdates,
  type UpdaterLike,
} from '../../../electron/shell/updater';

const signed = { publisherNames: ['CÔNG TY TNHH KÊKHAI'] };

describe('update feed (issue #12, item 5)', () => {
  it('the administrator policy wins over the address built into the installer', () => {
    expect(resolveUpdateFeed({ env: {}, policyUrl: 'https://it.congty.vn/kekhai/', auto: true, ...signed })).toEqual({
      enabled: true,
      url: 'https://it.congty.vn/kekhai/',
      source: 'policy',
    });
    expect(resolveUpdateFeed({ env: {}, policyUrl: null, auto: true, ...signed })).toEqual({
      enabled: true,
      url: null,
      source: 'built-in',
    });
  });

  it('never takes the address from the user’s environment (or a setting: there is no such input any more)', () => {
    expect(
      resolveUpdateFeed({
        env: { KEKHAI_UPDATE_URL: 'https://evil.example/' },
        policyUrl: null,
        auto: true,
        ...signed,
      }),
    ).toEqual({ enabled: true, url: null, source: 'built-in' });
  });

  it('refuses unsigned updates: without a publisherName electron-updater would skip the signature check', () => {
    const feed = resolveUpdateFeed({ env: {}, policyUrl: null, auto: true, publisherNames: [] });
    expect(feed).toEqual({ enabled: false, reason: expect.stringContaining('unsigned updates are refused') });
  });

  it('refuses plain http and credentials in the policy address, and can be switched off', () => {
    expect(resolveUpdateFeed({ env: {}, policyUrl: 'http://it.congty.vn/', auto: true, ...signed }).enabled).toBe(
      false,
    );
    expect(resolveUpdateFeed({ env: {}, policyUrl: 'https://u:p@it.congty.vn/', auto: true, ...signed }).enabled).toBe(
      false,
    );
    expect(resolveUpdateFeed({ env: { KEKHAI_UPDATES: 'off' }, policyUrl: null, auto: true, ...signed }).enabled).toBe(
      false,
    );
    expect(resolveUpdateFeed({ env: {}, policyUrl: null, auto: false, ...signed }).enabled).toBe(false);
  });

  it('reads publisherName from app-update.yml as electron-builder writes it (one name or a list)', () => {
    expect(
      publisherNamesOf(
        'provider: generic\nurl: https://x/\npublisherName:\n  - CÔNG TY TNHH KÊKHAI\n  - "KeKhai Ltd"\nupdaterCacheDirName: x\n',
      ),
    ).toEqual(['CÔNG TY TNHH KÊKHAI', 'KeKhai Ltd']);
    expect(publisherNamesOf("provider: generic\npublisherName: 'KeKhai Ltd'\n")).toEqual(['KeKhai Ltd']);
    expect(publisherNamesOf('provider: generic\nurl: https://x/\n')).toEqual([]);
  });

  it('reads the Windows machine policy from `reg query` output, and trusts a policy file only when root owns it', () => {
    expect(
      policyUrlFromRegQuery(
        '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\KeKhaiBHXH\r\n    UpdateUrl    REG_SZ    https://it.congty.vn/kekhai/\r\n\r\n',
      ),
    ).toBe('https://it.congty.vn/kekhai/');
    expect(
      policyUrlFromRegQuery('ERROR: The system was unable to find the specified registry key or value.'),
    ).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'kekhai-policy-'));
    try {
      const f = join(dir, 'policy.json');
      writeFileSync(f, JSON.stringify({ updateUrl: 'https://it.congty.vn/kekhai/' }));
      // Anyone may write it: never a policy, whoever owns it.
      chmodSync(f, 0o666);
      expect(policyUrlFromFile(f)).toBeNull();
      // Only root may write it: a policy when root owns it (an administrator put it there), else not.
      chmodSync(f, 0o644);
      expect(policyUrlFromFile(f)).toBe(process.getuid?.() === 0 ? 'https://it.congty.vn/kekhai/' : null);
      expect(policyUrlFromFile(join(dir, 'none.json'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the installer is code-signed with a publisherName, secrets from CI, and refuses to build unsigned', () => {
    const config = parse(readFileSync(join(process.cwd(), 'electron-builder.yml'), 'utf8'));
    expect(config.forceCodeSigning).toBe(true);
    expect(config.win.verifyUpdateCodeSignature).toBe(true);
    expect(config.win.signtoolOptions.publisherName.length).toBeGreaterThan(0);
    // No certificate or password in the file: electron-builder reads WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD from CI.
    const text = readFileSync(join(process.cwd(), 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/certificatePassword|certificateFile:|CSC_KEY_PASSWORD:/);
    const wf = readFileSync(join(process.cwd(), '.github/workflows/windows-installer.yml'), 'utf8');
    expect(wf).toContain('secrets.WIN_CSC_LINK');
    expect(wf).toContain('secrets.WIN_CSC_KEY_PASSWORD');
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
    expect(
      await startUpdates(updater, { enabled: true, url: 'https://it.congty.vn/kekhai/', source: 'policy' }, (l) =>
        log.push(l),
      ),
    ).toBe(true);
    expect(calls).toEqual([{ provider: 'generic', url: 'https://it.congty.vn/kekhai/' }]);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(log.join()).toContain('ENOTFOUND');
    expect(await startUpdates(updater, { enabled: false, reason: 'x' }, () => undefined)).toBe(false);
  });
});
