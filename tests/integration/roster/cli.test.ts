import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { typedWithoutMarks } from '../../support/text';
import { SAIGON_UNIT } from '../../support/units';
import { makeTempDir, removeDir } from '../../support/tmp';
import { encodeTcvn3, HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';

// Runs the BUILT CLI (`npm run build` first), as a clerk's script would.
const NOW = '2026-01-15T10:00:00+07:00';
/** The garment company under the name the clerk's script gives it. */
const SAIGON = { ...SAIGON_UNIT, name: 'Công ty May Sài Gòn' };

describe('kekhai unit / roster commands', () => {
  let dir = '';
  let data = '';
  beforeAll(() => {
    expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
    dir = makeTempDir('kekhai-roster-cli-');
    data = join(dir, 'data');
  });
  afterAll(() => removeDir(dir));
  const cli = (args: string[], env?: Record<string, string>) => runCli([...args, '--now', NOW], { data, env });

  it('unit add / list / show / update with --json, and Vietnamese errors for a bad MST', async () => {
    const add = await cli([...unitAddArgs(SAIGON), '--signer', 'Trần Thị Bích', '--json']);
    expect(add.code).toBe(0);
    expect(add.json).toMatchObject({ code: 'TS12345', taxCode: '0100109106', signer: 'Trần Thị Bích' });

    // 0100109107: the MST's check digit is wrong.
    const badMst = { ...SAIGON, code: 'TS12346', name: 'X', taxCode: '0100109107' };
    const bad = await cli([...unitAddArgs(badMst), '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json.error.code).toBe('VALIDATION');
    expect(bad.json.error.message).toContain('Mã số thuế');

    const human = await cli(unitAddArgs(badMst));
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('chữ số kiểm tra');

    const usage = await cli(['unit', 'add', '--code', 'TS12346']);
    expect(usage.code).toBe(2);

    expect((await cli(['unit', 'list', '--json'])).json.units.map((u: { code: string }) => u.code)).toEqual([
      'TS12345',
    ]);
    expect((await cli(['unit', 'show', 'TS12345', '--json'])).json.name).toBe('Công ty May Sài Gòn');
    const up = await cli(['unit', 'update', 'TS12345', '--wage-region', '02', '--ivan', '00020', '--json']);
    expect(up.json).toMatchObject({ wageRegion: '02', ivanProvider: '00020' });
  });

  it('roster import prints {imported, updated, rejected[{row, column, code, message}]}; --dry-run writes nothing; list and export', async () => {
    const file = join(dir, 'small.xlsx');
    const people = makeEmployees(20, 5);
    const rows = people.map((e, i) => toRow({ ...e, fullName: encodeTcvn3(e.fullName) }, i));
    rows[3]![5] = '079000000000'; // CCCD with the wrong birth year → row 5 rejected
    await writeXlsx(file, HEADERS, rows);

    const dry = await cli(['roster', 'import', file, '--unit', 'TS12345', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(dry.json.imported).toBe(19);
    expect(dry.json.rejected).toEqual([
      { row: 5, column: 'CMND/CCCD', code: 'CCCD_BIRTH_YEAR', message: expect.stringContaining('Dòng 5') },
    ]);
    expect((await cli(['roster', 'list', '--unit', 'TS12345', '--json'])).json.total).toBe(0);

    const real = await cli(['roster', 'import', file, '--unit', 'TS12345', '--json']);
    expect(real.json).toEqual({
      imported: 19,
      updated: 0,
      unchanged: 0,
      rejectedRows: 1,
      totalRows: 20,
      rejected: dry.json.rejected,
      errorFile: dry.json.errorFile,
    });
    const target = people[0]!;
    const found = await cli([
      'roster',
      'list',
      '--unit',
      'TS12345',
      '--search',
      typedWithoutMarks(target.fullName),
      '--json',
    ]);
    expect(found.json.items.map((e: { fullName: string }) => e.fullName)).toContain(target.fullName);
    const byNumber = await cli(['roster', 'list', '--unit', 'TS12345', '--search', target.insuranceNumber, '--json']);
    expect(byNumber.json.items).toHaveLength(1);

    const mapping = join(dir, 'mapping.json');
    writeFileSync(
      mapping,
      JSON.stringify({
        fullName: 'Họ và tên',
        insuranceNumber: 'Mã số BHXH',
        birthDate: 'Ngày sinh',
        gender: 'Giới tính',
        cccd: 'CMND/CCCD',
      }),
    );
    const again = await cli(['roster', 'import', file, '--unit', 'TS12345', '--mapping', mapping, '--json']);
    expect(again.json).toMatchObject({ imported: 0, updated: 0 });

    const out = join(dir, 'out.xlsx');
    const ex = await cli(['roster', 'export', '--unit', 'TS12345', '--out', out, '--json']);
    expect(ex.code).toBe(0);
    expect(ex.json.count).toBe(19);
    expect(existsSync(out)).toBe(true);
  });

  it('a SIGKILL in the middle of a 50,000-row import leaves the roster exactly as before and the database intact', async () => {
    const before = (await cli(['roster', 'list', '--unit', 'TS12345', '--json'])).json;
    expect(before.total).toBe(19);

    const big = join(dir, 'big.xlsx');
    const people = makeEmployees(50_000, 9);
    await writeXlsx(big, HEADERS, people.map(toRow));

    const child = spawn(
      process.execPath,
      [CLI, 'roster', 'import', big, '--unit', 'TS12345', '--json', '--data', data, '--now', NOW],
      {
        env: { ...process.env, KEKHAI_TEST_PAUSE_IMPORT_AT: '25000' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (c) => {
        stderr += c;
        if (stderr.includes('KEKHAI_IMPORT_PAUSED 25000')) resolve();
      });
      child.on('close', () => reject(new Error(`import ended before pausing: ${stderr} ${stdout}`)));
    });
    // 25,000 rows written inside the open transaction; kill without warning.
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    expect(stdout).toBe('');

    const after = (await cli(['roster', 'list', '--unit', 'TS12345', '--json'])).json;
    expect(after).toEqual(before);
    const db = new Database(join(data, 'kekhai.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT count(*) AS n FROM employees').get() as { n: number }).n).toBe(19);
    db.close();

    // The same file then imports completely.
    const done = await cli(['roster', 'import', big, '--unit', 'TS12345', '--json']);
    expect(done.code).toBe(0);
    expect(done.json.imported).toBe(50_000);
    expect(done.json.rejected).toEqual([]);
    const total = (await cli(['roster', 'list', '--unit', 'TS12345', '--search', 'nguyen', '--limit', '1', '--json']))
      .json.total;
    expect(total).toBeGreaterThan(1000);
  }, 240_000);
});
