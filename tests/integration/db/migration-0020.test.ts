import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../../electron/db/migrate';
import { makeTempDir, removeDir } from '../../support/tmp';

describe('migration 0020 (roster)', () => {
  let dir = '';
  afterEach(() => dir && removeDir(dir));

  it('creates units, employees, employee_history, import_mappings as STRICT tables with the search index', () => {
    dir = makeTempDir();
    const db = new Database(join(dir, 'k.db'));
    migrateTo(db, 10);
    expect(schemaVersion(db)).toBe(10);
    migrateTo(db, 20);
    expect(schemaVersion(db)).toBe(20);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
      sql: string;
    }[];
    for (const t of ['units', 'employees', 'employee_history', 'import_mappings']) {
      const found = tables.find((x) => x.name === t);
      expect(found, t).toBeTruthy();
      expect(found!.sql).toMatch(/STRICT\s*$/);
    }
    const cols = (db.prepare('PRAGMA table_info(employees)').all() as { name: string }[]).map((c) => c.name);
    for (const c of [
      'full_name',
      'insurance_number',
      'birth_date',
      'cccd',
      'cmnd',
      'ethnicity',
      'birth_ward',
      'contract_end',
      'salary_kind',
      'allowance_other',
      'hospital_code',
      'status',
      'search',
    ]) {
      expect(cols).toContain(c);
    }
    const unitCols = (db.prepare('PRAGMA table_info(units)').all() as { name: string }[]).map((c) => c.name);
    expect(unitCols).toContain('ivan_provider');

    // Constraints hold: vùng 01–04, status list, one mã số per unit.
    const at = '2026-01-01T00:00:00Z';
    db.prepare(
      "INSERT INTO units (code, name, tax_code, agency_code, wage_region, created_at, updated_at) VALUES ('TS12345','A','0100109106','07906','01',?,?)",
    ).run(at, at);
    expect(() =>
      db
        .prepare(
          "INSERT INTO units (code, name, tax_code, agency_code, wage_region, created_at, updated_at) VALUES ('TS12346','A','0100109106','07906','05',?,?)",
        )
        .run(at, at),
    ).toThrow(/CHECK/);
    const ins = db.prepare(
      "INSERT INTO employees (unit_id, full_name, insurance_number, birth_date, birth_year, gender, status, search, created_at, updated_at) VALUES (1, 'A', ?, '1990', 1990, 'M', ?, 'a', ?, ?)",
    );
    ins.run('7912345678', 'working', at, at);
    expect(() => ins.run('7912345678', 'working', at, at)).toThrow(/UNIQUE/);
    expect(() => ins.run('7912345679', 'holiday', at, at)).toThrow(/CHECK/);
    ins.run(null, 'left', at, at);
    ins.run(null, 'left', at, at); // empty mã số (first-time participants) may repeat

    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT count(*) FROM employees WHERE unit_id = ? AND instr(search, ?) > 0')
      .all(1, 'a') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/employees_unit_search/);
    db.close();
  });
});
