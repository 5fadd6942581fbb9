/**
 * Commands that write the database, each SIGKILLed at points spread over its measured run, from the same starting
 * data folder every time: afterwards the database passes integrity_check and foreign_key_check and holds either
 * nothing of the command or all of it (the row counts of its tables equal those before, or those after a complete
 * run); then the same command run again succeeds and leaves exactly what one complete run leaves — no second
 * employee, event, history row or demo record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runCli, unitAddArgs } from '../../support/cli';
import { checkDatabase, killAfter, killPoints, killWhenFileChanges, queryDb, timedRun } from '../../support/kill';
import { makeTempDir, removeDir } from '../../support/tmp';
import { LEDGER_UNIT, SAIGON_UNIT } from '../../support/units';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';

const NOW = '2015-10-20T03:00:00Z';
const DRAFT = join(process.cwd(), 'tests/unit/declarations/fixtures/draft-issue.json');
const POINTS = 5;

interface DbCase {
  name: string;
  /** Makes the starting data folder. */
  setup(data: string, dir: string): Promise<void>;
  args(dir: string): string[];
  /** Database files (relative to the data folder) and the tables whose rows the command writes. */
  counts: Record<string, string[]>;
  /** A retry after a kill that came once the work was committed may refuse with this code (nothing duplicated). */
  alreadyDone?: string;
  /** Also kill at the 1st…upTo-th write of this file (relative to the data folder): between successive commits. */
  writes?: { file: string; upTo: number };
}

type Snapshot = Record<string, number>;

function snapshot(data: string, counts: DbCase['counts']): Snapshot {
  const out: Snapshot = {};
  for (const [file, tables] of Object.entries(counts)) {
    const path = join(data, file);
    // A database killed before its first migration committed has no tables yet: nothing of the command either.
    const present = existsSync(path)
      ? new Set(
          queryDb<{ name: string }>(path, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name),
        )
      : new Set<string>();
    for (const t of tables)
      out[`${file}:${t}`] = present.has(t) ? queryDb<{ n: number }>(path, `SELECT count(*) AS n FROM ${t}`)[0]!.n : 0;
  }
  return out;
}

function whole(data: string, counts: DbCase['counts'], when: string): void {
  for (const file of Object.keys(counts)) {
    const path = join(data, file);
    if (existsSync(path))
      expect(checkDatabase(path), `${when}: ${file}`).toEqual({ integrity: 'ok', foreignKeyProblems: [] });
  }
}

async function ok(args: string[], data: string, env?: Record<string, string>): Promise<void> {
  const r = await runCli([...args, '--json', '--now', NOW], { data, env });
  expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(0);
}

async function withRoster(data: string, dir: string, n: number, seed: number): Promise<void> {
  await ok(unitAddArgs(SAIGON_UNIT), data);
  const file = join(dir, `roster-${n}-${seed}.xlsx`);
  await writeXlsx(file, HEADERS, makeEmployees(n, seed).map(toRow));
  await ok(['roster', 'import', file, '--unit', SAIGON_UNIT.code], data);
}

const CASES: DbCase[] = [
  {
    name: 'roster import --participating-since (1,000 rows and their ledger statement)',
    setup: async (data, dir) => {
      await ok(unitAddArgs(SAIGON_UNIT), data);
      await writeXlsx(join(dir, 'import.xlsx'), HEADERS, makeEmployees(1_000, 7).map(toRow));
    },
    args: (dir) => [
      'roster',
      'import',
      join(dir, 'import.xlsx'),
      '--unit',
      SAIGON_UNIT.code,
      '--participating-since',
      '01/2015',
    ],
    counts: { 'kekhai.db': ['employees', 'employee_history', 'ledger_participation', 'ledger_salary'] },
  },
  {
    name: 'employee event (a dated salary change)',
    setup: (data, dir) => withRoster(data, dir, 20, 8),
    args: () => [
      'employee',
      'event',
      '--unit',
      SAIGON_UNIT.code,
      '--employee',
      makeEmployees(20, 8)[0]!.insuranceNumber,
      '--kind',
      'salary',
      '--salary',
      '9000000',
      '--effective',
      '01/10/2015',
    ],
    counts: { 'kekhai.db': ['roster_events', 'employee_history', 'ledger_salary', 'ledger_participation'] },
  },
  {
    name: 'training on (the demo unit and its employees)',
    setup: (data, dir) => withRoster(data, dir, 20, 9),
    args: () => ['training', 'on'],
    counts: { 'training/kekhai.db': ['units', 'employees', 'employee_history'] },
    writes: { file: 'training/kekhai.db-wal', upTo: 12 },
  },
  {
    name: 'unit add',
    setup: async (data) => ok(unitAddArgs(SAIGON_UNIT), data),
    args: () => unitAddArgs(LEDGER_UNIT),
    counts: { 'kekhai.db': ['units', 'unit_work_calendar'] },
    alreadyDone: 'CONFLICT',
  },
  {
    name: 'outbox add (a signed dossier queued for the I-VAN)',
    setup: async (data, dir) => {
      const signed = join(dir, 'BHXHDienTu.xml');
      const make = ['dossier', 'make', DRAFT, '--out', signed, '--test-cert', '--password-env', 'KEKHAI_TEST_PASSWORD'];
      await ok(make, data, { KEKHAI_TEST_PASSWORD: 'thunghiem' });
    },
    args: (dir) => ['outbox', 'add', join(dir, 'BHXHDienTu.xml'), '--endpoint', 'http://127.0.0.1:9'],
    counts: { 'kekhai.db': ['ivan_outbox', 'ivan_outbox_transitions'] },
  },
  {
    name: 'settings set',
    setup: async (data) => ok(unitAddArgs(SAIGON_UNIT), data),
    args: () => ['settings', 'set', 'backup.keep', '30'],
    counts: { 'kekhai.db': ['settings'] },
  },
];

