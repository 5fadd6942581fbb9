import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../../electron/db/migrate';

describe('migration 0070 ledger', () => {
  it('creates the participation ledger, dated roster events and the working calendar, with their checks', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateTo(db, 70);
    expect(db.pragma('user_version', { simple: true })).toBe(70);
    db.prepare(
      "INSERT INTO units (code, name, tax_code, agency_code, wage_region, created_at, updated_at) VALUES ('TA0001A', 'Mẫu', '0100109106', '03801', '01', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO employees (unit_id, full_name, birth_date, birth_year, gender, search, created_at, updated_at) VALUES (1, 'A', '1990', 1990, 'M', 'a', 'x', 'x')",
    ).run();
    const at = '2015-11-25T03:00:00.000Z';
    db.prepare(
      "INSERT INTO ledger_participation (employee_id, fund, from_month, source, recorded_at) VALUES (1, 'pension', '2015-10', 'statement', ?)",
    ).run(at);
    expect(() =>
      db
        .prepare(
          "INSERT INTO ledger_participation (employee_id, fund, from_month, source, recorded_at) VALUES (1, 'pension', '10/2015', 'statement', ?)",
        )
        .run(at),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO ledger_participation (employee_id, fund, from_month, to_month, source, recorded_at) VALUES (1, 'pension', '2015-10', '2015-09', 'dossier', ?)",
        )
        .run(at),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO ledger_participation (employee_id, fund, from_month, source, recorded_at) VALUES (1, 'bhxh', '2015-10', 'statement', ?)",
        )
        .run(at),
    ).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO ledger_salary (employee_id, from_month, salary, source, recorded_at) VALUES (1, '2015-10', 5000000, 'statement', ?)",
    ).run(at);
    db.prepare(
      "INSERT INTO ledger_absence (employee_id, kind, from_month, to_month, source, recorded_at) VALUES (1, 'maternity', '2015-11', '2016-04', 'dossier', ?)",
    ).run(at);
    expect(() =>
      db
        .prepare(
          "INSERT INTO ledger_absence (employee_id, kind, from_month, source, recorded_at) VALUES (1, 'holiday', '2015-11', 'dossier', ?)",
        )
        .run(at),
    ).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO roster_events (employee_id, kind, effective_date, source, recorded_at) VALUES (1, 'hire', '2015-11-16', 'cli', ?)",
    ).run(at);
    // A salary event needs its salary; dates are ISO; an absence cannot end before it starts.
    expect(() =>
      db
        .prepare(
          "INSERT INTO roster_events (employee_id, kind, effective_date, source, recorded_at) VALUES (1, 'salary', '2015-11-01', 'cli', ?)",
        )
        .run(at),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO roster_events (employee_id, kind, effective_date, source, recorded_at) VALUES (1, 'leave', '16/11/2015', 'cli', ?)",
        )
        .run(at),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO roster_events (employee_id, kind, effective_date, end_date, source, recorded_at) VALUES (1, 'sick', '2015-11-16', '2015-11-01', 'cli', ?)",
        )
        .run(at),
    ).toThrow(/CHECK/);
    db.prepare("INSERT INTO unit_work_calendar (unit_id, calendar, updated_at) VALUES (1, '22', ?)").run(at);
    expect(() =>
      db.prepare("INSERT INTO unit_work_calendar (unit_id, calendar, updated_at) VALUES (1, '30', ?)").run(at),
    ).toThrow();
    // STRICT: a wrongly typed salary is refused, not stored.
    expect(() =>
      db
        .prepare(
          "INSERT INTO ledger_salary (employee_id, from_month, salary, source, recorded_at) VALUES (1, '2015-10', 'nhiều', 'statement', ?)",
        )
        .run(at),
    ).toThrow();
    // Deleting the employee removes their ledger.
    db.prepare('DELETE FROM employees WHERE id = 1').run();
    for (const t of ['ledger_participation', 'ledger_salary', 'ledger_absence', 'roster_events'])
      expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n).toBe(0);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM roster_events WHERE employee_id = 1 ORDER BY effective_date')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('roster_events_employee');
    db.close();
  });
});
