import type Database from 'better-sqlite3';
import { parseDmy } from '../../shared/format';
import { setParticipatingSince } from './store';

/**
 * `roster import --participating-since MM/YYYY`: the employees the import added that carry no participation information of
 * their own are known to BHXH from that month (no TM is proposed for them). A row whose contract/work start date falls
 * after that month is a hire on that date instead (the proposals date its TM by the 14-working-day rule).
 */
export function applyImportStatement(
  db: Database.Database,
  unitId: number,
  sinceIso: string,
  firstNewId: number,
  now: Date,
): number {
  const rows = db
    .prepare(
      `SELECT e.id, e.contract_start FROM employees e WHERE e.unit_id = ? AND e.id >= ?
         AND NOT EXISTS (SELECT 1 FROM ledger_participation p WHERE p.employee_id = e.id)`,
    )
    .all(unitId, firstNewId) as { id: number; contract_start: string | null }[];
  let n = 0;
  // One transaction for the whole file (each statement is a savepoint inside it).
  db.transaction(() => {
    for (const r of rows) {
      const start = r.contract_start ? parseDmy(r.contract_start) : null;
      if (start && start.slice(0, 7) > sinceIso) continue;
      setParticipatingSince(db, r.id, sinceIso, now);
      n++;
    }
  })();
  return n;
}

export function nextEmployeeId(db: Database.Database): number {
  return 1 + ((db.prepare('SELECT MAX(id) AS m FROM employees').get() as { m: number | null }).m ?? 0);
}
