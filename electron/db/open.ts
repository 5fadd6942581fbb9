import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/app-error';
import { fromFutureError, migrateTo, schemaVersion } from './migrate';
import { latestSchemaVersion, migrations, type Migration } from './migrations';

export const DATABASE_FILE = 'kekhai.db';

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
  mkdirSync(opts.dataDir, { recursive: true });
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
    db = new Database(file, { readonly: opts.readonly ?? false });
  } catch (e) {
    throw new AppError('IO', `Không mở được cơ sở dữ liệu ${file}: ${(e as Error).message}`, { en: `Cannot open database ${file}: ${(e as Error).message}` });
  }
  let preMigrationCopy: string | null = null;
  try {
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const current = schemaVersion(db);
    if (current < known && !opts.readonly) {
      if (existed && current > 0) preMigrationCopy = copyBeforeMigration(db, opts.dataDir, current);
      migrateTo(db, known, list);
      db.pragma('optimize');
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, file, preMigrationCopy };
}

/** A consistent copy of the live file (checkpoint the WAL first) into `<dataDir>/backups/`. */
function copyBeforeMigration(db: Database.Database, dataDir: string, fromVersion: number): string {
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  db.pragma('wal_checkpoint(TRUNCATE)');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `pre-migration-v${fromVersion}-${stamp}.db`);
  copyFileSync(db.name, target);
  return target;
}

export { latestSchemaVersion };
