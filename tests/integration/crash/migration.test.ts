/**
 * The first start of a new version migrates the database (after copying it to backups/pre-migration-v…): killed
 * at points spread over that start and the moment the copy appears, the database is either still at the old
 * version or fully at the new one, passes integrity_check and foreign_key_check, keeps every employee, every copy
 * `backup list` offers is whole, and the next start finishes the upgrade. A brand-new data folder killed during its
 * first start is either empty or fully created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { latestSchemaVersion } from '../../../electron/db/migrations';
import { migrateTo } from '../../../electron/db/migrate';
import { PER_EMPLOYEE_TABLES, rebuildTable } from '../../../electron/db/migrations/0100-equality-checks';
import { runCli, unitAddArgs } from '../../support/cli';
import { checkDatabase, killAfter, killPoints, killWhenFileChanges, queryDb, timedRun } from '../../support/kill';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';

const NOW = '2015-10-20T03:00:00Z';
const OLD = 70;

function columns(db: string, table: string): string[] {
  return queryDb<{ name: string }>(db, `SELECT name FROM pragma_table_info('${table}')`).map((c) => c.name);
}

describe('a start killed while migrating', () => {
  let dir: string;
  let data: string;
  let db: string;
  let oldCopy: string;
  const unitList = ['unit', 'list', '--json', '--now', NOW];

  /** Puts the version-70 database (20,000 employees) back in place, without the backups of earlier rounds. */
  function resetToOld(): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    rmSync(join(data, 'backups'), { recursive: true, force: true });
    copyFileSync(oldCopy, db);
  }

  function checkState(when: string): void {
    expect(checkDatabase(db), when).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
    const version = queryDb<{ user_version: number }>(db, 'PRAGMA user_version')[0]!.user_version;
    expect([OLD, latestSchemaVersion], when).toContain(version);
    // Version and schema agree: the 0090 columns exist exactly when the file says 90.
    expect(columns(db, 'ivan_outbox').includes('claimed_until'), when).toBe(version >= 90);
    // …and the 0100 rebuild of the employees table (its status check as a list, or as equalities).
    const employees = queryDb<{ sql: string }>(db, "SELECT sql FROM sqlite_master WHERE name = 'employees'")[0]!.sql;
    expect(employees.includes("status IN ('working'"), when).toBe(version < 100);
    expect(queryDb<{ n: number }>(db, 'SELECT count(*) AS n FROM employees')[0]!.n, when).toBe(20_000);
    expect(queryDb<{ n: number }>(db, 'SELECT count(*) AS n FROM employee_history')[0]!.n, when).toBe(20_000);
    const backups = join(data, 'backups');
    for (const name of existsSync(backups) ? readdirSync(backups) : []) {
      if (!name.startsWith('pre-migration-')) continue;
      expect(checkDatabase(join(backups, name)).integrity, `${when}: ${name}`).toBe('ok');
    }
  }

  beforeAll(async () => {
    dir = makeTempDir('kekhai-crash-migrate-');
    data = join(dir, 'data');
    db = join(data, 'kekhai.db');
    const add = await runCli([...unitAddArgs(SAIGON_UNIT), '--json', '--now', NOW], { data });
    expect(add.code, add.stdout + add.stderr).toBe(0);
    const roster = join(dir, 'roster.xlsx');
    await writeXlsx(roster, HEADERS, makeEmployees(20_000, 6).map(toRow));
    const imp = await runCli(['roster', 'import', roster, '--unit', SAIGON_UNIT.code, '--json', '--now', NOW], {
      data,
    });
    expect(imp.code, imp.stdout + imp.stderr).toBe(0);
    // The file as version 70 left it: without migration 0090's columns, its tables as 0020 and 0070 created them.
    const live = new Database(db);
    live.exec('ALTER TABLE ivan_outbox DROP COLUMN claimed_until; ALTER TABLE ivan_outbox DROP COLUMN claimed_by');
    const v70 = new Database(':memory:');
    migrateTo(v70, OLD);
    live.pragma('foreign_keys = OFF'); // else dropping employees would delete their history first
    live.transaction(() => {
      for (const table of PER_EMPLOYEE_TABLES) {
        const sql = v70.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string };
        rebuildTable(live, table, sql.sql);
      }
    })();
    v70.close();
    live.pragma(`user_version = ${OLD}`);
    live.pragma('journal_mode = DELETE');
    live.close();
    oldCopy = join(dir, 'v70.db');
    copyFileSync(db, oldCopy);
  });
  afterAll(() => removeDir(dir));

  it('old version or new, never between; the copy taken before is whole; the next start upgrades', async () => {
    resetToOld();
    await killWhenFileChanges(unitList, data, {
      dir: join(data, 'backups'),
      match: (n: string) => n.startsWith('pre-migration-'),
    });
    checkState('killed as the pre-migration copy appeared');

    resetToOld();
    const full = await timedRun(unitList, data);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    checkState('after a complete start');
    for (const ms of killPoints(full.ms, 5)) {
      resetToOld();
      await killAfter(unitList, data, ms);
      checkState(`killed after ${ms} ms of a ${Math.round(full.ms)} ms start`);
      const next = await runCli(unitList, { data });
      expect(next.code, next.stdout + next.stderr).toBe(0);
      expect(next.json.units.map((u: { code: string }) => u.code)).toEqual([SAIGON_UNIT.code]);
      checkState(`the start after a kill at ${ms} ms`);
      expect(queryDb<{ v: number }>(db, 'SELECT user_version AS v FROM pragma_user_version')[0]!.v).toBe(
        latestSchemaVersion,
      );
    }
  }, 120_000);

  it('a brand-new data folder killed during its first start is empty or whole, and the next start creates it', async () => {
    const args = [...unitAddArgs(SAIGON_UNIT), '--json', '--now', NOW];
    const fresh = join(dir, 'fresh');
    const full = await timedRun(args, fresh);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    for (const ms of killPoints(full.ms, 5)) {
      rmSync(fresh, { recursive: true, force: true });
      await killAfter(args, fresh, ms);
      const file = join(fresh, 'kekhai.db');
      if (existsSync(file)) {
        expect(checkDatabase(file)).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
        const version = queryDb<{ v: number }>(file, 'SELECT user_version AS v FROM pragma_user_version')[0]!.v;
        expect([0, latestSchemaVersion]).toContain(version);
        const tables = queryDb<{ n: number }>(file, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")[0]!
          .n;
        if (version === 0) expect(tables).toBe(0);
      }
      const again = await runCli(args, { data: fresh });
      // Either this start adds the unit, or the killed one had already committed it.
      if (again.code !== 0) expect(again.json.error.code, again.stdout).toBe('CONFLICT');
      const units = await runCli(['unit', 'list', '--json', '--now', NOW], { data: fresh });
      expect(units.json.units.map((u: { code: string }) => u.code)).toEqual([SAIGON_UNIT.code]);
    }
  }, 120_000);
});
