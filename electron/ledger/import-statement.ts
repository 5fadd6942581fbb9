import type Database from 'better-sqlite3';
import type { RowStatement } from '../roster/import-plan';
import { setParticipatingSince } from './store';

/**
 * The participation statement of a roster import (issue 10), per accepted row, after its rows are written:
 * - a row with its own "Đã tham gia BHXH từ tháng" is known to BHXH from that month (it overrides the flag);
 * - a row without it is known from `--participating-since` when given — unless its contract/work start falls after
 *   that month: then it is a hire on that date (the proposals date its TM by the 14-working-day rule);
 * - otherwise nothing is stated: a row with a start date is a hire on that date (facts.ts reads contract_start).
 * Inserted and updated (or unchanged) rows alike. Facts written back from accepted dossiers are never overwritten:
 * a person with participation of source 'dossier' is left alone; the import-wide flag only fills a person the ledger
 * knows nothing about yet, while a row's own month replaces an earlier statement (the clerk's file says so).
 * Inserted rows are found by their place: one writer inside one transaction gives them consecutive ids from
 * `firstNewId` (rowid = max + 1), checked against the name written. Without `flagIso`, `statements` need only hold
 * the rows with their own month (the importer keeps no others: StatementRows 'own').
 */
export function applyImportStatement(
  db: Database.Database,
  statements: readonly RowStatement[],
  flagIso: string | null,
  firstNewId: number,
  now: Date,
): number {
  const known = db.prepare('SELECT source FROM ledger_participation WHERE employee_id = ?').pluck();
  const nameAt = db.prepare('SELECT full_name FROM employees WHERE id = ?').pluck();
  let n = 0;
  // One transaction for the whole file (each statement is a savepoint inside it).
  db.transaction(() => {
    for (const s of statements) {
      const since = s.own ?? (flagIso && !(s.start && s.start.slice(0, 7) > flagIso) ? flagIso : null);
      if (!since) continue;
      const id = s.existingId ?? firstNewId + s.insertIndex;
      if (s.existingId === null && nameAt.get(id) !== s.name) continue;
      const sources = known.all(id) as string[];
      if (sources.includes('dossier') || (sources.length && !s.own)) continue;
      setParticipatingSince(db, id, since, now);
      n++;
    }
  })();
  return n;
}

export function nextEmployeeId(db: Database.Database): number {
  return 1 + ((db.prepare('SELECT MAX(id) AS m FROM employees').get() as { m: number | null }).m ?? 0);
}
