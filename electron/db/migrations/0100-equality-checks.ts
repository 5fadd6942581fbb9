import type Database from 'better-sqlite3';
import type { Migration } from './types';

/**
 * The tables written once per employee — by an import of 50,000 rows, a statement, a month's write-back — with their
 * CHECK lists of three or more constants (`status IN ('working','sick',…)`) rewritten as equalities
 * (`(status = 'working' OR status = 'sick' OR …)`), which accept and refuse exactly the same values.
 *
 * Why: SQLite codes such a list in a CHECK constraint as a temporary B-tree, built again for every row written
 * (EXPLAIN: OpenEphemeral and one IdxInsert per constant inside the row loop; a list of one or two constants is
 * compared directly). Measured on 50,000 rows with the `employees` constraints: 0.24 s against 0.11 s written as
 * equalities or without the checks — on issue #11's import that is most of a tenth of a second on the thread that
 * also parses and validates. Tables written a few rows at a time (dossiers, the outbox…) keep their lists.
 *
 * SQLite cannot alter a constraint; each table is rebuilt by its documented procedure
 * (https://sqlite.org/lang_altertable.html#otheralter): new table, rows copied with their ids, old table dropped, new
 * one renamed, its indexes and triggers created again from their stored definitions. Foreign keys must be off while
 * the parent table is dropped — on, the DROP would first delete every row and cascade to the history and ledger —
 * hence `foreignKeysOff`; migrateTo runs PRAGMA foreign_key_check before it commits.
 */
export const PER_EMPLOYEE_TABLES = [
  'employees',
  'employee_history',
  'ledger_participation',
  'ledger_absence',
  'roster_events',
] as const;

/** A constant in a CHECK list: a quoted string ('' escapes a quote) or an integer. */
const CONSTANT = String.raw`(?:'(?:[^']|'')*'|-?\d+)`;
const LIST = new RegExp(
  String.raw`\b([A-Za-z_][A-Za-z0-9_]*) IN \(\s*(${CONSTANT}(?:\s*,\s*${CONSTANT}){2,})\s*\)`,
  'g',
);
const ONE = new RegExp(CONSTANT, 'g');

/** `x IN ('a', 'b', 'c')` → `(x = 'a' OR x = 'b' OR x = 'c')`; lists of one or two constants are left as they are. */
export function equalityChecks(sql: string): string {
  return sql.replace(LIST, (_, column: string, list: string) => {
    const values = list.match(ONE)!;
    return `(${values.map((v) => `${column} = ${v}`).join(' OR ')})`;
  });
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Rebuilds `table` with `sql` (its CREATE TABLE under the same name), keeping rows, ids, indexes and triggers; with
 * foreign keys off, inside the caller's transaction.
 */
export function rebuildTable(db: Database.Database, table: string, sql: string): void {
  const scratch = `${table}_rebuilt`;
  const head = new RegExp(String.raw`^(CREATE TABLE\s+)("?)${table}\2(\s*\()`);
  if (!head.test(sql)) throw new Error(`unexpected definition of ${table}`);
  const dependents = db
    .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL")
    .all(table) as { sql: string }[];
  db.exec(sql.replace(head, `$1${quoted(scratch)}$3`));
  db.exec(`INSERT INTO ${quoted(scratch)} SELECT * FROM ${quoted(table)}`);
  db.exec(`DROP TABLE ${quoted(table)}`);
  db.exec(`ALTER TABLE ${quoted(scratch)} RENAME TO ${quoted(table)}`);
  for (const d of dependents) db.exec(d.sql);
}

export const migration: Migration = {
  version: 100,
  name: 'equality-checks',
  foreignKeysOff: true,
  up(db) {
    for (const table of PER_EMPLOYEE_TABLES) {
      const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as
        { sql: string } | undefined;
      if (!row) throw new Error(`no table ${table}`);
      const sql = equalityChecks(row.sql);
      if (sql !== row.sql) rebuildTable(db, table, sql);
    }
  },
};
