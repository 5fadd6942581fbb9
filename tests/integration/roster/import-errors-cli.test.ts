import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli, unitAddArgs } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { readXlsx } from '../../../electron/roster/read-xlsx';
import { writeXlsx } from '../../../electron/roster/write-xlsx';

describe('kekhai roster import --errors (built out/cli.cjs)', () => {
  let data: string;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('out/cli.cjs missing: run `npm run build` first (npm test does)');
    data = makeTempDir();
  });
  afterAll(() => removeDir(data));

  it('writes the rejected rows with row number and reason; the counts add up', async () => {
    const add = await runCli([...unitAddArgs({ ...SAIGON_UNIT, name: 'Công ty A' }), '--json'], { data });
    expect(add.code, add.stderr).toBe(0);
    const file = join(data, 'ds.xlsx');
    writeFileSync(
      file,
      writeXlsx([
        {
          name: 'DS',
          rows: [
            ['BẢNG KÊ LAO ĐỘNG'],
            ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD'],
            ['Lê Thị Hoa', '02/03/1995', 'Nữ', '079195000003'],
            ['Vũ Văn Long', '01/01/1990', 'Nam', '079095000004'],
          ],
        },
      ]),
    );
    const out = join(data, 'loi.xlsx');
    const r = await runCli(
      ['roster', 'import', file, '--unit', 'TS12345', '--errors', out, '--json', '--now', '2026-01-15T03:00:00Z'],
      { data },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({
      totalRows: 2,
      imported: 1,
      updated: 0,
      unchanged: 0,
      rejectedRows: 1,
      errorsOut: out,
    });
    expect(r.json.errorFile).toBeUndefined();
    const back = (await readXlsx(readFileSync(out))).rows.map((x) => x.cells);
    expect(back[0]).toEqual(['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Dòng trong tệp', 'Lý do']);
    expect(back[1]!.slice(0, 5)).toEqual(['Vũ Văn Long', '01/01/1990', 'Nam', '079095000004', 4]);
    expect(String(back[1]![5])).toMatch(/1995/);
    const human = await runCli(
      ['roster', 'import', file, '--unit', 'TS12345', '--dry-run', '--now', '2026-01-15T03:00:00Z'],
      { data },
    );
    expect(human.stdout).toContain('2 dòng: 0 thêm mới, 0 cập nhật, 1 không thay đổi, 1 dòng bị từ chối');
  });
});
