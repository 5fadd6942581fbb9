import Database from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/app-error';
import { fromFutureError, migrateTo, schemaVersion } from './migrate';
import { latestSchemaVersion, migrations, type Migration } from './migrations';
import { makePrivateDir, tightenMode } from './private-files';
import { stagedFileName, tidyBackupsFolder } from '../desk/backup-files';
import { commitPart } from '../core/atomic-file';

export { makePrivateDir, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tightenMode } from './private-files';

export const DATABASE_FILE = 'kekhai.db';

/**
 * How long a write waits for another process's write (an import in the window while `kekhai outbox send` runs)
 * before giving up with DB_BUSY. Imports of 50,000 rows commit in well under this.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * Every `db.transaction(fn)` of this connection begins IMMEDIATE: a deferred transaction that reads and then
 * writes cannot wait for another writer (SQLite returns SQLITE_BUSY at once to avoid a deadlock, whatever the busy
 * timeout), which is how two imports at once failed with "database is locked". IMMEDIATE takes the write lock
 * first, so the second writer waits for the busy timeout instead. Nested calls still use savepoints.
 */
export function beginImmediateByDefault(db: Database.Database): Database.Database {
  const original = db.transaction.bind(db);
  const patched = ((fn: (...args: unknown[]) => unknown) => {
    const t = original(fn);
    const immediate = ((...args: unknown[]) => t.immediate(...args)) as typeof t;
    return Object.assign(immediate, {
      default: t.immediate,
      deferred: t.deferred,
      immediate: t.immediate,
      exclusive: t.exclusive,
    });
  }) as typeof db.transaction;
  db.transaction = patched;
  return db;
}

/** True for SQLite's "database is locked/busy" errors (better-sqlite3's SqliteError codes). */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** The clerk's message for a busy database: what happens and what to do, never a raw "database is locked". */
export function busyError(cause?: unknown): AppError {
  return new AppError(
    'DB_BUSY',
    'Dữ liệu đang được một thao tác khác ghi (ví dụ một lần nhập danh sách hoặc gửi hồ sơ ở cửa sổ khác). Hãy đợi thao tác đó xong rồi thử lại; chưa có gì bị thay đổi.',
    {
      en: 'The data is being written by another operation (an import or a send in another window). Wait for it to finish and try again; nothing was changed.',
      cause,
    },
  );
}

export interface OpenOptions {
  dataDir: string;
  /** Tests pass their own list to exercise failures; the app uses the real one. */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

export interface OpenedDatabase {
  db: Database.Database;
  file: string;
  /** The copy taken before migrating, when a migration ran on an existing file. */
  preMigrationCopy: string | null;
}

/**
 * Opens `<dataDir>/kekhai.db`: refuses a file from a newer version (untouched), copies the file before migrating,
 * then applies pending migrations in one transaction. WAL journal, foreign keys on.
 */
export function openDatabase(opts: OpenOptions): OpenedDatabase {
  const list = opts.migrations ?? migrations;
  const known = list.length ? list[list.length - 1]!.version : 0;
  makePrivateDir(opts.dataDir);
  const file = join(opts.dataDir, DATABASE_FILE);
  const existed = existsSync(file);

  if (existed) {
    // Read the version without changing anything (no WAL switch, no migration) so a refused file stays byte-identical.
    const probe = new Database(file, { readonly: true, fileMustExist: true });
    let found: number;
    try {
      found = schemaVersion(probe);
    } finally {
      probe.close();
    }
    if (found > known) throw fromFutureError(found, known);
  }

  let db: Database.Database;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    throw new AppError('IO', `Không mở được cơ sở dữ liệu ${file}: ${(e as Error).message}`, {
      en: `Cannot open database ${file}: ${(e as Error).message}`,
    });
  }
  let preMigrationCopy: string | null = null;
  try {
    if (!opts.readonly) beginImmediateByDefault(db);
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      for (const suffix of ['', '-wal', '-shm']) tightenMode(file + suffix);
    }
    db.pragma('foreign_keys = ON');
    const current = schemaVersion(db);
    if (current < known && !opts.readonly) {
      if (existed && current > 0) preMigrationCopy = copyBeforeMigration(db, opts.dataDir, current);
      migrateTo(db, known, list);
      db.pragma('optimize');
    }
    if (!opts.readonly) tidyBackupsFolder(opts.dataDir);
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, file, preMigrationCopy };
}

/** A consistent copy of the live file (checkpoint the WAL first) into `<dataDir>/backups/`. */
function copyBeforeMigration(db: Database.Database, dataDir: string, fromVersion: number): string {
  const dir = join(dataDir, 'backups');
  makePrivateDir(dir);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `pre-migration-v${fromVersion}-${stamp}.db`);
  // Copied under a staging name and renamed when whole: a first start killed mid-copy leaves no cut file that the
  // backups list offers for a restore (tidyBackupsFolder removes the leftover at the next start).
  const staged = join(dir, stagedFileName());
  copyFileSync(db.name, staged);
  tightenMode(staged);
  commitPart(staged, target);
  return target;
}

export { latestSchemaVersion };
