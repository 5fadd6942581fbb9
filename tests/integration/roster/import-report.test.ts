import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { SAIGON_UNIT as UNIT, fileBlob as blob } from '../../support/units';
import { readXlsx } from '../../../electron/roster/read-xlsx';
import { writeXlsx, type XlsxCell } from '../../../electron/roster/write-xlsx';

const HEAD = ['Họ và tên', 'Mã số BHXH', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Chức vụ'];

function workbook(rows: XlsxCell[][]): Uint8Array {
  return writeXlsx([{ name: 'DS', rows: [['DANH SÁCH LAO ĐỘNG'], HEAD, ...rows] }]);
}

describe('import report: preview rows, counts that add up, the error workbook', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
    await ctx.value('employee.save', {
      unitCode: UNIT.code,
      employee: {
        fullName: 'Nguyễn Văn Đức',
        insuranceNumber: '7900000001',
        birthDate: '17/05/1990',
        gender: 'M',
        cccd: '079090000001',
        jobTitle: 'Công nhân',
      },
    });
    await ctx.value('employee.save', {
      unitCode: UNIT.code,
      employee: {
        fullName: 'Trương Quốc Khánh',
        insuranceNumber: '7900000002',
        birthDate: '07/05/1990',
        gender: 'M',
        cccd: '079090000002',
        jobTitle: 'Tổ phó',
      },
    });
  });
  afterEach(() => ctx.close());

  const file = () =>
    blob(
      'ds-thang-11.xlsx',
      workbook([
        ['Nguyễn Văn Đức', '7900000001', '17/05/1990', 'Nam', '079090000001', 'Công nhân'], // row 3: unchanged
        ['Trương Quốc Khánh', '7900000002', '07/05/1990', 'Nam', '079090000002', 'Tổ trưởng'], // row 4: update
        ['Lê Thị Hoa', '', '02/03/1995', 'Nữ', '079195000003', 'Kế toán'], // row 5: new
        ['Vũ Văn Long', '7900000006', '01/01/1990', 'Nam', '079095000006', 'Thủ kho'], // row 6: CCCD year 1995 ≠ 1990
        ['Bùi Văn Tuấn', '790000008', '31/02/1990', 'X', '', 'Bảo vệ'], // row 7: three problems
      ]),
    );

  it('the preview shows the good rows with what each will do, and counts that add up', async () => {
    const p = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file: file() });
    expect(p).toMatchObject({ totalRows: 5, toInsert: 1, toUpdate: 1, unchanged: 1, rejectedRows: 2 });
    expect(p.toInsert + p.toUpdate + p.unchanged + p.rejectedRows).toBe(p.totalRows);
    expect(p.accepted.map((a) => [a.row, a.action, a.fullName])).toEqual([
      [3, 'unchanged', 'Nguyễn Văn Đức'],
      [4, 'update', 'Trương Quốc Khánh'],
      [5, 'new', 'Lê Thị Hoa'],
    ]);
  });

  it('the result adds up and carries the rejected rows as the clerk wrote them, with row number and reason', async () => {
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: file() });
    expect(r).toMatchObject({ totalRows: 5, imported: 1, updated: 1, unchanged: 1, rejectedRows: 2 });
    expect(r.imported + r.updated + r.unchanged + r.rejectedRows).toBe(r.totalRows);
    expect(r.errorFile!.name).toBe('ds-thang-11-dong-bi-tu-choi.xlsx');
    const back = await readXlsx(Buffer.from(r.errorFile!.base64, 'base64'));
    const cells = back.rows.map((x) => x.cells);
    expect(cells[0]).toEqual([...HEAD, 'Dòng trong tệp', 'Lý do']);
    expect(cells[1]!.slice(0, 7)).toEqual([
      'Vũ Văn Long',
      '7900000006',
      '01/01/1990',
      'Nam',
      '079095000006',
      'Thủ kho',
      6,
    ]);
    expect(cells[1]![7]).toMatch(/1995/);
    expect(cells[2]!.slice(0, 6)).toEqual(['Bùi Văn Tuấn', '790000008', '31/02/1990', 'X', null, 'Bảo vệ']);
    expect(String(cells[2]![7]).split('; ').length).toBeGreaterThanOrEqual(3);
    expect(cells).toHaveLength(3);
    // Nothing of a rejected row was written; the good ones were.
    expect((await ctx.value('employee.list', { unitCode: UNIT.code })).total).toBe(3);
  });

  it('no error workbook when every row is good', async () => {
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('ok.xlsx', workbook([['Lê Thị Hoa', '', '02/03/1995', 'Nữ', '079195000003', 'Kế toán']])),
    });
    expect(r).toEqual({ totalRows: 1, imported: 1, updated: 0, unchanged: 0, rejectedRows: 0, rejected: [] });
  });

  it('a long file reports progress while it is checked and while it is written (the wizard shows it)', async () => {
    const lines = ['Họ và tên,Ngày sinh,Giới tính'];
    for (let i = 0; i < 12_000; i++)
      lines.push(`Người ${String(i).replace(/\d/g, (d) => 'abcdeghikl'[Number(d)]!)},01/01/1990,Nam`); // names hold no digits
    const events: { stage: string; done: number; total: number }[] = [];
    ctx.progress = (e) => events.push({ stage: e.stage, done: e.done, total: e.total });
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('dai.csv', new TextEncoder().encode(lines.join('\n'))),
    });
    expect(r).toMatchObject({ totalRows: 12_000, imported: 12_000, rejectedRows: 0 });
    expect(events.filter((e) => e.stage === 'validate').map((e) => e.done)).toEqual([5000, 10_000]);
    // Rows are written in bulk batches: the count moves past each 5,000 with the total known.
    const writes = events.filter((e) => e.stage === 'write');
    expect(writes.length).toBe(2);
    expect(writes.every((e) => e.total === 12_000)).toBe(true);
    expect(writes[0]!.done).toBeGreaterThanOrEqual(5000);
    expect(writes[1]!.done).toBeGreaterThanOrEqual(10_000);
    expect(writes[1]!.done).toBeLessThanOrEqual(12_000);
  });
});
