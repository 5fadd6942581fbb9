import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { equalityChecks, PER_EMPLOYEE_TABLES } from '../../../electron/db/migrations/0100-equality-checks';

const AT = '2015-11-25T03:00:00.000Z';

/** The opcodes SQLite compiles for writing one row of `table` (every column NULL: EXPLAIN runs nothing). */
function insertOpcodes(db: Database.Database, table: string): string[] {
  const n = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?)`).get(table) as { n: number }).n;
  const sql = `EXPLAIN INSERT INTO ${table} VALUES (${Array(n).fill('NULL').join(', ')})`;
  return (db.prepare(sql).all() as { opcode: string }[]).map((r) => r.opcode);
}

function at90WithPeople(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrateTo(db, 90);
  db.exec(`
    INSERT INTO units (code, name, tax_code, agency_code, wage_region, created_at, updated_at)
      VALUES ('TA0001A', 'Mẫu', '0100109106', '03801', '01', 'x', 'x');
    INSERT INTO employees (id, unit_id, full_name, birth_date, birth_year, gender, wage_region, status, search, created_at, updated_at)
      VALUES (7, 1, 'Nguyễn Văn An', '01/02/1990', 1990, 'M', '02', 'maternity', 'nguyen van an', 'x', 'x'),
             (9, 1, 'Trần Thị Bình', '1991', 1991, 'F', NULL, 'working', 'tran thi binh', 'x', 'x');
    INSERT INTO employee_history (employee_id, changed_at, field, new_value, source)
      VALUES (7, '${AT}', '*', 'created', 'import'), (9, '${AT}', 'status', 'working', 'form');
    INSERT INTO ledger_participation (employee_id, fund, from_month, source, recorded_at)
      VALUES (7, 'unemployment', '2015-10', 'statement', '${AT}');
    INSERT INTO ledger_absence (employee_id, kind, from_month, source, recorded_at)
      VALUES (7, 'maternity', '2015-11', 'dossier', '${AT}');
    INSERT INTO roster_events (employee_id, kind, effective_date, source, recorded_at)
      VALUES (9, 'return', '2015-11-16', 'cli', '${AT}');
  `);
  return db;
}

function snapshot(db: Database.Database): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of PER_EMPLOYEE_TABLES) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY id`).all();
  out.indexes = db
    .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name")
    .all();
  return out;
}

describe('migration 0100: CHECK lists as equalities on the tables written per employee', () => {
  it('rewrites lists of three or more constants and leaves shorter lists and other text alone', () => {
    expect(equalityChecks("status TEXT CHECK (status IN ('working','sick', 'left'))")).toBe(
      "status TEXT CHECK ((status = 'working' OR status = 'sick' OR status = 'left'))",
    );
    expect(equalityChecks("w TEXT CHECK (w IS NULL OR w IN ('01','02','03','04'))")).toBe(
      "w TEXT CHECK (w IS NULL OR (w = '01' OR w = '02' OR w = '03' OR w = '04'))",
    );
    expect(equalityChecks("x CHECK (x IN ('it''s', 'a,b', 'c'))")).toBe(
      "x CHECK ((x = 'it''s' OR x = 'a,b' OR x = 'c'))",
    );
    expect(equalityChecks('n CHECK (n IN (0, 1, -2))')).toBe('n CHECK ((n = 0 OR n = 1 OR n = -2))');
    for (const kept of [
      "gender CHECK (gender IN ('M','F'))",
      'b CHECK (b IN (0, 1))',
      "name TEXT DEFAULT 'IN (a,b,c)'",
    ])
      expect(equalityChecks(kept)).toBe(kept);
  });

  it('a row written to these tables builds no temporary table any more (it did before the migration)', () => {
    const before = new Database(':memory:');
    migrateTo(before, 90);
    expect(insertOpcodes(before, 'employees')).toContain('OpenEphemeral');
    expect(insertOpcodes(before, 'employee_history')).toContain('OpenEphemeral');
    before.close();

    const db = new Database(':memory:');
    migrateTo(db);
    for (const t of PER_EMPLOYEE_TABLES) expect(insertOpcodes(db, t), t).not.toContain('OpenEphemeral');
    db.close();
  });

  it('keeps every row with its id, the indexes, the references and the checks', () => {
    const db = at90WithPeople();
    const old = snapshot(db);
    migrateTo(db, 100);
    expect(db.pragma('user_version', { simple: true })).toBe(100);
    expect(snapshot(db)).toEqual(old);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The same values are refused as before…
    const employee = (status: string, wage: string | null) =>
      db
        .prepare(
          "INSERT INTO employees (unit_id, full_name, birth_date, birth_year, gender, wage_region, status, search, created_at, updated_at) VALUES (1, 'A', '1990', 1990, 'M', ?, ?, 'a', 'x', 'x')",
        )
        .run(wage, status);
    expect(() => employee('retired', '01')).toThrow(/CHECK/);
    expect(() => employee('working', '05')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO employee_history (employee_id, changed_at, field, source) VALUES (7, 'x', '*', 'web')")
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO ledger_participation (employee_id, fund, from_month, source, recorded_at) VALUES (7, 'bhxh', '2015-10', 'statement', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO roster_events (employee_id, kind, effective_date, source, recorded_at) VALUES (7, 'party', '2015-11-16', 'cli', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    // …and accepted: every status, every region, no region.
    for (const s of ['working', 'sick', 'maternity', 'unpaid', 'left']) employee(s, null);
    for (const w of ['01', '02', '03', '04']) employee('working', w);

    // The history and ledger still refer to the rebuilt employees table: deleting an employee cascades to them.
    db.prepare('DELETE FROM employees WHERE id = 7').run();
    for (const t of ['employee_history', 'ledger_participation', 'ledger_absence'])
      expect(db.prepare(`SELECT count(*) AS n FROM ${t} WHERE employee_id = 7`).get(), t).toEqual({ n: 0 });
    expect(() =>
      db
        .prepare("INSERT INTO employee_history (employee_id, changed_at, field, source) VALUES (7, 'x', '*', 'form')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('a step run with foreign keys off that breaks a reference rolls the whole upgrade back', () => {
    const db = at90WithPeople();
    const old = snapshot(db);
    const breaking = {
      version: 100,
      name: 'breaks-a-reference',
      foreignKeysOff: true,
      up: (d: Database.Database) => d.exec('DELETE FROM employees WHERE id = 9'),
    };
    expect(() => migrateTo(db, 100, [...migrations.filter((m) => m.version <= 90), breaking])).toThrow(
      /roster_events|employee_history/,
    );
    expect(db.pragma('user_version', { simple: true })).toBe(90);
    expect(snapshot(db)).toEqual(old);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
