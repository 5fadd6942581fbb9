import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { xlsxBuffer } from '../../fixtures/roster/generate';

/**
 * A re-import's participation statement reaches rows it updates or leaves unchanged, but never replaces what an
 * accepted dossier wrote back (issue 10). CSV path: the rows are planned first, then written (not the streaming path).
 */
const NOW = new Date('2015-11-20T09:00:00+07:00');
const U = 'TA0003C';
const UNIT = { code: U, name: 'Công ty TNHH Sổ Cái', taxCode: '0100109106', agencyCode: '03801', wageRegion: '01' };

const csv = (lines: string[]) => ({
  name: 'nhan-vien.csv',
  base64: Buffer.from(lines.join('\n') + '\n', 'utf8').toString('base64'),
});

describe('roster.importCommit: the statement of updated rows', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = createTestContext({ now: NOW });
  });
  afterEach(() => ctx.close());

  const idOf = (cccd: string) =>
    (ctx.db.prepare('SELECT id FROM employees WHERE cccd = ?').get(cccd) as { id: number }).id;
  const ledger = async (cccd: string) => {
    const g = await ctx.value('ledger.get', { id: idOf(cccd) });
    return g.participation.map((p) => `${p.fund} ${p.fromMonth} ${p.source}`).sort();
  };

  it('states updated and unchanged people the ledger does not know; leaves dossier facts alone', async () => {
    await ctx.value('unit.add', UNIT);
    const first = await ctx.value('roster.importCommit', {
      unitCode: U,
      file: csv([
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tiền lương,Ngày vào làm',
        'Trần Văn An,01/01/1980,Nam,001080000021,5000000,02/11/2015',
        'Lê Thị Bình,02/02/1988,Nữ,001188000022,6000000,02/11/2015',
        'Phạm Văn Cường,03/03/1985,Nam,001085000023,4500000,02/11/2015',
      ]),
    });
    expect(first).toMatchObject({ imported: 3, rejectedRows: 0 });
    for (const c of ['001080000021', '001188000022', '001085000023']) expect(await ledger(c)).toEqual([]);

    // Bình's hire was filed and accepted: BHXH knows her from 11/2015 (what the write-back records).
    ctx.db
      .prepare(
        "INSERT INTO ledger_participation (employee_id, fund, from_month, to_month, source, dossier_id, recorded_at) VALUES (?, 'pension', '2015-11', NULL, 'dossier', 'HS-1', ?)",
      )
      .run(idOf('001188000022'), NOW.toISOString());

    const again = await ctx.value('roster.importCommit', {
      unitCode: U,
      participatingSince: '08/2015',
      file: csv([
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tiền lương,Ngày vào làm,Đã tham gia BHXH từ tháng',
        // Updated (a raise) and stated by its own month.
        'Trần Văn An,01/01/1980,Nam,001080000021,5500000,02/11/2015,07/2015',
        // Own month, but a dossier already wrote her participation back: untouched.
        'Lê Thị Bình,02/02/1988,Nữ,001188000022,6000000,02/11/2015,01/2014',
        // Unchanged row, no own month, start after the flag's month: still a hire.
        'Phạm Văn Cường,03/03/1985,Nam,001085000023,4500000,02/11/2015,',
      ]),
    });
    expect(again).toMatchObject({ imported: 0, updated: 1, unchanged: 2, rejectedRows: 0 });
    const an = await ledger('001080000021');
    expect(an).toHaveLength(5);
    for (const line of an) expect(line).toMatch(/ 07\/2015 statement$/);
    expect(await ledger('001188000022')).toEqual(['pension 11/2015 dossier']);
    expect(await ledger('001085000023')).toEqual([]);

    // The flag alone states a person the ledger does not know when the start is not after the flag's month.
    await ctx.value('roster.importCommit', {
      unitCode: U,
      participatingSince: '11/2015',
      file: csv([
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tiền lương,Ngày vào làm',
        'Phạm Văn Cường,03/03/1985,Nam,001085000023,4600000,02/11/2015',
      ]),
    });
    expect((await ledger('001085000023')).every((l) => l.endsWith(' 11/2015 statement'))).toBe(true);
    expect(await ledger('001085000023')).toHaveLength(5);
    // …and never replaces an earlier statement: An keeps 07/2015.
    await ctx.value('roster.importCommit', {
      unitCode: U,
      participatingSince: '11/2015',
      file: csv([
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Tiền lương',
        'Trần Văn An,01/01/1980,Nam,001080000021,5600000',
      ]),
    });
    expect((await ledger('001080000021')).every((l) => l.includes(' 07/2015 '))).toBe(true);
  });

  // Without the import-wide month the importer keeps statements only for rows with their own month; each must still
  // reach its own person among the rows inserted around it (ids by place) and among updated ones.
  it.each(['csv', 'xlsx'] as const)(
    'without --participating-since, states exactly the rows with their own month (%s)',
    async (kind) => {
      await ctx.value('unit.add', UNIT);
      const header = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tiền lương', 'Đã tham gia BHXH từ tháng'];
      const file = async (rows: string[][]) =>
        kind === 'csv'
          ? csv([header, ...rows].map((r) => r.join(',')))
          : { name: 'nhan-vien.xlsx', base64: (await xlsxBuffer(header, rows)).toString('base64') };
      const first = await ctx.value('roster.importCommit', {
        unitCode: U,
        file: await file([['Trần Văn An', '01/01/1980', 'Nam', '001080000031', '5000000', '']]),
      });
      expect(first).toMatchObject({ imported: 1, rejectedRows: 0 });
      const r = await ctx.value('roster.importCommit', {
        unitCode: U,
        file: await file([
          ['Lê Thị Bình', '02/02/1988', 'Nữ', '001188000032', '6000000', ''],
          ['Phạm Văn Cường', '03/03/1985', 'Nam', '001085000033', '4500000', '03/2014'],
          ['Trần Văn An', '01/01/1980', 'Nam', '001080000031', '5200000', '06/2015'],
          ['Đỗ Thị Dung', '04/04/1990', 'Nữ', '001190000034', '4200000', ''],
          ['Võ Văn Em', '05/05/1982', 'Nam', '001082000035', '4100000', '09/2015'],
        ]),
      });
      expect(r).toMatchObject({ imported: 4, updated: 1, rejectedRows: 0 });
      const months = async (cccd: string) => [...new Set((await ledger(cccd)).map((l) => l.split(' ')[1]))];
      expect(await months('001188000032')).toEqual([]);
      expect(await months('001085000033')).toEqual(['03/2014']);
      expect(await months('001080000031')).toEqual(['06/2015']);
      expect(await months('001190000034')).toEqual([]);
      expect(await months('001082000035')).toEqual(['09/2015']);
    },
  );
});
