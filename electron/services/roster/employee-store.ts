import type Database from 'better-sqlite3';
import type { EmployeeFields, EmployeeRecord } from '../../../shared/contract/roster';
import { parseBirthDate } from '../../../shared/identity/birth-date';
import { EMPLOYEE_COLUMNS, FIELDS, fromRow, historyValue, searchText, SELECT_EMPLOYEE, toParams, type EmployeeRow } from './columns';

export type HistorySource = 'form' | 'import' | 'cli';

/**
 * Prepared statements over `employees` and `employee_history`. Callers run them inside their own transaction;
 * every update writes one history row per changed field, dated `changedAt` (and `effectiveDate` when given).
 */
export class EmployeeStore {
  private readonly insertStmt: Database.Statement;
  private readonly updateStmt: Database.Statement;
  private readonly historyStmt: Database.Statement;
  private readonly getStmt: Database.Statement;

  constructor(private readonly db: Database.Database) {
    const cols = FIELDS.map((f) => EMPLOYEE_COLUMNS[f]);
    this.insertStmt = db.prepare(
      `INSERT INTO employees (unit_id, ${cols.join(', ')}, birth_year, search, created_at, updated_at)
       VALUES (?, ${cols.map(() => '?').join(', ')}, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE employees SET ${cols.map((c) => `${c} = ?`).join(', ')}, birth_year = ?, search = ?, updated_at = ? WHERE id = ?`,
    );
    this.historyStmt = db.prepare(
      `INSERT INTO employee_history (employee_id, changed_at, effective_date, field, old_value, new_value, source) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare(`${SELECT_EMPLOYEE} WHERE e.id = ?`);
  }

  get(id: number): EmployeeRecord | null {
    const r = this.getStmt.get(id) as EmployeeRow | undefined;
    return r ? fromRow(r) : null;
  }

  insert(unitId: number, e: EmployeeFields, at: string, source: HistorySource, effectiveDate: string | null = null): number {
    const id = this.insertOnly(unitId, e, at);
    this.historyStmt.run(id, at, effectiveDate, '*', null, 'created', source);
    return id;
  }

  /** Insert without the "created" history row — bulk callers add those with `recordCreated` in one statement. */
  insertOnly(unitId: number, e: EmployeeFields, at: string, search: string = searchText(e)): number {
    const year = parseBirthDate(e.birthDate)?.year ?? 0;
    const info = this.insertStmt.run(unitId, ...toParams(e), year, search, at, at);
    return Number(info.lastInsertRowid);
  }

  /** "created" history rows for every employee inserted with id > `afterId` (one INSERT … SELECT for a bulk import). */
  recordCreated(unitId: number, afterId: number, at: string, source: HistorySource): void {
    this.db
      .prepare(`INSERT INTO employee_history (employee_id, changed_at, effective_date, field, old_value, new_value, source)
                SELECT id, ?, NULL, '*', NULL, 'created', ? FROM employees WHERE unit_id = ? AND id > ?`)
      .run(at, source, unitId, afterId);
  }

  /** Writes the changed fields; returns how many changed (0 = nothing written). */
  update(before: EmployeeRecord, e: EmployeeFields, at: string, source: HistorySource, effectiveDate: string | null = null, search: string = searchText(e)): number {
    const changed = changedFields(before, e);
    if (!changed.length) return 0;
    const year = parseBirthDate(e.birthDate)?.year ?? 0;
    this.updateStmt.run(...toParams(e), year, search, at, before.id);
    for (const f of changed) this.historyStmt.run(before.id, at, effectiveDate, f, historyValue(before[f]), historyValue(e[f]), source);
    return changed.length;
  }
}

export function changedFields(before: EmployeeFields, after: EmployeeFields): (keyof EmployeeFields)[] {
  return FIELDS.filter((f) => historyValue(before[f]) !== historyValue(after[f]));
}
