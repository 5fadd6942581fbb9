import type Database from 'better-sqlite3';

/** Connections whose automatic checkpoint is held back, with the setting to restore. */
const held = new WeakMap<Database.Database, number>();

/**
 * Keeps the next commits on `db` from copying the WAL into the database file (SQLite's automatic checkpoint runs
 * inside the commit that pushes the WAL past 1,000 pages: for a 50,000-row import that copy is ~40–60 ms of the
 * clerk's wait). The commit stays as durable as any other (synchronous = NORMAL in WAL mode); `checkpointSoon`
 * copies the WAL right after the caller has answered.
 */
export function holdCheckpoint(db: Database.Database): void {
  if (held.has(db)) return;
  held.set(db, db.pragma('wal_autocheckpoint', { simple: true }) as number);
  db.pragma('wal_autocheckpoint = 0');
}

/** On the next turn of the event loop: a passive checkpoint, then the automatic checkpoint as it was. */
export function checkpointSoon(db: Database.Database): void {
  setImmediate(() => {
    const pages = held.get(db);
    if (pages === undefined) return;
    held.delete(db);
    if (!db.open) return; // closing checkpointed it
    db.pragma(`wal_autocheckpoint = ${pages}`);
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or read-only: the next commit past the threshold checkpoints instead.
    }
  });
}
