import type Database from 'better-sqlite3';
import { userInfo } from 'node:os';

/** Typed access to the `settings` table (values stored as JSON). Never store secrets here in plain text. */
export function getSetting<T>(db: Database.Database, key: string, fallback: T): T {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setSetting(db: Database.Database, key: string, value: unknown, now: Date = new Date()): void {
  db.prepare(
    'INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(key, JSON.stringify(value), now.toISOString());
}

/** The OS account name recorded in the audit log (the Windows user name on office PCs). */
export function currentActor(): string {
  try {
    return process.env.USERNAME || process.env.USER || userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Appends one line to the audit log. */
export function audit(
  db: Database.Database,
  entry: { at: Date; action: string; subjectType: string; subjectId?: string | null; detail?: unknown; actor?: string },
): void {
  db.prepare(
    'INSERT INTO audit_log(at, actor, action, subject_type, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    entry.at.toISOString(),
    entry.actor ?? currentActor(),
    entry.action,
    entry.subjectType,
    entry.subjectId ?? null,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  );
}
