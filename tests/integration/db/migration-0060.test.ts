import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateTo } from '../../../electron/db/migrate';

describe('migration 0060 desk', () => {
  it('creates the backup log and the first-run steps, with their checks', () => {
    const db = new Database(':memory:');
    migrateTo(db, 60);
    expect(db.pragma('user_version', { simple: true })).toBe(60);
    db.prepare(
      "INSERT INTO backup_runs(at, actor, operation, kind, file_name, size_bytes, schema_version, check_result) VALUES ('2015-10-30T03:00:00.000Z', 'ketoan', 'backup', 'manual', 'kekhai-manual-20151030-100000.db', 4096, 60, 'ok')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO backup_runs(at, actor, operation, kind, file_name, size_bytes, check_result) VALUES ('x', 'y', 'delete', 'manual', 'f', 1, 'ok')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare("INSERT INTO welcome_steps(step, done_at) VALUES ('unit', '2015-10-30T03:00:00.000Z')").run();
    expect(() => db.prepare("INSERT INTO welcome_steps(step, done_at) VALUES ('unknown', 'x')").run()).toThrow(/CHECK/);
    // STRICT tables refuse a wrongly typed value instead of storing it.
    expect(() =>
      db
        .prepare(
          "INSERT INTO backup_runs(at, actor, operation, kind, file_name, size_bytes, check_result) VALUES ('x', 'y', 'backup', 'manual', 'f', 'big', 'ok')",
        )
        .run(),
    ).toThrow();
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM backup_runs WHERE at > '2015'").all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('backup_runs_at');
    db.close();
  });
});
