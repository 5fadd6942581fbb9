import type Database from 'better-sqlite3';
import type { EmployeeFields, EmployeeRecord } from '../../shared/contract/roster';
import { parseBirthDate } from '../../shared/identity/birth-date';
import { nextStamp } from '../core/stale';
import { BulkInsert } from './bulk-insert';
import {
  EMPLOYEE_COLUMNS,
  FIELDS,
  fromRow,
  historyValue,
  pushParams,
  searchText,
  SELECT_EMPLOYEE,
  toParams,
  type EmployeeRow,
} from './columns';

export type HistorySource = 'form' | 'import' | 'cli';

/** Rows per multi-row INSERT of a bulk import: at most 16 × 41 parameters, well under SQLite's limit of 32,766. */
export const BULK_ROWS = 16;

/**
 * Prepared statements over `employees` and `employee_history`. Callers run them inside their own transaction;
 * every update writes one history row per changed field, dated `changedAt` (and `effectiveDate` when given).
 */
export class EmployeeStore {
  private readonly insertStmt: Database.Statement;
  private readonly updateStmt: Database.Statement;
  private readonly historyStmt: Database.Statement;
  private readonly getStmt: Database.Statement;
  private bulk: BulkInsert | null = null;
  private createdRangeStmt: Database.Statement | null = null;

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

  insert(
    unitId: number,
    e: EmployeeFields,
    at: string,
    source: HistorySource,
    effectiveDate: string | null = null,
  ): number {
    const id = this.insertOnly(unitId, e, at);
    this.historyStmt.run(id, at, effectiveDate, '*', null, 'created', source);
    return id;
  }

  /** Insert without the "created" history row (the caller writes it). */
  insertOnly(unitId: number, e: EmployeeFields, at: string, search: string = searchText(e)): number {
    const year = parseBirthDate(e.birthDate)?.year ?? 0;
    const info = this.insertStmt.run(unitId, ...toParams(e), year, search, at, at);
    return Number(info.lastInsertRowid);
  }

  /**
   * Inserts several employees with one statement (a bulk import: fewer round trips through the statement machinery)
   * and, unless `history` is false (the caller then writes them with `historyCreated` once for the whole import),
   * their "created" history rows. Exactly BULK_ROWS rows go through the multi-row statement, fewer through the
   * single-row one. Returns the first and last id inserted (consecutive: one writer inside one transaction).
   */
  insertBulk(
    unitId: number,
    rows: readonly { value: EmployeeFields; search: string }[],
    at: string,
    source: HistorySource,
    history = true,
  ): { first: number; last: number } {
    if (!rows.length) return { first: 0, last: 0 };
    let first = 0;
    let last = 0;
    if (rows.length === BULK_ROWS) {
      this.bulk ??= new BulkInsert(
        this.db,
        'employees',
        [...FIELDS.map((f) => EMPLOYEE_COLUMNS[f]), 'birth_year', 'search'],
        BULK_ROWS,
        ['unit_id', 'created_at', 'updated_at'],
      );
      const params: (string | number | null)[] = [];
      for (const r of rows) {
        pushParams(params, r.value);
        params.push(parseBirthDate(r.value.birthDate)?.year ?? 0, r.search);
      }
      last = this.bulk.run(params, [unitId, at, at]);
      // A multi-row INSERT into an INTEGER PRIMARY KEY table without explicit ids takes consecutive rowids.
      first = last - BULK_ROWS + 1;
    } else {
      for (const r of rows) {
        const id = this.insertOnly(unitId, r.value, at, r.search);
        if (!first) first = id;
        last = id;
      }
    }
    if (history) this.historyCreated(first, last, at, source);
    return { first, last };
  }

  /** The "created" history rows of the employees with ids `first`…`last`, in one statement. */
  historyCreated(first: number, last: number, at: string, source: HistorySource): void {
    this.createdRangeStmt ??= this.db.prepare(
      `INSERT INTO employee_history (employee_id, changed_at, effective_date, field, old_value, new_value, source)
       SELECT id, ?, NULL, '*', NULL, 'created', ? FROM employees WHERE id BETWEEN ? AND ?`,
    );
    this.createdRangeStmt.run(at, source, first, last);
  }

  /** Writes the changed fields; returns how many changed (0 = nothing written). */
  update(
    before: EmployeeRecord,
    e: EmployeeFields,
    at: string,
    source: HistorySource,
    effectiveDate: string | null = null,
    search: string = searchText(e),
  ): number {
    const changed = changedFields(before, e);
    if (!changed.length) return 0;
    const year = parseBirthDate(e.birthDate)?.year ?? 0;
    // updated_at is the record's version (employee.save's expectedUpdatedAt): it must move on every write.
    this.updateStmt.run(...toParams(e), year, search, nextStamp(at, before.updatedAt), before.id);
    for (const f of changed)
      this.historyStmt.run(before.id, at, effectiveDate, f, historyValue(before[f]), historyValue(e[f]), source);
    return changed.length;
  }
}

export function changedFields(before: EmployeeFields, after: EmployeeFields): (keyof EmployeeFields)[] {
  return FIELDS.filter((f) => historyValue(before[f]) !== historyValue(after[f]));
}
