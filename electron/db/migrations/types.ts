import type Database from 'better-sqlite3';

/** One schema step. `up` runs inside the transaction that applies all pending migrations. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
