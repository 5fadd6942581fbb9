/**
 * `kekhai submit` (send now) and `kekhai ivan poll` against the local training I-VAN (`kekhai ivan serve`, answering
 * after a delay, results soon after), the client SIGKILLed at points spread over each run: the retry of the same
 * command succeeds — a dead sender's claim does not keep the dossier "being sent" for the lease — and nothing is
 * there twice: one transaction on the I-VAN per dossier, one outbox entry and one history row per dossier, one
 * "accepted" step per dossier however many polls were cut. The database passes integrity_check and
 * foreign_key_check after every kill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runCli } from '../../support/cli';
import { checkDatabase, killAfter, killPoints, queryDb, timedRun } from '../../support/kill';
import { startIvanServe } from '../../support/ivan-serve';
import { makeTempDir, removeDir } from '../../support/tmp';

const NOW = '2015-10-20T03:00:00Z';
const DRAFT = join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json');
const ENV = { KEKHAI_TEST_PASSWORD: 'thunghiem' };
const POINTS = 4;
/** The training I-VAN answers each request after 700 ms: a kill can land while a request is in flight. */
const SLOW = ['--latency-ms', '700'];

/** A port nobody listens on now (the OS's pick), for a server that must come back on the same address. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('I-VAN submit and poll killed mid-way', () => {
  let dir: string;
  let data: string;
  let db: string;
  let srv: string;
  let server: ChildProcess;
  let url: string;
  const files: string[] = [];

  const serverTransactions = () =>
    queryDb<{ n: number }>(join(srv, 'ivan-server.db'), 'SELECT count(*) AS n FROM transactions')[0]!.n;
  const liveIsWhole = (when: string) =>
    expect(checkDatabase(db), when).toEqual({ integrity: 'ok', foreignKeyProblems: [] });

  beforeAll(async () => {
    dir = makeTempDir('kekhai-crash-ivan-');
    data = join(dir, 'data');
    db = join(data, 'kekhai.db');
    srv = join(dir, 'server');
    ({ url, proc: server } = await startIvanServe(srv, 0, SLOW));
    // One signed dossier per run (made on a different day: different content, so a different transaction each).
    const draft = JSON.parse(readFileSync(DRAFT, 'utf8')) as { createdOn: string };
    for (let i = 0; i <= 2 * POINTS; i++) {
      const src = join(dir, `draft-${i}.json`);
      writeFileSync(src, JSON.stringify({ ...draft, createdOn: `${10 + i}/10/2015` }));
      const out = join(dir, `BHXHDienTu-${i}.xml`);
      const r = await runCli(
        [
          'dossier',
          'make',
          src,
          '--out',
          out,
          '--test-cert',
          '--password-env',
          'KEKHAI_TEST_PASSWORD',
          '--json',
        ].concat(['--now', NOW]),
        { data, env: ENV },
      );
      expect(r.code, r.stdout + r.stderr).toBe(0);
      files.push(out);
    }
  }, 120_000);
  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGTERM');
    removeDir(dir);
  });

  it('kekhai submit: the retry delivers, once', async () => {
    const submit = (file: string) => ['submit', file, '--endpoint', url, '--json', '--now', NOW];
    const full = await timedRun(submit(files[0]!), data, ENV);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    const points = killPoints(full.ms, POINTS);
    for (let i = 0; i < POINTS; i++) {
      const file = files[i + 1]!;
      await killAfter(submit(file), data, points[i]!, ENV);
      liveIsWhole(`submit killed after ${points[i]} ms`);
      const retry = await runCli(submit(file), { data, env: ENV });
      expect(retry.code, `retry after a kill at ${points[i]} ms: ${retry.stdout}${retry.stderr}`).toBe(0);
      expect(retry.json.status).toBe('received');
      // A second retry is the same transaction.
      const again = await runCli(submit(file), { data, env: ENV });
      expect(again.json).toEqual(retry.json);
      expect(serverTransactions()).toBe(i + 2);
    }
    const outbox = queryDb<{ n: number; keys: number }>(
      db,
      'SELECT count(*) AS n, count(DISTINCT idempotency_key) AS keys FROM ivan_outbox',
    )[0]!;
    expect(outbox).toEqual({ n: POINTS + 1, keys: POINTS + 1 });
    const history = await runCli(['ivan', 'history', '--json', '--now', NOW], { data });
    expect(history.code, history.stdout).toBe(0);
    expect(history.json).toHaveLength(POINTS + 1);
  }, 120_000);

  it('kekhai ivan poll: every result applied once, however many polls were cut', async () => {
    const poll = ['ivan', 'poll', '--json', '--now', NOW];
    const resultsDue = () => new Promise((r) => setTimeout(r, 300)); // the server decides 50 ms after arrival
    await resultsDue();
    const probe = await timedRun(poll, data);
    expect(probe.code, probe.stdout + probe.stderr).toBe(0);
    // Each round: one more dossier delivered, its result due, then a poll killed at the round's point.
    const points = killPoints(probe.ms, POINTS);
    for (let i = 0; i < POINTS; i++) {
      const sent = await runCli(['submit', files[POINTS + 1 + i]!, '--endpoint', url, '--json', '--now', NOW], {
        data,
      });
      expect(sent.code, sent.stdout + sent.stderr).toBe(0);
      await resultsDue();
      await killAfter(poll, data, points[i]!);
      liveIsWhole(`poll killed after ${points[i]} ms`);
    }
    const last = await runCli(poll, { data });
    expect(last.code, last.stdout + last.stderr).toBe(0);
    const all = 2 * POINTS + 1;
    const states = queryDb<{ state: string; n: number }>(
      db,
      'SELECT state, count(*) AS n FROM ivan_outbox GROUP BY state',
    );
    expect(states).toEqual([{ state: 'accepted', n: all }]);
    const steps = queryDb<{ outbox_id: number; n: number }>(
      db,
      "SELECT outbox_id, count(*) AS n FROM ivan_outbox_transitions WHERE to_state = 'accepted' GROUP BY outbox_id",
    );
    expect(steps.map((s) => s.n)).toEqual(Array(all).fill(1));
    const notes = queryDb<{ n: number; ids: number }>(
      db,
      'SELECT count(*) AS n, count(DISTINCT endpoint || remote_id) AS ids FROM ivan_notifications',
    )[0]!;
    expect(notes.n).toBe(notes.ids);
    expect(serverTransactions()).toBe(all);
    const history = await runCli(['ivan', 'history', '--json', '--now', NOW], { data });
    expect(history.json).toHaveLength(all);
    liveIsWhole('after the last poll');
  }, 120_000);
  it('the training I-VAN killed while it answers: its store intact, the retry is the same transaction', async () => {
    // The server on a fixed port so the dossier's endpoint stays the same across its restarts.
    const port = await freePort();
    const dataSrv = join(dir, 'server-killed');
    let s = await startIvanServe(dataSrv, port, SLOW);
    const endpoint = s.url;
    const stored = () =>
      queryDb<{ n: number }>(join(dataSrv, 'ivan-server.db'), 'SELECT count(*) AS n FROM transactions')[0]!.n;
    const files2: string[] = [];
    const draft = JSON.parse(readFileSync(DRAFT, 'utf8')) as { createdOn: string };
    for (let i = 0; i < POINTS; i++) {
      const src = join(dir, `server-draft-${i}.json`);
      writeFileSync(src, JSON.stringify({ ...draft, createdOn: `0${i + 1}/10/2015` }));
      const out = join(dir, `server-${i}.xml`);
      const make = ['dossier', 'make', src, '--out', out, '--test-cert', '--password-env', 'KEKHAI_TEST_PASSWORD'];
      const r = await runCli([...make, '--json', '--now', NOW], { data, env: ENV });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      files2.push(out);
    }
    // The server holds each answer 700 ms after storing the dossier; it is killed at points across that wait.
    for (let i = 0; i < POINTS; i++) {
      const submit = runCli(['submit', files2[i]!, '--endpoint', endpoint, '--json', '--now', NOW], { data, env: ENV });
      await new Promise((r) => setTimeout(r, 300 + (i * 700) / POINTS));
      s.proc.removeAllListeners('exit');
      s.proc.kill('SIGKILL');
      const first = await submit;
      expect(checkDatabase(join(dataSrv, 'ivan-server.db')), `server killed, round ${i}`).toEqual({
        integrity: 'ok',
        foreignKeyProblems: [],
      });
      s = await startIvanServe(dataSrv, port, SLOW);
      const retry = await runCli(['submit', files2[i]!, '--endpoint', endpoint, '--json', '--now', NOW], {
        data,
        env: ENV,
      });
      expect(retry.code, `retry after the server was killed (round ${i}): ${retry.stdout}${retry.stderr}`).toBe(0);
      if (first.code === 0) expect(retry.json.transactionId).toBe(first.json.transactionId);
      expect(stored()).toBe(i + 1);
    }
    s.proc.removeAllListeners('exit');
    s.proc.kill('SIGTERM');
  }, 120_000);
});
