/**
 * `kekhai backup`, `kekhai backup --auto` and `kekhai restore` SIGKILLed at points spread over their run and the
 * moment a copy appears in the backups folder: the live database passes integrity_check and foreign_key_check and
 * holds either the state before or the restored one; every copy `backup list` offers is whole; the retry succeeds
 * (the day's automatic copy is made, not skipped because of a cut file).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, unitAddArgs } from '../../support/cli';
import { checkDatabase, killAfter, killPoints, killWhenFileChanges, queryDb, timedRun } from '../../support/kill';
import { makeTempDir, removeDir } from '../../support/tmp';
import { LEDGER_UNIT, SAIGON_UNIT } from '../../support/units';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';

const NOW = '2015-10-20T03:00:00Z';

describe('backups and restores killed mid-way', () => {
  let dir: string;
  let data: string;
  let db: string;
  const cli = (args: string[], now = NOW) => runCli([...args, '--json', '--now', now], { data });

  /** Every copy the clerk is offered opens and passes integrity_check. */
  async function listedCopiesAreWhole(): Promise<{ name: string; kind: string }[]> {
    const list = await cli(['backup', 'list']);
    expect(list.code, list.stdout + list.stderr).toBe(0);
    for (const item of list.json.items as { name: string }[]) {
      let check: string;
      try {
        const copy = new Database(join(list.json.dir, item.name), { readonly: true, fileMustExist: true });
        try {
          check = String(copy.pragma('integrity_check', { simple: true }));
        } finally {
          copy.close();
        }
      } catch (e) {
        check = (e as Error).message;
      }
      expect(`${item.name}: ${check}`).toBe(`${item.name}: ok`);
    }
    return list.json.items;
  }

  function liveIsWhole(): void {
    expect(checkDatabase(db)).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
  }

  beforeAll(async () => {
    dir = makeTempDir('kekhai-crash-backup-');
    data = join(dir, 'data');
    db = join(data, 'kekhai.db');
    expect((await cli(unitAddArgs(SAIGON_UNIT))).code).toBe(0);
    const roster = join(dir, 'roster.xlsx');
    await writeXlsx(roster, HEADERS, makeEmployees(20_000, 5).map(toRow));
    const imp = await cli(['roster', 'import', roster, '--unit', SAIGON_UNIT.code]);
    expect(imp.code, imp.stdout + imp.stderr).toBe(0);
  });
  afterAll(() => removeDir(dir));

  it('kekhai backup: no cut copy is ever listed', async () => {
    const args = ['backup', '--json', '--now', NOW];
    await killWhenFileChanges(args, data, {
      dir: join(data, 'backups'),
      match: (n: string) => n.startsWith('kekhai-'),
    });
    await listedCopiesAreWhole();
    liveIsWhole();
    const full = await timedRun(args, data);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    for (const ms of killPoints(full.ms, 4)) {
      await killAfter(args, data, ms);
      await listedCopiesAreWhole();
      liveIsWhole();
    }
  }, 90_000);

  it('kekhai backup --auto: a copy cut by a kill does not count as the day’s copy', async () => {
    const day = '2015-10-21T03:00:00Z';
    const args = ['backup', '--auto', '--json', '--now', day];
    await killWhenFileChanges(args, data, {
      dir: join(data, 'backups'),
      match: (n: string) => n.startsWith('kekhai-auto-'),
    });
    await listedCopiesAreWhole();
    const again = await cli(['backup', '--auto'], day);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const autos = (await listedCopiesAreWhole()).filter((b) => b.kind === 'auto');
    expect(autos.map((b) => b.name)).toEqual(['kekhai-auto-20151021-100000.db']);
    liveIsWhole();
  }, 90_000);

  it('kekhai restore: the live data is the state before or the restored one, never a mix; the retry restores', async () => {
    const made = await cli(['backup', '--out', join(dir, 'before-second-unit.db')]);
    expect(made.code, made.stdout + made.stderr).toBe(0);
    expect((await cli(unitAddArgs(LEDGER_UNIT))).code).toBe(0);
    const units = () => queryDb<{ code: string }>(db, 'SELECT code FROM units ORDER BY code').map((u) => u.code);
    const employees = () => queryDb<{ n: number }>(db, 'SELECT count(*) AS n FROM employees')[0]!.n;
    const before = [LEDGER_UNIT.code, SAIGON_UNIT.code].sort();
    const restored = [SAIGON_UNIT.code];
    expect(units()).toEqual(before);

    const args = ['restore', join(dir, 'before-second-unit.db'), '--json', '--now', NOW];
    const timing = await timedRun(args, data);
    expect(timing.code, timing.stdout + timing.stderr).toBe(0);
    expect(units()).toEqual(restored);
    // Back to the two-unit state, then kill restores of the one-unit copy.
    expect((await cli(unitAddArgs(LEDGER_UNIT))).code).toBe(0);
    for (const ms of killPoints(timing.ms, 5)) {
      await killAfter(args, data, ms);
      liveIsWhole();
      expect([before, restored]).toContainEqual(units());
      expect(employees()).toBe(20_000);
      await listedCopiesAreWhole();
      if (units().length === 1) expect((await cli(unitAddArgs(LEDGER_UNIT))).code).toBe(0);
    }
    const retry = await timedRun(args, data);
    expect(retry.code, retry.stdout + retry.stderr).toBe(0);
    expect(units()).toEqual(restored);
    expect(employees()).toBe(20_000);
    liveIsWhole();
  }, 120_000);
});
