import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { MONTH_UNIT } from '../../support/units';

/**
 * The command line of issue 10, as a payroll script would use it (the built CLI in a child process, 2015 clock).
 * Staff An 5.000.000 and Bình 6.000.000 known since 09/2015: statement 09/2015 = 11.000.000 × 32,5 % = 3.575.000.
 * Hùng, hire recorded on 16/10/2015 (13 working days before it, < 14) → TM 10/2015, 4.000.000 × 32,5 % = 1.300.000.
 * Bình, raise to 7.000.000 from 01/10/2015 → DC 10/2015, (7.000.000 − 6.000.000) × 32,5 % = 325.000.
 */
let dir: string;
const NOW = ['--now', '2015-10-20T09:00:00+07:00'];
const U = MONTH_UNIT.code;

beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  dir = makeTempDir('kekhai-ledger-cli-');
});
afterAll(() => removeDir(dir));

describe('kekhai roster import --participating-since, employee event, dossier propose, statement', () => {
  it('follows the contract spelled out in the issue', async () => {
    const data = join(dir, 'data');
    const run = (args: string[]) => runCli([...args, ...NOW], { data });
    expect((await run([...unitAddArgs(MONTH_UNIT), '--json'])).code).toBe(0);
    const csv = join(dir, 'staff.csv');
    writeFileSync(
      csv,
      [
        'Họ và tên,Mã số BHXH,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương,Ngày vào làm,Số hợp đồng,Ngày ký hợp đồng',
        'Trần Văn An,0301000001,01/01/1980,Nam,001080000001,Kỹ sư,5000000,01/03/2013,01/2013/HĐLĐ,01/03/2013',
        'Lê Thị Bình,0301000002,02/02/1988,Nữ,001188000002,Kế toán,6000000,,,',
        'Bùi Văn Hùng,,08/08/1985,Nam,001085000008,Nhân viên,4000000,,08/2015/HĐLĐ,16/10/2015',
      ].join('\n'),
    );
    const imp = await run(['roster', 'import', csv, '--unit', U, '--participating-since', '09/2015', '--json']);
    expect(imp.code, imp.stderr + imp.stdout).toBe(0);
    // Hùng has no start date in the file, so the statement covers him — until his dated hire below says otherwise.

    const ev = await run([
      'employee',
      'event',
      '--unit',
      U,
      '--employee',
      '001085000008',
      '--kind',
      'hire',
      '--effective',
      '16/10/2015',
      '--json',
    ]);
    expect(ev.code, ev.stderr + ev.stdout).toBe(0);
    expect(ev.json.event).toMatchObject({ kind: 'hire', effective: '16/10/2015', end: null });
    const raise = await run([
      'employee',
      'event',
      '--unit',
      U,
      '--employee',
      '0301000002',
      '--kind',
      'salary',
      '--effective',
      '01/10/2015',
      '--salary',
      '7000000',
      '--json',
    ]);
    expect(raise.json.event).toMatchObject({ kind: 'salary', salary: 7_000_000, previousSalary: 6_000_000 });
    const bad = await run([
      'employee',
      'event',
      '--unit',
      U,
      '--employee',
      '0301000002',
      '--kind',
      'holiday',
      '--effective',
      '01/10/2015',
    ]);
    expect(bad.code).toBe(2);
    const noDate = await run([
      'employee',
      'event',
      '--unit',
      U,
      '--employee',
      '0301000002',
      '--kind',
      'leave',
      '--effective',
      '31/02/2015',
      '--json',
    ]);
    expect(noDate.code).toBe(1);

    const out = join(dir, 'draft.json');
    const p = await run(['dossier', 'propose', '--unit', U, '--period', '10/2015', '--out', out, '--json']);
    expect(p.code, p.stderr + p.stdout).toBe(0);
    expect(Object.keys(p.json)).toEqual(['rows']);
    for (const r of p.json.rows)
      expect(Object.keys(r).sort()).toEqual(
        [
          'plan',
          'loai',
          'insuranceNo',
          'fullName',
          'fromMonth',
          'toMonth',
          'salary',
          'previousSalary',
          'reason',
        ].sort(),
      );
    const brief = p.json.rows
      .map(
        (r: { plan: string; loai: number; fullName: string; fromMonth: string; previousSalary: number | null }) =>
          `${r.plan} ${r.loai} ${r.fullName} ${r.fromMonth} ${r.previousSalary}`,
      )
      .sort();
    expect(brief).toEqual(['DC 2 Lê Thị Bình 10/2015 6000000', 'TM 1 Bùi Văn Hùng 10/2015 null']);
    const draft = JSON.parse(readFileSync(out, 'utf8'));
    expect(draft).toMatchObject({ format: 'kekhai-draft/1', procedure: '600', period: '10/2015', unit: { code: U } });
    expect(draft.rows).toHaveLength(2);

    const people = await run(['dossier', 'propose', '--unit', U, '--period', '10/2015', '--out', out, '--lang', 'en']);
    expect(people.stdout).toContain('New participant: starts on 16/10/2015 (first working day)');
    const c = await run(['contributions', out, '--json']);
    expect(c.json.totals.total).toBe(1_300_000 + 325_000);

    const s = await run(['statement', '--unit', U, '--period', '09/2015', '--json']);
    expect(s.code, s.stderr).toBe(0);
    expect(Object.keys(s.json).sort()).toEqual(['employee', 'employees', 'employer', 'period', 'rows', 'total']);
    expect(s.json).toMatchObject({ period: '09/2015', employees: 2, total: 3_575_000 });
    expect(Object.keys(s.json.rows[0]).sort()).toEqual([
      'employee',
      'employer',
      'fullName',
      'insuranceNo',
      'salary',
      'total',
    ]);
    const human = await run(['statement', '--unit', U, '--period', '09/2015']);
    expect(human.stdout).toContain('3.575.000 đ');
  });
});
