import type Database from 'better-sqlite3';
import { AppError } from '../core/app-error';
import { migrations as allMigrations, type Migration } from './migrations';

/** The schema version the database says it has (`PRAGMA user_version`). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Versions must strictly increase; a mistake here would apply steps out of order. */
export function assertMonotonic(list: readonly Migration[]): void {
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.version <= list[i - 1]!.version) {
      throw new Error(`Migration ${list[i]!.version} (${list[i]!.name}) does not follow ${list[i - 1]!.version}`);
    }
  }
}

/** Thrown when the file was written by a newer KêKhai (downgrade guard, as Signal's DBVersionFromFutureError). */
export function fromFutureError(found: number, known: number): AppError {
  return new AppError(
    'DB_FROM_FUTURE',
    `Cơ sở dữ liệu được tạo bởi phiên bản KêKhai mới hơn (lược đồ ${found}, phiên bản này biết đến ${known}). Hãy cài phiên bản mới nhất; dữ liệu không bị thay đổi.`,
    {
      en: `The database was written by a newer KêKhai (schema ${found}, this version knows ${known}). Install the latest version; nothing was changed.`,
      details: { found, known },
    },
  );
}

interface BrokenReference {
  table: string;
  rowid: number;
  parent: string;
}

function brokenReferences(db: Database.Database): BrokenReference[] {
  return db.pragma('foreign_key_check') as BrokenReference[];
}

/**
 * After steps run with foreign keys off: no reference broken that was not broken before (else the whole upgrade
 * rolls back). One broken before — which foreign keys being on should rule out — does not stop a start for good.
 */
function assertReferencesIntact(db: Database.Database, before: number): void {
  const broken = brokenReferences(db);
  if (broken.length > before)
    throw new AppError(
      'DB_MIGRATION_FAILED',
      `Nâng cấp cơ sở dữ liệu thất bại: ${broken.length} dòng của bảng ${broken[0]!.table} trỏ tới dòng không còn trong bảng ${broken[0]!.parent}; dữ liệu được giữ nguyên.`,
      {
        en: `Database upgrade failed: ${broken.length} rows of ${broken[0]!.table} refer to rows missing from ${broken[0]!.parent}; the data was left as it was.`,
        details: { broken: broken.slice(0, 10) },
      },
    );
}

/**
 * Applies every pending migration up to `target` in ONE transaction: either all of them land, with `user_version`,
 * or none does and the file is as it was.
 */
export function migrateTo(
  db: Database.Database,
  target: number = Number.POSITIVE_INFINITY,
  list: readonly Migration[] = allMigrations,
): number {
  assertMonotonic(list);
  const current = schemaVersion(db);
  const known = list.length ? list[list.length - 1]!.version : 0;
  if (current > known) throw fromFutureError(current, known);
  const pending = list.filter((m) => m.version > current && m.version <= target);
  if (!pending.length) return current;
  // PRAGMA foreign_keys is a no-op inside a transaction: switched around it, and back to what it was.
  const foreignKeysOff = pending.some((m) => m.foreignKeysOff);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  const apply = db.transaction(() => {
    const brokenBefore = foreignKeysOff ? brokenReferences(db).length : 0;
    for (const m of pending) {
      try {
        m.up(db);
      } catch (e) {
        throw new AppError(
          'DB_MIGRATION_FAILED',
          `Nâng cấp cơ sở dữ liệu thất bại ở bước ${m.version} (${m.name}); dữ liệu được giữ nguyên.`,
          {
            en: `Database upgrade failed at step ${m.version} (${m.name}); the data was left as it was.`,
            details: { version: m.version, name: m.name, reason: (e as Error).message },
            cause: e,
          },
        );
      }
      db.pragma(`user_version = ${m.version}`);
    }
    if (foreignKeysOff) assertReferencesIntact(db, brokenBefore);
  });
  if (foreignKeysOff) db.pragma('foreign_keys = OFF');
  try {
    apply();
  } finally {
    if (foreignKeysOff) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return schemaVersion(db);
}
