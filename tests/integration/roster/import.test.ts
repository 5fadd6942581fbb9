import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { SAIGON_UNIT as UNIT, fileBlob as blob } from '../../support/units';
import { encodeTcvn3, encodeVni, xlsxBuffer } from '../../fixtures/roster/generate';
import { readXlsx } from '../../../electron/roster/read-xlsx';
import { writeXlsx, type XlsxCell } from '../../../electron/roster/write-xlsx';

/** A realistic clerk's file: a title block, unaccented header variants, mixed encodings and date styles. */
async function messyWorkbook(): Promise<Buffer> {
  const sheet: XlsxCell[][] = [];
  sheet.push(['CÔNG TY TNHH MAY SÀI GÒN']);
  sheet.push(['DANH SÁCH LAO ĐỘNG THAM GIA BHXH']);
  sheet.push([
    'STT',
    'Ho ten',
    'So so BHXH',
    'Ngay sinh (dd/mm/yyyy)',
    'Gioi tinh',
    'CMND/CCCD',
    'Chuc vu',
    'Muc luong',
    'Dan toc',
  ]); // row 3
  const rows: unknown[][] = [
    [
      1,
      encodeTcvn3('Nguyễn Văn Đức'),
      '7900000001',
      new Date(Date.UTC(1990, 4, 17)),
      'Nam',
      '079090000001',
      encodeVni('Công nhân may'),
      5310000,
      '01',
    ], // row 4: TCVN3 name, VNI title, Date cell
    [
      2,
      encodeTcvn3('Trương Quốc Khánh'),
      '7900000002',
      33000,
      'Nam',
      79090000002,
      encodeVni('Tổ trưởng'),
      '5.500.000',
      1,
    ], // row 5: serial, numeric CCCD lost its 0
    [3, encodeTcvn3('Lê Thị Hồng Nhung'), '7900000003', 1985, 'Nữ', '079185000003', encodeVni('Kế toán'), '2,34', '01'], // row 6: year-only, coefficient
    [
      4,
      'Phạm Thị Mai'.normalize('NFD'),
      '7900000004',
      '03/1992',
      'Nữ',
      '025123456',
      encodeVni('Thủ kho'),
      6000000,
      '06',
    ], // row 7: NFD name, mm/yyyy, CMND
    [5, encodeTcvn3('Hồ Văn Sơn'), '790000005', '12/12/1991', 'Nam', '079091000005', '', 5310000, '01'], // row 8: mã số 9 digits
    [6, encodeTcvn3('Vũ Văn Long'), '7900000006', '01/01/1990', 'Nam', '079095000006', '', 5310000, '01'], // row 9: CCCD year 1995 ≠ 1990
    [7, encodeTcvn3('Đỗ Văn Hùng'), '7900000001', '02/02/1992', 'Nam', '079092000007', '', 5310000, '01'], // row 10: duplicate mã số of row 4
    [8, encodeTcvn3('Bùi Văn Tuấn'), '7900000008', '31/02/1990', 'X', '079090000008', '', 'năm triệu', '77'], // row 11: bad date, gender, salary, ethnicity
  ];
  for (const r of rows) sheet.push(r as XlsxCell[]);
  return Buffer.from(writeXlsx([{ name: 'Danh sach', rows: sheet }]));
}

