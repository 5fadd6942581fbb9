import type Database from 'better-sqlite3';

/** One schema step. `up` runs inside the transaction that applies all pending migrations. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
  /**
   * The step rebuilds a table others refer to, which SQLite's procedure does with foreign keys off
   * (https://sqlite.org/lang_altertable.html#otheralter): migrateTo turns them off around the transaction and checks
   * every reference (PRAGMA foreign_key_check) before committing.
   */
  foreignKeysOff?: boolean;
}
