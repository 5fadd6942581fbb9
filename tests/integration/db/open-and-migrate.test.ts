import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/app-error';
import { migrateTo, schemaVersion } from '../../../electron/db/migrate';
import { migrations, latestSchemaVersion } from '../../../electron/db/migrations';
import type { Migration } from '../../../electron/db/migrations/types';
import { DATABASE_FILE, openDatabase } from '../../../electron/db/open';
import { makeTempDir, removeDir } from '../../support/tmp';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const dirs: string[] = [];
const tmp = () => {
  const d = makeTempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(removeDir));

describe('database open and migrations', () => {
  it('creates a WAL database with foreign keys at the latest schema version', () => {
    const dir = tmp();
    const { db, preMigrationCopy } = openDatabase({ dataDir: dir });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(preMigrationCopy).toBeNull();
    db.close();
  });

  it('migration versions strictly increase', () => {
    for (let i = 1; i < migrations.length; i++)
      expect(migrations[i]!.version).toBeGreaterThan(migrations[i - 1]!.version);
  });

  it('refuses a database written by a newer version and leaves the file byte-identical', () => {
    const dir = tmp();
    const file = join(dir, DATABASE_FILE);
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x INTEGER)');
    future.pragma(`user_version = ${latestSchemaVersion + 10}`);
    future.close();
    const before = sha(file);
    let error: unknown;
    try {
      openDatabase({ dataDir: dir }).db.close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_FROM_FUTURE');
    expect((error as AppError).message).toContain('phiên bản KêKhai mới hơn');
    expect(sha(file)).toBe(before);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('a failing migration leaves the database as it was, and the pre-migration copy exists', () => {
    const dir = tmp();
    const first: Migration = {
      version: 10,
      name: 'first',
      up: (db) => db.exec("CREATE TABLE t (x TEXT) STRICT; INSERT INTO t VALUES ('giữ nguyên')"),
    };
    openDatabase({ dataDir: dir, migrations: [first] }).db.close();
    const file = join(dir, DATABASE_FILE);

    const good: Migration = {
      version: 20,
      name: 'adds a column',
      up: (db) => db.exec('ALTER TABLE t ADD COLUMN y TEXT'),
    };
    const bad: Migration = { version: 30, name: 'breaks', up: (db) => db.exec('CREATE TABLE broken (') };
    let error: unknown;
    try {
      openDatabase({ dataDir: dir, migrations: [first, good, bad] }).db.close();
    } catch (e) {
      error = e;
    }
    expect((error as AppError).code).toBe('DB_MIGRATION_FAILED');
    expect((error as AppError).details).toMatchObject({ version: 30 });

    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(10);
    // Step 20 ran inside the same transaction, so it was rolled back too.
    expect(
      (db.prepare("SELECT name FROM pragma_table_info('t')").all() as { name: string }[]).map((c) => c.name),
    ).toEqual(['x']);
    expect(db.prepare('SELECT x FROM t').get()).toEqual({ x: 'giữ nguyên' });
    db.close();

    const copies = readdirSync(join(dir, 'backups')).filter((f) => f.startsWith('pre-migration-v10-'));
    expect(copies).toHaveLength(1);
    const copy = new Database(join(dir, 'backups', copies[0]!), { readonly: true });
    expect(schemaVersion(copy)).toBe(10);
    expect(copy.prepare('SELECT x FROM t').get()).toEqual({ x: 'giữ nguyên' });
    copy.close();
  });

  it('migrateTo stops at the requested version', () => {
    const db = new Database(':memory:');
    migrateTo(db, 10);
    expect(schemaVersion(db)).toBe(10);
    migrateTo(db);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    db.close();
  });
});
