import type Database from 'better-sqlite3';
import { proposeForPeriod } from '../ledger/propose';

/**
 * "Thêm từ biến động": the D02-TS rows of a period from the participation ledger's proposals (electron/ledger): each
 * event dated by its own effective date (hire = contract/work start, leave = first day gone, salary change = its
 * date) through the 14-working-day rule — never by the day the record was typed — and nothing already filed again.
 */
export interface RosterEventsResult {
  rows: Record<string, unknown>[];
  skipped: { employee: string; reason: string }[];
}

export function rowsFromRosterEvents(
  db: Database.Database,
  unitCode: string,
  period: string,
  now: Date,
  dossierId?: string,
): RosterEventsResult {
  const r = proposeForPeriod(db, { unitCode, period, dossierId }, now);
  return {
    rows: r.rows.map((p) => p.row),
    skipped: r.skipped.map((s) => ({ employee: s.fullName, reason: s.reason })),
  };
}