describe('database commands killed mid-way: all or nothing, and the retry does it once', () => {
  let root: string;
  beforeAll(() => {
    root = makeTempDir('kekhai-crash-db-');
  });
  afterAll(() => removeDir(root));

  for (const [i, c] of CASES.entries()) {
    it(
      c.name,
      async () => {
        const dir = join(root, `case-${i}`);
        const template = join(dir, 'template');
        await c.setup(template, dir);
        const args = [...c.args(dir), '--json', '--now', NOW];
        const before = snapshot(template, c.counts);

        const refData = join(dir, 'reference');
        cpSync(template, refData, { recursive: true });
        const ref = await timedRun(args, refData);
        expect(ref.code, ref.stdout + ref.stderr).toBe(0);
        const after = snapshot(refData, c.counts);
        expect(after, 'the command writes something').not.toEqual(before);

        const round = async (name: string, kill: (data: string) => Promise<unknown>) => {
          const data = join(dir, name.replace(/\W+/g, '-'));
          cpSync(template, data, { recursive: true });
          await kill(data);
          whole(data, c.counts, name);
          expect([before, after], name).toContainEqual(snapshot(data, c.counts));

          const retry = await runCli(args, { data });
          if (retry.code !== 0 && c.alreadyDone) expect(retry.json?.error?.code, retry.stdout).toBe(c.alreadyDone);
          else expect(retry.code, `retry, ${name}: ${retry.stdout}${retry.stderr}`).toBe(0);
          whole(data, c.counts, `retry, ${name}`);
          expect(snapshot(data, c.counts), `retry, ${name}`).toEqual(after);
        };
        for (const ms of killPoints(ref.ms, POINTS))
          await round(`killed after ${ms} ms of a ${Math.round(ref.ms)} ms run`, (data) => killAfter(args, data, ms));
        const w = c.writes;
        if (w)
          for (let nth = 1; nth <= w.upTo; nth++) {
            await round(`killed at write ${nth} of ${w.file}`, (data) => {
              const file = join(data, w.file);
              return killWhenFileChanges(args, data, {
                dir: dirname(file),
                match: (n: string) => n === basename(file),
                nth,
              });
            });
          }
      },
      120_000,
    );
  }

  it('dossier import: all or nothing (each import is a new draft by design, so a retry is not compared)', async () => {
    const data = join(root, 'dossier-import');
    await ok(unitAddArgs(SAIGON_UNIT), data);
    const counts = { 'kekhai.db': ['dossiers', 'dossier_transitions'] };
    const args = ['dossier', 'import', DRAFT, '--json', '--now', NOW];
    const ref = await timedRun(args, data);
    expect(ref.code, ref.stdout + ref.stderr).toBe(0);
    for (const ms of killPoints(ref.ms, POINTS)) {
      await killAfter(args, data, ms);
      whole(data, counts, `killed after ${ms} ms`);
      const s = snapshot(data, counts);
      // Each dossier with exactly its one creation step.
      expect(s['kekhai.db:dossier_transitions']).toBe(s['kekhai.db:dossiers']);
    }
  }, 120_000);
});
