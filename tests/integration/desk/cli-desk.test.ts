import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';

// Drives the BUILT command line (npm run build) the way an accounting firm's script would.
const data = makeTempDir('kekhai-cli-desk-');
const scratch = makeTempDir('kekhai-cli-desk-out-');
afterAll(() => {
  removeDir(data);
  removeDir(scratch);
});

describe('kekhai backup / restore / audit', () => {
  it('backs up to a file, restores it, and shows both in the audit log', async () => {
    const set = await runCli(['settings', 'set', 'backup.keep', '30', '--json'], { data });
    expect(set.code).toBe(0);
    expect(set.json['backup.keep']).toBe(30);

    const out = join(scratch, 'sao-luu.db');
    const backup = await runCli(['backup', '--out', out, '--json', '--now', '2015-10-30T10:00:00+07:00'], { data });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.json.backup).toMatchObject({ name: 'kekhai-manual-20151030-100000.db', kind: 'manual' });
    expect(readFileSync(out).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');

    await runCli(['settings', 'set', 'backup.keep', '7'], { data });
    const human = await runCli(['restore', out], { data });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Đã khôi phục từ sao-luu.db');
    const after = await runCli(['settings', 'get', 'backup.keep', '--json'], { data });
    expect(after.json).toEqual({ 'backup.keep': 30 });

    const list = await runCli(['backup', 'list', '--json'], { data });
    expect(list.json.items.map((b: { kind: string }) => b.kind).sort()).toEqual(['manual', 'pre-restore']);

    const audit = await runCli(['audit', 'list', '--json'], { data });
    expect(audit.code).toBe(0);
    expect(audit.json.items[0].action).toBe('backup.restored');
    const csv = join(scratch, 'nhat-ky.csv');
    const exported = await runCli(['audit', 'export', '--out', csv], { data });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Đã xuất');
    expect(readFileSync(csv, 'utf8')).toContain('backup.restored');
  });

  it('refuses a damaged or foreign file with exit 1 and a Vietnamese message, English with --lang en', async () => {
    const bad = join(scratch, 'hong.db');
    writeFileSync(bad, 'không phải cơ sở dữ liệu');
    const vi = await runCli(['restore', bad], { data });
    expect(vi.code).toBe(1);
    expect(vi.stderr).toContain('không phải bản sao lưu');
    const en = await runCli(['restore', bad, '--lang', 'en', '--json'], { data });
    expect(en.code).toBe(1);
    expect(en.json.error.code).toBe('BACKUP_INVALID');
    const newer = join(scratch, 'moi.db');
    const db = new Database(newer);
    db.exec('CREATE TABLE settings(key TEXT); CREATE TABLE audit_log(id INTEGER)');
    db.pragma('user_version = 99999');
    db.close();
    const future = await runCli(['restore', newer, '--json'], { data });
    expect(future.json.error.code).toBe('DB_FROM_FUTURE');
  });

  it('training mode from the command line, and the daily automatic backup', async () => {
    const on = await runCli(['training', 'on', '--json'], { data });
    expect(on.code, on.stderr).toBe(0);
    expect(on.json).toMatchObject({ enabled: true, demoUnitCode: 'TH00001' });
    const doctor = await runCli(['doctor', '--json'], { data });
    expect(doctor.json.testMode).toBe(true);
    const off = await runCli(['training', 'off'], { data });
    expect(off.stdout).toContain('Đã tắt chế độ tập huấn');
    const auto = await runCli(['backup', '--auto', '--json', '--now', '2015-11-02T08:00:00+07:00'], { data });
    expect(auto.json.auto.made.name).toBe('kekhai-auto-20151102-080000.db');
    const again = await runCli(['backup', '--auto', '--now', '2015-11-02T17:00:00+07:00'], { data });
    expect(again.stdout).toContain('Hôm nay đã có bản sao lưu tự động');
  });

  it('bad usage exits 2', async () => {
    expect((await runCli(['restore'], { data })).code).toBe(2);
    expect((await runCli(['audit', 'export', '--format', 'xml'], { data })).code).toBe(2);
    expect((await runCli(['settings', 'set', 'no.such', '1'], { data })).code).toBe(2);
    expect(existsSync(join(data, 'kekhai.db'))).toBe(true);
  });
});
