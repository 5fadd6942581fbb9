import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { CLI, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import pkg from '../../../package.json' with { type: 'json' };

describe('kekhai CLI foundation (built out/cli.cjs)', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('out/cli.cjs missing: run `npm run build` first (npm test does)');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('doctor --json reports the data folder, database, schema and versions', async () => {
    const dir = makeTempDir();
    const r = await runCli(['doctor', '--json'], { data: dir });
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      dataDir: dir,
      face: 'cli',
      schemaVersion: r.json.latestSchemaVersion,
      versions: { node: process.versions.node, electron: null },
    });
    expect(r.json.databaseFile).toBe(`${dir}/kekhai.db`);
    expect(Array.isArray(r.json.pkcs11Libraries)).toBe(true);
    removeDir(dir);
  });

  it('uses KEKHAI_DATA when --data is absent', async () => {
    const dir = makeTempDir();
    const r = await runCli(['doctor', '--json'], { env: { KEKHAI_DATA: dir } });
    expect(r.json.dataDir).toBe(dir);
    removeDir(dir);
  });

  it('exits 2 on bad usage, with a Vietnamese message (English with --lang en)', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Lệnh không hợp lệ');
    const en = await runCli(['doctor', '--bogus-flag', '--lang', 'en']);
    expect(en.code).toBe(2);
    const j = await runCli(['no-such-command', '--json']);
    expect(j.code).toBe(2);
    expect(j.json.error.code).toBe('USAGE');
  });

  it('exits 1 with a readable message when the database is from a newer version', async () => {
    const dir = makeTempDir();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${dir}/kekhai.db`);
    db.pragma('user_version = 99999');
    db.close();
    const r = await runCli(['doctor'], { data: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('phiên bản KêKhai mới hơn');
    const en = await runCli(['doctor', '--json', '--lang', 'en'], { data: dir });
    expect(en.code).toBe(1);
    expect(en.json.error.code).toBe('DB_FROM_FUTURE');
    removeDir(dir);
  });

  it('serve prints one line with the loopback URL and a secret, and stops on SIGTERM', async () => {
    const dir = makeTempDir();
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', dir]);
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.on('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/);
    const res = await fetch(line);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    removeDir(dir);
  });
});
