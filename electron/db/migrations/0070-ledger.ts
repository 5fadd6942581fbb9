import type { Migration } from './types';

/**
 * Participation ledger (issue 10): what BHXH already knows about each employee, with effective months, and the roster
 * events that carry their own dates. Months are ISO `yyyy-mm`, dates ISO `yyyy-mm-dd`; `recorded_at` is only when a
 * row was typed and never decides a month.
 * - ledger_participation: periods per fund (hưu trí-tử tuất, ốm đau-thai sản, TNLĐ-BNN, BHYT, BHTN), from the
 *   "participating since" statement (import or the employee form) or an accepted dossier; `to_month` = last month.
 * - ledger_salary: insured salary and allowances from a month.
 * - ledger_absence: thai sản, ốm đau, không lương (dates when known; months as the accepted dossier gave them).
 * - roster_events: hire (contract/work start), leave (first day no longer employed), salary (effective date),
 *   maternity/sick/unpaid (first day away, optional last day), return (first day back).
 * - unit_work_calendar: the unit's working calendar for the 14-working-day rule (26 = Mon–Sat, 22 = Mon–Fri).
 */
const MONTH = "GLOB '[12][0-9][0-9][0-9]-[01][0-9]'";
const DATE = "GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'";

export const migration: Migration = {
  version: 70,
  name: 'ledger',
  up(db) {
    db.exec(`
      CREATE TABLE ledger_participation (
        id INTEGER PRIMARY KEY,
        employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
        fund TEXT NOT NULL CHECK (fund IN ('pension','sickness','accident','health','unemployment')),
        from_month TEXT NOT NULL CHECK (from_month ${MONTH}),
        to_month TEXT CHECK (to_month IS NULL OR (to_month ${MONTH} AND to_month >= from_month)),
        source TEXT NOT NULL CHECK (source IN ('statement','dossier')),
        dossier_id TEXT,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ledger_participation_employee ON ledger_participation(employee_id, fund, from_month);

      CREATE TABLE ledger_salary (
        id INTEGER PRIMARY KEY,
        employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
        from_month TEXT NOT NULL CHECK (from_month ${MONTH}),
        salary REAL NOT NULL CHECK (salary >= 0),
        allowance_position REAL NOT NULL DEFAULT 0,
        allowance_seniority_excess REAL NOT NULL DEFAULT 0,
        allowance_seniority_job REAL NOT NULL DEFAULT 0,
        allowance_salary REAL NOT NULL DEFAULT 0,
        allowance_other REAL NOT NULL DEFAULT 0,
        source TEXT NOT NULL CHECK (source IN ('statement','dossier')),
        dossier_id TEXT,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ledger_salary_employee ON ledger_salary(employee_id, from_month);

      CREATE TABLE ledger_absence (
        id INTEGER PRIMARY KEY,
        employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('maternity','sick','unpaid')),
        from_month TEXT NOT NULL CHECK (from_month ${MONTH}),
        to_month TEXT CHECK (to_month IS NULL OR (to_month ${MONTH} AND to_month >= from_month)),
        from_date TEXT CHECK (from_date IS NULL OR from_date ${DATE}),
        to_date TEXT CHECK (to_date IS NULL OR to_date ${DATE}),
        source TEXT NOT NULL CHECK (source IN ('statement','dossier')),
        dossier_id TEXT,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ledger_absence_employee ON ledger_absence(employee_id, from_month);

      CREATE TABLE roster_events (
        id INTEGER PRIMARY KEY,
        employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('hire','leave','salary','maternity','sick','unpaid','return')),
        effective_date TEXT NOT NULL CHECK (effective_date ${DATE}),
        end_date TEXT CHECK (end_date IS NULL OR (end_date ${DATE} AND end_date >= effective_date)),
        salary REAL CHECK (salary IS NULL OR salary > 0),
        previous_salary REAL,
        source TEXT NOT NULL CHECK (source IN ('form','import','cli')),
        recorded_at TEXT NOT NULL,
        CHECK (kind <> 'salary' OR salary IS NOT NULL)
      ) STRICT;
      CREATE INDEX roster_events_employee ON roster_events(employee_id, effective_date);

      CREATE TABLE unit_work_calendar (
        unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
        calendar TEXT NOT NULL CHECK (calendar IN ('26','22')),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
