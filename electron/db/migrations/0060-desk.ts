import type { Migration } from './types';

/**
 * The desk: a log of backups and restores (what was copied where, by whom, with which check result) and the
 * first-run steps the clerk has finished. Backup files themselves live in <dataDir>/backups; this log survives
 * in the live file so a restore can be traced afterwards.
 */
export const migration: Migration = {
  version: 60,
  name: 'desk',
  up(db) {
    db.exec(`
      CREATE TABLE backup_runs (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        operation TEXT NOT NULL CHECK (operation IN ('backup', 'restore')),
        kind TEXT NOT NULL CHECK (kind IN ('auto', 'manual', 'pre-restore', 'upload')),
        file_name TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        schema_version INTEGER,
        check_result TEXT NOT NULL
      ) STRICT;
      CREATE INDEX backup_runs_at ON backup_runs(at);
      CREATE TABLE welcome_steps (
        step TEXT PRIMARY KEY CHECK (step IN ('unit', 'provider', 'token', 'registration', 'dismissed')),
        done_at TEXT NOT NULL,
        detail TEXT
      ) STRICT;
    `);
  },
};