describe('spreadsheet import', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  it('previews a messy .xlsx: recognises headers, decodes TCVN3/VNI, reads dates, lists every problem — and writes nothing', async () => {
    const file = blob('ds.xlsx', await messyWorkbook());
    const p = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file });
    expect(p.mapping).toMatchObject({
      fullName: 'Ho ten',
      insuranceNumber: 'So so BHXH',
      birthDate: 'Ngay sinh (dd/mm/yyyy)',
      gender: 'Gioi tinh',
      cccd: 'CMND/CCCD',
      jobTitle: 'Chuc vu',
      salary: 'Muc luong',
      ethnicity: 'Dan toc',
    });
    expect(p.totalRows).toBe(8);
    expect(p.toInsert).toBe(4);
    expect(p.rejectedRows).toBe(4);
    expect(p.convertedCells).toBeGreaterThanOrEqual(10);
    const by = (row: number) => p.problems.filter((x) => x.row === row).map((x) => [x.column, x.code]);
    expect(by(8)).toEqual([['So so BHXH', 'BHXH_NUMBER_FORMAT']]);
    expect(by(9)).toEqual([['CMND/CCCD', 'CCCD_BIRTH_YEAR']]);
    expect(by(10)).toEqual([['So so BHXH', 'DUPLICATE_IN_FILE']]);
    expect(by(11)).toEqual([
      ['Muc luong', 'NUMBER'],
      ['Gioi tinh', 'GENDER'],
      ['Ngay sinh (dd/mm/yyyy)', 'DATE_FORMAT'],
      ['Dan toc', 'ETHNICITY'],
    ]);
    const dup = p.problems.find((x) => x.row === 10)!;
    expect(dup.message).toBe('Dòng 10, cột "So so BHXH": mã số BHXH 7900000001 trùng với dòng 4');
    expect(p.sample[0]!['Ho ten']).toBe('Nguyễn Văn Đức');
    expect((await ctx.value('employee.list', { unitCode: UNIT.code })).total).toBe(0);
  });

  it('commits valid rows in one go with normalised values, remembers the mapping, and updates on re-import', async () => {
    const file = blob('ds.xlsx', await messyWorkbook());
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
    expect(r.imported).toBe(4);
    expect(r.updated).toBe(0);
    expect(new Set(r.rejected.map((x) => x.row))).toEqual(new Set([8, 9, 10, 11]));
    const list = (await ctx.value('employee.list', { unitCode: UNIT.code, limit: 100 })).items;
    const get = (n: string) => list.find((e) => e.insuranceNumber === n)!;
    expect(get('7900000001')).toMatchObject({
      fullName: 'Nguyễn Văn Đức',
      birthDate: '17/05/1990',
      gender: 'M',
      cccd: '079090000001',
      jobTitle: 'Công nhân may',
      salary: 5310000,
      salaryKind: 'amount',
      ethnicity: '01',
    });
    expect(get('7900000002')).toMatchObject({
      fullName: 'Trương Quốc Khánh',
      birthDate: '07/05/1990',
      cccd: '079090000002',
      salary: 5500000,
      jobTitle: 'Tổ trưởng',
      ethnicity: '01',
    });
    expect(get('7900000003')).toMatchObject({
      fullName: 'Lê Thị Hồng Nhung',
      birthDate: '1985',
      gender: 'F',
      salary: 2.34,
      salaryKind: 'coefficient',
      jobTitle: 'Kế toán',
    });
    expect(get('7900000004')).toMatchObject({
      fullName: 'Phạm Thị Mai',
      birthDate: '03/1992',
      cmnd: '025123456',
      cccd: '',
      ethnicity: '06',
    });
    expect(get('7900000004').fullName).toBe('Phạm Thị Mai'.normalize('NFC'));
    expect((await ctx.value('roster.mappingGet', { unitCode: UNIT.code })).mapping).toMatchObject({
      fullName: 'Ho ten',
    });

    // Same people again, one salary changed: matched by mã số → one update with a history row.
    const again = await xlsxBuffer(
      ['Họ và tên', 'Mã số BHXH', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Tiền lương'],
      [
        ['Nguyễn Văn Đức', '7900000001', '17/05/1990', 'Nam', '079090000001', 5310000],
        ['Trương Quốc Khánh', '7900000002', '07/05/1990', 'Nam', '079090000002', 7000000],
      ],
    );
    const r2 = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('b.xlsx', again),
      mapping: {
        fullName: 'Họ và tên',
        insuranceNumber: 'Mã số BHXH',
        birthDate: 'Ngày sinh',
        gender: 'Giới tính',
        cccd: 'Số CCCD',
        salary: 'Tiền lương',
      },
    });
    // Columns absent from this file (job title, ethnicity) keep their roster values: only the salary row changes.
    expect(r2).toEqual({ imported: 0, updated: 1, unchanged: 1, rejectedRows: 0, totalRows: 2, rejected: [] });
    const k = (await ctx.value('employee.list', { unitCode: UNIT.code, search: 'truong quoc khanh' })).items[0]!;
    expect(k).toMatchObject({ salary: 7000000, jobTitle: 'Tổ trưởng', ethnicity: '01' });
    const h = (await ctx.value('employee.history', { id: k.id })).items;
    expect(h.find((x) => x.field === 'salary')).toMatchObject({
      oldValue: '5500000',
      newValue: '7000000',
      source: 'import',
    });
  });

  it('flags a row whose mã số and CCCD belong to two different roster employees', async () => {
    await ctx.value('employee.save', {
      unitCode: UNIT.code,
      employee: {
        fullName: 'Nguyễn Văn A',
        insuranceNumber: '7900000001',
        birthDate: '1990',
        gender: 'M',
        cccd: '079090000001',
      },
    });
    await ctx.value('employee.save', {
      unitCode: UNIT.code,
      employee: {
        fullName: 'Nguyễn Văn B',
        insuranceNumber: '7900000002',
        birthDate: '1990',
        gender: 'M',
        cccd: '079090000002',
      },
    });
    const csv = Buffer.from(
      'Họ tên,Mã số BHXH,Ngày sinh,Giới tính,CCCD\nNguyễn Văn A,7900000001,1990,Nam,079090000002\n',
      'utf8',
    );
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('x.csv', csv) });
    expect(r.imported + r.updated).toBe(0);
    expect(r.rejected).toEqual([expect.objectContaining({ row: 2, column: 'CCCD', code: 'DUPLICATE_CONFLICT' })]);
  });

  it('reads CSV: UTF-8 with BOM and semicolons, quoted fields; without BOM and commas', async () => {
    const semi = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        'Họ và tên;Mã số BHXH;Ngày sinh;Giới tính;CMND/CCCD;Địa chỉ\r\n"Nguyễn Văn An";7900000011;05/03/1990;Nam;079090000011;"12 Lê Lợi; Q.1"\r\nTrần Thị Bé;7900000012;1995;Nữ;079195000012;\r\n',
        'utf8',
      ),
    ]);
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('a.csv', semi) });
    expect(r).toEqual({ imported: 2, updated: 0, unchanged: 0, rejectedRows: 0, totalRows: 2, rejected: [] });
    const an = (await ctx.value('employee.list', { unitCode: UNIT.code, search: 'nguyen van an' })).items[0]!;
    expect(an).toMatchObject({ address: '12 Lê Lợi; Q.1', birthDate: '05/03/1990' });

    const comma = Buffer.from('Ho va ten,Ma so BHXH,Ngay sinh,Gioi tinh\nLê Văn Cường,,1988,nam\n', 'utf8');
    const r2 = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('b.csv', comma) });
    expect(r2).toEqual({ imported: 1, updated: 0, unchanged: 0, rejectedRows: 0, totalRows: 1, rejected: [] });
  });

  it('refuses a file whose required columns cannot be identified, naming them', async () => {
    const csv = Buffer.from('Cột A,Cột B\n1,2\n', 'utf8');
    const r = await ctx.call('roster.importPreview', { unitCode: UNIT.code, file: blob('c.csv', csv) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('MAPPING_INCOMPLETE');
      expect(r.error.message).toContain('Họ và tên, Ngày sinh, Giới tính');
    }
  });

  it('exports .xlsx that re-imports as unchanged', async () => {
    await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('ds.xlsx', await messyWorkbook()) });
    const ex = await ctx.value('roster.export', { unitCode: UNIT.code });
    expect(ex.count).toBe(4);
    const read = readXlsx(Buffer.from(ex.file.base64, 'base64'));
    expect(read.rows[0]!.cells[1]).toBe('Họ và tên');
    expect(read.rows.length).toBe(5);
    const again = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: ex.file });
    expect(again).toEqual({ imported: 0, updated: 0, unchanged: 4, rejectedRows: 0, totalRows: 4, rejected: [] });
  });
});

describe('spreadsheet import: two rows for one roster employee', () => {
  it('rejects the second row that would update the same person', async () => {
    const ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    try {
      await ctx.value('unit.add', UNIT);
      await ctx.value('employee.save', {
        unitCode: UNIT.code,
        employee: {
          fullName: 'Nguyễn Văn A',
          insuranceNumber: '7900000001',
          birthDate: '1990',
          gender: 'M',
          cccd: '079090000001',
        },
      });
      // Row 2 changes A's CCCD; row 3 carries A's old CCCD under another mã số — it is still A.
      const csv = Buffer.from(
        'Họ tên,Mã số BHXH,Ngày sinh,Giới tính,CCCD\nNguyễn Văn A,7900000001,1990,Nam,079090000009\nNguyễn Văn A,7900000002,1990,Nam,079090000001\n',
        'utf8',
      );
      const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('x.csv', csv) });
      expect(r.updated).toBe(1);
      expect(r.rejected).toEqual([expect.objectContaining({ row: 3, column: 'CCCD', code: 'DUPLICATE_IN_FILE' })]);
      expect(r.rejected[0]!.message).toContain('dòng 2');
    } finally {
      ctx.close();
    }
  });
});
