import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../electron/db/migrations';
import { getSetting, setSetting } from '../../../electron/system/settings';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';

let ctx: TestContext | null = null;
const dirs: string[] = [];
afterEach(() => {
  ctx?.close();
  ctx = null;
  for (const d of dirs.splice(0)) removeDir(d);
});

/** A context whose clock the test moves. */
function contextAt(iso: string): { ctx: TestContext; at(iso: string): void } {
  const c = createTestContext();
  let clock = new Date(iso);
  c.now = () => new Date(clock.getTime());
  ctx = c;
  return { ctx: c, at: (s) => (clock = new Date(s)) };
}

const b64 = (file: string) => readFileSync(file).toString('base64');

describe('backup', () => {
  it('a manual backup is a checked, consistent copy, also handed out as bytes', async () => {
    const { ctx } = contextAt('2015-10-30T03:00:00Z');
    setSetting(ctx.db, 'marker', 'before');
    const r = await ctx.value('backup.now', { download: true });
    expect(r.backup).toMatchObject({
      name: 'kekhai-manual-20151030-100000.db',
      kind: 'manual',
      schemaVersion: latestSchemaVersion,
    });
    const file = join(ctx.dataDir, 'backups', r.backup.name);
    expect(Buffer.from(r.file!.base64, 'base64').equals(readFileSync(file))).toBe(true);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(getSetting(copy, 'marker', null)).toBe('before');
    copy.close();
    // A second one in the same second gets its own name.
    expect((await ctx.value('backup.now', {})).backup.name).toBe('kekhai-manual-20151030-100000-2.db');
    const runs = ctx.db.prepare('SELECT operation, kind, check_result FROM backup_runs').all();
    expect(runs).toEqual([
      { operation: 'backup', kind: 'manual', check_result: 'ok' },
      { operation: 'backup', kind: 'manual', check_result: 'ok' },
    ]);
  });

  it('takes one automatic backup per Vietnam day and keeps only the newest N', async () => {
    const { ctx, at } = contextAt('2015-10-01T01:00:00Z');
    await ctx.value('settings.set', { patch: { 'backup.keep': 3 } });
    const first = await ctx.value('backup.auto', {});
    expect(first.made?.name).toBe('kekhai-auto-20151001-080000.db');
    // 16:59 UTC is still 1 October in Vietnam: no second copy.
    at('2015-10-01T16:59:00Z');
    expect((await ctx.value('backup.auto', {})).made).toBeNull();
    // 17:00 UTC is 2 October 00:00 in Vietnam.
    at('2015-10-01T17:00:00Z');
    expect((await ctx.value('backup.auto', {})).made?.name).toBe('kekhai-auto-20151002-000000.db');
    for (const day of ['03', '04', '05']) {
      at(`2015-10-${day}T02:00:00Z`);
      await ctx.value('backup.auto', {});
    }
    const list = await ctx.value('backup.list', {});
    expect(list.items.filter((b) => b.kind === 'auto').map((b) => b.name)).toEqual([
      'kekhai-auto-20151005-090000.db',
      'kekhai-auto-20151004-090000.db',
      'kekhai-auto-20151003-090000.db',
    ]);
    expect(readdirSync(join(ctx.dataDir, 'backups')).filter((n) => n.startsWith('kekhai-auto'))).toHaveLength(3);
    // Switched off: nothing is made.
    await ctx.value('settings.set', { patch: { 'backup.auto': false } });
    at('2015-10-06T02:00:00Z');
    expect((await ctx.value('backup.auto', {})).made).toBeNull();
    const rotated = await ctx.value('audit.list', { search: 'backup.rotated' });
    expect(rotated.total).toBeGreaterThan(0);
  });

  it('restores a backup: data back as it was, a copy of the replaced data kept, the restore logged', async () => {
    const { ctx, at } = contextAt('2015-10-30T03:00:00Z');
    setSetting(ctx.db, 'marker', 'old');
    const made = await ctx.value('backup.now', {});
    at('2015-10-30T04:00:00Z');
    setSetting(ctx.db, 'marker', 'new');
    const r = await ctx.value('backup.restore', { name: made.backup.name });
    expect(r).toMatchObject({
      restoredFrom: made.backup.name,
      fromSchemaVersion: latestSchemaVersion,
      schemaVersion: latestSchemaVersion,
    });
    expect(r.safetyCopy.kind).toBe('pre-restore');
    // The live connection sees the restored content.
    expect(getSetting(ctx.db, 'marker', null)).toBe('old');
    const safety = new Database(join(ctx.dataDir, 'backups', r.safetyCopy.name), { readonly: true });
    expect(getSetting(safety, 'marker', null)).toBe('new');
    safety.close();
    const log = await ctx.value('audit.list', { search: 'backup.restored' });
    expect(log.items[0]).toMatchObject({ action: 'backup.restored', subjectId: made.backup.name });
    expect(ctx.db.prepare("SELECT kind, check_result FROM backup_runs WHERE operation = 'restore'").all()).toEqual([
      { kind: 'manual', check_result: 'ok' },
    ]);
  });

  it('restores an uploaded file from an older schema and brings it up to date', async () => {
    const old = makeTempDir();
    dirs.push(old);
    const { migrateTo } = await import('../../../electron/db/migrate');
    const oldDb = new Database(join(old, 'old.db'));
    // 60 is the schema of the first release (0.1.0), the oldest a real backup can have.
    migrateTo(oldDb, 60);
    setSetting(oldDb, 'marker', 'from-v10');
    oldDb.close();
    const { ctx } = contextAt('2015-10-30T03:00:00Z');
    const r = await ctx.value('backup.restore', { file: { name: 'old.db', base64: b64(join(old, 'old.db')) } });
    expect(r.fromSchemaVersion).toBe(60);
    expect(r.schemaVersion).toBe(latestSchemaVersion);
    expect(ctx.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(getSetting(ctx.db, 'marker', null)).toBe('from-v10');
    // No scratch file is left behind.
    expect(readdirSync(join(ctx.dataDir, 'backups')).filter((n) => n.startsWith('.incoming'))).toEqual([]);
  });

  describe('refuses, and leaves the live database untouched', () => {
    async function refused(makeFile: (dir: string) => string, code: string) {
      const scratch = makeTempDir();
      dirs.push(scratch);
      const { ctx } = contextAt('2015-10-30T03:00:00Z');
      setSetting(ctx.db, 'marker', 'live');
      const file = makeFile(scratch);
      const r = await ctx.call('backup.restore', { file: { name: 'x.db', base64: b64(file) } });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(/[ảạộớơôư]/); // a Vietnamese message
      }
      expect(getSetting(ctx.db, 'marker', null)).toBe('live');
      // Nothing was replaced, so no pre-restore copy was needed.
      expect(
        readdirSync(join(ctx.dataDir, 'backups')).filter((n) => n.includes('pre-restore') || n.startsWith('.incoming')),
      ).toEqual([]);
    }

    it('a file that is not SQLite', () =>
      refused((d) => {
        writeFileSync(join(d, 'x.db'), 'Họ tên;Mã số BHXH\n');
        return join(d, 'x.db');
      }, 'BACKUP_INVALID'));

    it('a damaged database (integrity_check fails)', () =>
      refused((d) => {
        const f = join(d, 'x.db');
        const db = new Database(f);
        db.exec(
          'CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT, updated_at TEXT); CREATE TABLE audit_log(id INTEGER PRIMARY KEY, at TEXT, detail TEXT); CREATE INDEX a ON audit_log(detail)',
        );
        const ins = db.prepare('INSERT INTO audit_log(at, detail) VALUES (?, ?)');
        db.transaction(() => {
          for (let i = 0; i < 3000; i++) ins.run('2015-10-30', `dòng ${i} `.repeat(8));
        })();
        db.pragma('user_version = 10');
        db.close();
        const bytes = readFileSync(f);
        // Scribble over a page in the middle of the file (a b-tree page of the table or its index).
        const page = 4096;
        const mid = Math.floor(bytes.length / page / 2) * page;
        bytes.fill(0x5a, mid + 8, mid + page - 8);
        writeFileSync(f, bytes);
        return f;
      }, 'BACKUP_CORRUPT'));

    it('a database written by a newer version', () =>
      refused((d) => {
        const f = join(d, 'x.db');
        const db = new Database(f);
        db.exec(
          'CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT, updated_at TEXT); CREATE TABLE audit_log(id INTEGER PRIMARY KEY)',
        );
        db.pragma(`user_version = ${latestSchemaVersion + 1000}`);
        db.close();
        return f;
      }, 'DB_FROM_FUTURE'));

    it('some other program’s SQLite file', () =>
      refused((d) => {
        const f = join(d, 'x.db');
        const db = new Database(f);
        db.exec('CREATE TABLE songs(title TEXT)');
        db.close();
        return f;
      }, 'BACKUP_INVALID'));
  });

  it('names outside the backups folder are refused', async () => {
    const { ctx } = contextAt('2015-10-30T03:00:00Z');
    for (const name of ['../kekhai.db', 'kekhai.db', '/etc/passwd', 'kekhai-manual-20151030-100000.db']) {
      const r = await ctx.call('backup.download', { name });
      expect(!r.ok && r.error.code).toBe('NOT_FOUND');
    }
    expect(existsSync(join(ctx.dataDir, 'kekhai.db'))).toBe(true);
  });
});
