/**
 * The ledger write-back of accepted dossiers (`kekhai ivan poll` against the training I-VAN), the poll SIGKILLed at
 * points spread over its run, one newly accepted dossier per round: afterwards the database passes integrity_check
 * and foreign_key_check (no ledger row without its employee), a dossier's ledger rows are there exactly when its
 * acceptance is recorded and never twice, and the mã số BHXH the result assigned is on the roster once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, unitAddArgs } from '../../support/cli';
import { checkDatabase, killAfter, killPoints, queryDb, timedRun } from '../../support/kill';
import { startIvanServe } from '../../support/ivan-serve';
import { makeTempDir, removeDir } from '../../support/tmp';
import { LEDGER_UNIT } from '../../support/units';

const NOW = '2015-10-20T03:00:00Z';
const DRAFT = join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json');
const ENV = { KEKHAI_TEST_PASSWORD: 'thunghiem' };
const POINTS = 5;

describe('ledger write-back killed mid-poll', () => {
  let dir: string;
  let data: string;
  let db: string;
  let server: ChildProcess;
  let url: string;

  const cli = async (args: string[]) => {
    const r = await runCli([...args, '--json', '--now', NOW], { data, env: ENV });
    expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
    return r.json;
  };

  /** The draft (its one TM row: Nguyễn Thị Lan) as a dossier in the database, signed to a file, and sent. */
  async function sendDossier(i: number): Promise<string> {
    const draft = JSON.parse(readFileSync(DRAFT, 'utf8')) as { createdOn: string };
    const src = join(dir, `draft-${i}.json`);
    writeFileSync(src, JSON.stringify({ ...draft, createdOn: `${10 + i}/10/2015` }));
    const { id } = (await cli(['dossier', 'import', src])) as { id: string };
    const signed = join(dir, `BHXHDienTu-${i}.xml`);
    await cli(['dossier', 'make', src, '--out', signed, '--test-cert', '--password-env', 'KEKHAI_TEST_PASSWORD']);
    await cli(['submit', signed, '--endpoint', url, '--dossier-id', id]);
    return id;
  }

  /** Per dossier: whether its acceptance is recorded, and its ledger rows. */
  function ledgerOf(ids: string[]): { accepted: boolean; participation: number; salary: number }[] {
    return ids.map((id) => ({
      accepted:
        queryDb<{ n: number }>(
          db,
          "SELECT count(*) AS n FROM ivan_outbox WHERE dossier_id = ? AND state = 'accepted'",
          id,
        )[0]!.n === 1,
      participation: queryDb<{ n: number }>(
        db,
        'SELECT count(*) AS n FROM ledger_participation WHERE dossier_id = ?',
        id,
      )[0]!.n,
      salary: queryDb<{ n: number }>(db, 'SELECT count(*) AS n FROM ledger_salary WHERE dossier_id = ?', id)[0]!.n,
    }));
  }

  beforeAll(async () => {
    dir = makeTempDir('kekhai-crash-writeback-');
    data = join(dir, 'data');
    db = join(data, 'kekhai.db');
    ({ url, proc: server } = await startIvanServe(join(dir, 'server')));
    await cli(unitAddArgs(LEDGER_UNIT));
    const roster = join(dir, 'lan.csv');
    writeFileSync(
      roster,
      'STT,Họ và tên,Ngày sinh,Giới tính,CMND/CCCD,Tiền lương\n1,Nguyễn Thị Lan,12/05/1990,Nữ,038190012345,3500000\n',
    );
    await cli(['roster', 'import', roster, '--unit', LEDGER_UNIT.code]);
  }, 60_000);
  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGTERM');
    removeDir(dir);
  });

  it('each accepted dossier’s rows once, none for a result not recorded', async () => {
    const poll = ['ivan', 'poll', '--json', '--now', NOW];
    const resultsDue = () => new Promise((r) => setTimeout(r, 300));
    const ids = [await sendDossier(0)];
    await resultsDue();
    const probe = await timedRun(poll, data);
    expect(probe.code, probe.stdout + probe.stderr).toBe(0);
    const [one] = ledgerOf(ids);
    expect(one!.accepted).toBe(true);
    expect(one!.participation).toBeGreaterThan(0);
    const expected = { accepted: true, participation: one!.participation, salary: one!.salary };

    for (const ms of killPoints(probe.ms, POINTS)) {
      ids.push(await sendDossier(ids.length));
      await resultsDue();
      await killAfter(poll, data, ms);
      const when = `poll killed after ${ms} ms`;
      expect(checkDatabase(db), when).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
      for (const l of ledgerOf(ids))
        expect(l, when).toEqual(l.accepted ? expected : { accepted: false, participation: 0, salary: 0 });
    }
    const last = await runCli(poll, { data });
    expect(last.code, last.stdout + last.stderr).toBe(0);
    expect(ledgerOf(ids)).toEqual(ids.map(() => expected));
    const people = queryDb<{ insurance_number: string | null }>(db, 'SELECT insurance_number FROM employees');
    expect(people).toHaveLength(1);
    expect(people[0]!.insurance_number).toMatch(/^\d{10}$/);
    expect(checkDatabase(db)).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
  }, 120_000);
});
