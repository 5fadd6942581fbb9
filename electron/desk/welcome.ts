import type Database from 'better-sqlite3';
import { WELCOME_STEPS, type WelcomeStatus, type WelcomeStep } from '../../shared/contract/desk';

/** Units exist once the roster migration ran; count tolerantly so the desk works on any schema. */
export function unitCount(db: Database.Database): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'units'").get();
  return has ? (db.prepare('SELECT COUNT(*) AS n FROM units').get() as { n: number }).n : 0;
}

/** The first-run flow shows while there is no unit, unless the clerk dismissed it (e.g. to restore a backup first). */
export function welcomeStatus(db: Database.Database): WelcomeStatus {
  const rows = db.prepare('SELECT step, done_at, detail FROM welcome_steps').all() as {
    step: string;
    done_at: string;
    detail: string | null;
  }[];
  const by = new Map(rows.map((r) => [r.step, r]));
  const units = unitCount(db);
  return {
    needed: units === 0 && !by.has('dismissed'),
    unitCount: units,
    steps: WELCOME_STEPS.map((step) => ({
      step,
      doneAt: by.get(step)?.done_at ?? null,
      detail: by.get(step)?.detail ?? null,
    })),
  };
}

export function markStep(db: Database.Database, step: WelcomeStep | 'dismissed', now: Date, detail?: string): void {
  db.prepare(
    'INSERT INTO welcome_steps(step, done_at, detail) VALUES (?, ?, ?) ON CONFLICT(step) DO UPDATE SET done_at = excluded.done_at, detail = excluded.detail',
  ).run(step, now.toISOString(), detail ?? null);
}
