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
  const apply = db.transaction(() => {
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
  });
  apply();
  return schemaVersion(db);
}
