import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';

/**
 * Issue 10: a roster file's own "Đã tham gia BHXH từ tháng" column, read from an .xlsx LibreOffice wrote (text
 * months, an Excel date and an Excel serial), with `--participating-since` for the rows without one and the
 * contract/work start of the rest as hires. Built CLI, 2015 clock, proposals for 11/2015.
 */
let dir: string;
const NOW = ['--now', '2015-11-20T09:00:00+07:00'];
const U = 'TA0002B';
const SOFFICE = '/usr/bin/soffice';

/** CSV → .xlsx by LibreOffice: column 3 (the month) "Standard", so an ISO date becomes a date cell and 42248 a number. */
function xlsxFromCsv(name: string, lines: string[]): string {
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, lines.join('\n') + '\n');
  const formats = '1/2/2/2/3/1/4/2/5/2/6/2/7/2/8/1/9/2';
  const r = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${dir}/lo-profile`,
      '--headless',
      `--infilter=CSV:44,34,76,1,${formats}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      dir,
      csv,
    ],
    { timeout: 120_000, encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return join(dir, `${name}.xlsx`);
}

const HEADER =
  'Họ và tên,Mã số BHXH,Đã tham gia BHXH từ tháng,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương,Ngày vào làm';

beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  expect(existsSync(SOFFICE), 'LibreOffice (libreoffice-calc-nogui) is installed by .ci/run').toBe(true);
  dir = makeTempDir('kekhai-import-participation-');
});
afterAll(() => removeDir(dir));

describe('roster import: the per-row participation column', () => {
  it('proposes TM only for the hires; refuses a bad month naming row and column; a re-import states an existing person', async () => {
    const data = join(dir, 'data');
    const run = (args: string[]) => runCli([...args, ...NOW], { data });
    const unit = await run([
      'unit',
      'add',
      '--code',
      U,
      '--name',
      'Công ty TNHH Tham Gia',
      '--tax-code',
      '0100109106',
      '--agency-code',
      '03801',
      '--wage-region',
      '01',
      '--json',
    ]);
    expect(unit.code, unit.stderr).toBe(0);

    const staff = xlsxFromCsv('staff', [
      HEADER,
      // Own month (text) although the start date is later: the row's statement wins.
      'Trần Văn An,0301000011,10/2015,01/01/1980,Nam,001080000011,Kỹ sư,5000000,05/11/2015',
      // Own month as an Excel date cell (LibreOffice reads the ISO text as a date).
      'Lê Thị Bình,0301000012,2014-06-01,02/02/1988,Nữ,001188000012,Kế toán,6000000,',
      // Own month as an Excel serial: 42248 = 01/09/2015.
      'Phạm Văn Cường,0301000013,42248,03/03/1985,Nam,001085000013,Lái xe,4500000,02/11/2015',
      // M/YYYY.
      'Đỗ Thị Dung,0301000014,9/2015,04/04/1990,Nữ,001190000014,Thủ quỹ,4200000,',
      // No month, start before the flag: known from the flag's month.
      'Võ Văn Em,0301000015,,05/05/1982,Nam,001082000015,Bảo vệ,4100000,01/03/2013',
      // No month, start after the flag: a hire on that date.
      'Bùi Văn Giang,,,06/06/1991,Nam,001091000016,Nhân viên,4000000,03/11/2015',
      'Ngô Thị Hoa,,,07/07/1993,Nữ,001193000017,Nhân viên,4300000,16/11/2015',
    ]);
    const imp = await run(['roster', 'import', staff, '--unit', U, '--participating-since', '09/2015', '--json']);
    expect(imp.code, imp.stderr + imp.stdout).toBe(0);
    expect(imp.json, JSON.stringify(imp.json.rejected)).toMatchObject({ imported: 7, rejectedRows: 0 });

    const since = async (search: string) => {
      const list = await run(['call', 'employee.list', '--input', JSON.stringify({ unitCode: U, search }), '--json']);
      const id = list.json.items[0].id as number;
      const got = await run(['call', 'ledger.get', '--input', JSON.stringify({ id }), '--json']);
      expect(got.code, got.stderr + got.stdout).toBe(0);
      return got.json.participatingSince as string;
    };
    expect(await since('0301000011')).toBe('10/2015');
    expect(await since('0301000012')).toBe('06/2014');
    expect(await since('0301000013')).toBe('09/2015');
    expect(await since('0301000014')).toBe('09/2015');
    expect(await since('0301000015')).toBe('09/2015');
    expect(await since('001091000016')).toBe('');

    const out = join(dir, 'draft.json');
    const p = await run(['dossier', 'propose', '--unit', U, '--period', '11/2015', '--out', out, '--json']);
    expect(p.code, p.stderr + p.stdout).toBe(0);
    const brief = (rows: { plan: string; fullName: string; fromMonth: string }[]) =>
      rows.map((r) => `${r.plan} ${r.fullName} ${r.fromMonth}`).sort();
    // Only the two hires; nobody who participates (An starts 05/11 but states 10/2015; Cường starts 02/11 but his
    // serial says 09/2015). Giang (03/11) and Hoa (16/11) are hires dated by their start, TM of 11/2015.
    expect(brief(p.json.rows)).toEqual(['TM Bùi Văn Giang 11/2015', 'TM Ngô Thị Hoa 11/2015']);

    // A bad month is refused naming row and column, and nothing of that row is written.
    const bad = xlsxFromCsv('bad', [
      HEADER,
      'Lý Văn Khoa,,13/2015,08/08/1989,Nam,001089000018,Nhân viên,4000000,',
      'Mai Thị Lan,,12/2016,09/09/1994,Nữ,001194000019,Nhân viên,4000000,',
    ]);
    const refused = await run(['roster', 'import', bad, '--unit', U, '--json']);
    expect(refused.json, refused.stderr + refused.stdout).toBeDefined();
    const messages = (refused.json.rejected as { row: number; column: string; message: string }[]).map(
      (r) => r.message,
    );
    expect(messages).toContain('Dòng 2, cột "Đã tham gia BHXH từ tháng": "13/2015" không phải tháng (mm/yyyy)');
    expect(messages.join('\n')).toMatch(/Dòng 3, cột "Đã tham gia BHXH từ tháng": tháng 12\/2016 còn ở tương lai/);
    expect(refused.json).toMatchObject({ imported: 0, rejectedRows: 2 });

    // Re-import: Giang (no participation in the ledger) gets his own month; An's statement is replaced by his row's
    // own month, Em's (a statement already) is not touched by the flag.
    const again = xlsxFromCsv('again', [
      'Họ và tên,Mã số BHXH,Tham gia BHXH từ tháng,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương,Ngày vào làm',
      'Bùi Văn Giang,,10/2015,06/06/1991,Nam,001091000016,Trưởng nhóm,4000000,03/11/2015',
      'Võ Văn Em,0301000015,,05/05/1982,Nam,001082000015,Bảo vệ,4100000,01/03/2013',
    ]);
    const re = await run(['roster', 'import', again, '--unit', U, '--participating-since', '11/2015', '--json']);
    expect(re.code, re.stderr + re.stdout).toBe(0);
    expect(re.json).toMatchObject({ imported: 0, updated: 1, rejectedRows: 0 });
    expect(await since('001091000016')).toBe('10/2015');
    expect(await since('0301000015')).toBe('09/2015');
    const p2 = await run(['dossier', 'propose', '--unit', U, '--period', '11/2015', '--out', out, '--json']);
    expect(p2.code, p2.stderr + p2.stdout).toBe(0);
    expect(brief(p2.json.rows).filter((r) => r.includes('Giang'))).toEqual([]);
  });
});
