/**
 * The key file that seals the I-VAN password (`kekhai ivan settings --password-stdin`), created on the first save:
 * killed at any point, the process leaves no key file or a whole one (32 bytes, base64), never an empty one that
 * would make every later save fail with "Tệp khoá … bị hỏng"; an empty file an older version left that way is
 * taken as missing; the retry saves a password that opens with the key on disk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileKeySecretBox } from '../../../electron/ivan/secret-box';
import { runCli, unitAddArgs } from '../../support/cli';
import { checkDatabase, killAfter, killPoints, killWhenFileChanges, queryDb, timedRun } from '../../support/kill';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';

const NOW = '2015-10-20T03:00:00Z';
const PASSWORD = 'Mật-khẩu-thử 123';
const ARGS = [
  'ivan',
  'settings',
  '--unit',
  SAIGON_UNIT.code,
  '--provider',
  '00001',
  '--endpoint',
  'http://127.0.0.1:9',
  '--username',
  'dvthu',
  '--password-stdin',
  '--json',
  '--now',
  NOW,
];

describe('the I-VAN password key file survives a kill', () => {
  let dir: string;
  let data: string;
  let keyFile: string;
  let env: Record<string, string>;

  function keyIsWholeOrAbsent(when: string): void {
    if (!existsSync(keyFile)) return;
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').length, when).toBe(32);
  }

  /** The stored password opens with the key on disk. */
  function passwordOpens(): void {
    const row = queryDb<{ secret_ciphertext: Buffer }>(
      join(data, 'kekhai.db'),
      'SELECT secret_ciphertext FROM ivan_provider_settings WHERE unit_code = ?',
      SAIGON_UNIT.code,
    )[0]!;
    expect(new FileKeySecretBox(keyFile).open(row.secret_ciphertext)).toBe(PASSWORD);
  }

  beforeAll(async () => {
    dir = makeTempDir('kekhai-crash-key-');
    data = join(dir, 'data');
    keyFile = join(dir, 'keys', 'ivan-credentials.key');
    env = { KEKHAI_KEY_FILE: keyFile };
    const add = await runCli([...unitAddArgs(SAIGON_UNIT), '--json', '--now', NOW], { data });
    expect(add.code, add.stdout + add.stderr).toBe(0);
  });
  afterAll(() => removeDir(dir));

  it('an empty key file (left by a kill between creating and writing it) is replaced, not refused', async () => {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, '');
    const r = await runCli(ARGS, { data, env, input: PASSWORD });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    keyIsWholeOrAbsent('after the save');
    passwordOpens();
  });

  it('killed while creating the key: no key or a whole one; the retry saves a password that opens', async () => {
    rmSync(dirname(keyFile), { recursive: true, force: true });
    const full = await timedRun(ARGS, data, env, PASSWORD);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    const rounds: [string, () => Promise<unknown>][] = [
      ['killed as the key file appeared', () => killWhenFileChanges(ARGS, data, keyFile, env, PASSWORD)],
      ...killPoints(full.ms, 4).map(
        (ms) =>
          [`killed after ${ms} ms`, () => killAfter(ARGS, data, ms, env, PASSWORD)] as [string, () => Promise<unknown>],
      ),
    ];
    for (const [when, kill] of rounds) {
      rmSync(dirname(keyFile), { recursive: true, force: true });
      await kill();
      keyIsWholeOrAbsent(when);
      expect(checkDatabase(join(data, 'kekhai.db')), when).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
      const retry = await runCli(ARGS, { data, env, input: PASSWORD });
      expect(retry.code, `retry, ${when}: ${retry.stdout}${retry.stderr}`).toBe(0);
      keyIsWholeOrAbsent(`retry, ${when}`);
      passwordOpens();
      expect(readdirSync(dirname(keyFile))).toEqual(['ivan-credentials.key']);
    }
  }, 90_000);
});
