import type { Migration } from './types';

/** Settings (key → JSON value) and the audit log of state changes (who, when, what). */
export const migration: Migration = {
  version: 10,
  name: 'system',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_type TEXT NOT NULL,
        subject_id TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_log_subject ON audit_log(subject_type, subject_id, at);
    `);
  },
};
