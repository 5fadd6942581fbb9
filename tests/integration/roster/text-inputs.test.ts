import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCsv } from '../../../electron/roster/read-csv';
import { writeXlsx } from '../../../electron/roster/write-xlsx';
import { createTestContext, type TestContext } from '../../support/context';
import { SAIGON_UNIT as UNIT, fileBlob as blob } from '../../support/units';
import { encodeTcvn3, encodeVni } from '../../fixtures/roster/generate';

/**
 * Text inputs as offices save them: each CSV encoding (UTF-8 ± BOM, UTF-16 LE/BE "Unicode Text" with tabs,
 * Windows-1258), the three delimiters, a broken byte refusing its row, a column mixing TCVN3 and VNI, and header
 * rows below titles, on two lines, or given with --header-row.
 */

const ROWS = [
  ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Mã số BHXH'],
  ['Nguyễn Thị Ánh Tuyết', '17/05/1990', 'Nữ', '7900000001'],
  ['Trần Văn Đức', '1985', 'Nam', '7900000002'],
];
const table = (d: string, rows = ROWS) => rows.map((r) => r.join(d)).join('\r\n') + '\r\n';

/** Windows-1258: precomposed letters where the code page has them, else base letter + combining tone byte. */
function cp1258(s: string): Buffer {
  const dec = new TextDecoder('windows-1258');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  const out: number[] = [];
  for (const ch of s.normalize('NFC')) {
    if (table.has(ch)) {
      out.push(table.get(ch)!);
      continue;
    }
    const d = ch.normalize('NFD');
    const base = d.slice(0, -1).normalize('NFC');
    out.push(table.get(base)!, table.get(d.slice(-1))!);
  }
  return Buffer.from(out);
}

describe('CSV and text encodings', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  const encodings: [string, Buffer, string][] = [
    ['UTF-8 with BOM, semicolons', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(table(';'))]), 'utf-8'],
    ['UTF-8 without BOM, commas', Buffer.from(table(',')), 'utf-8'],
    [
      'UTF-16 LE with BOM, tabs (Excel "Unicode Text")',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(table('\t'), 'utf16le')]),
      'utf-16le',
    ],
    [
      'UTF-16 BE with BOM, tabs',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(table('\t'), 'utf16le').swap16()]),
      'utf-16be',
    ],
    ['Windows-1258, commas', cp1258(table(',')), 'windows-1258'],
  ];
  it.each(encodings)('%s: every name stored NFC, as typed', async (_label, bytes, encoding) => {
    expect(readCsv(bytes).encoding).toBe(encoding);
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('ds.csv', bytes) });
    expect(r.rejected).toEqual([]);
    const names = (await ctx.value('employee.list', { unitCode: UNIT.code })).items.map((e) => e.fullName).sort();
    expect(names).toEqual(['Nguyễn Thị Ánh Tuyết', 'Trần Văn Đức']);
    for (const n of names) expect(n).toBe(n.normalize('NFC'));
  });

  it('refuses the row holding a byte that is no UTF-8, naming row, column and byte — never U+FFFD', async () => {
    const good = Buffer.from(table(','));
    const bad = Buffer.concat([
      good,
      Buffer.from('Lê Văn '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('m,01/01/1990,Nam,7900000003\r\n'),
    ]);
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('ds.csv', bad) });
    expect(r.imported).toBe(2);
    expect(r.rejected).toEqual([
      {
        row: 4,
        column: 'Họ và tên',
        code: 'ENCODING',
        message: 'Dòng 4, cột "Họ và tên": byte 0xC3 0x28 không phải văn bản hợp lệ trong bảng mã của tệp',
      },
    ]);
    const names = (await ctx.value('employee.list', { unitCode: UNIT.code })).items.map((e) => e.fullName);
    expect(names.some((n) => n.includes('\ufffd'))).toBe(false);
  });

  it('caps the listed problems at 1,000 and counts the rest', async () => {
    const lines = ['Họ và tên,Ngày sinh,Giới tính', ...Array.from({ length: 1100 }, (_, i) => `Người ${i},1990,X`)];
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('ds.csv', Buffer.from(lines.join('\n'))),
      dryRun: true,
    });
    // Every row is refused and counted; the list stops at 1,000 problems and says how many more there are.
    expect(r.rejectedRows).toBe(1100);
    expect(r.rejected.length).toBeLessThanOrEqual(1000);
    expect(r.rejectedOmitted).toBeGreaterThanOrEqual(100);
  });

  it('refuses a Windows-1258 byte the code page leaves unassigned', () => {
    const bytes = Buffer.concat([
      cp1258(table(',')),
      Buffer.from([0x41, 0x81, 0x2c, 0x31, 0x39, 0x39, 0x30, 0x0d, 0x0a]),
    ]);
    const sheet = readCsv(bytes);
    expect(sheet.encoding).toBe('windows-1258');
    expect(sheet.rows.at(-1)).toMatchObject({ row: 4, invalid: [{ column: 0, bytes: '0x81' }] });
  });

  it('decodes a column mixing TCVN3 and VNI rows cell by cell', async () => {
    const names = ['Trần Cao Vân', 'Nguyễn Thị Hồng Nhung', 'Lê Văn Đức', 'Phạm Quốc Khánh'];
    const typed = [encodeVni(names[0]!), encodeTcvn3(names[1]!), encodeTcvn3(names[2]!), encodeVni(names[3]!)];
    const rows = [['Họ và tên', 'Ngày sinh', 'Giới tính'], ...typed.map((n) => [n, '1990', 'Nam'])];
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob('ds.xlsx', writeXlsx([{ name: 'DS', rows }])),
    });
    expect(r.rejected).toEqual([]);
    expect((await ctx.value('employee.list', { unitCode: UNIT.code })).items.map((e) => e.fullName).sort()).toEqual(
      [...names].sort(),
    );
  });
});

describe('header row', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  it('is found below title rows and across a two-line header; messages use the sheet’s own row numbers', async () => {
    const rows = [
      ['CÔNG TY TNHH MAY SÀI GÒN'],
      ['DANH SÁCH LAO ĐỘNG'],
      [],
      ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Hợp đồng lao động', null],
      [null, null, null, null, 'Số', 'Ngày ký'],
      [1, 'Nguyễn Văn A', '1990', 'Nam', '12/HĐ', '01/01/2026'],
      [2, 'Trần Thị B', '1991', 'X', '13/HĐ', '01/01/2026'],
    ];
    const p = await ctx.value('roster.importPreview', {
      unitCode: UNIT.code,
      file: blob('ds.xlsx', writeXlsx([{ name: 'DS', rows }])),
    });
    expect(p.headerRow).toBe(4);
    expect(p.mapping).toMatchObject({
      fullName: 'Họ và tên',
      contractNumber: 'Số Hợp đồng lao động',
      contractSigned: 'Ngày ký Hợp đồng lao động',
    });
    expect(p.totalRows).toBe(2);
    expect(p.problems.map((x) => [x.row, x.code])).toEqual([[7, 'GENDER']]);
  });

  it('is taken as given with --header-row (headerRow), and the CLI-less contract method lists the sheets', async () => {
    const rows = [
      ['Họ và tên', 'Ngày sinh', 'Giới tính'],
      ['Tên', 'Sinh', 'Phái'],
      ['Nguyễn Văn A', '1990', 'Nam'],
    ];
    const file = blob(
      'ds.xlsx',
      writeXlsx([
        { name: 'Hướng dẫn', rows: [['Xem trang DS']] },
        { name: 'DS', rows },
      ]),
    );
    expect(await ctx.value('roster.importSheets', { file })).toEqual({
      sheets: [
        { name: 'Hướng dẫn', hidden: false },
        { name: 'DS', hidden: false },
      ],
      suggested: 'DS',
    });
    const p = await ctx.value('roster.importPreview', {
      unitCode: UNIT.code,
      file,
      headerRow: 2,
      mapping: { fullName: 'Tên', birthDate: 'Sinh', gender: 'Phái' },
    });
    expect(p).toMatchObject({ sheet: 'DS', headerRow: 2, totalRows: 1, toInsert: 1 });
    const wrong = await ctx.call('roster.importPreview', { unitCode: UNIT.code, file, headerRow: 9 });
    expect(wrong.ok).toBe(false);
    const named = await ctx.call('roster.importPreview', { unitCode: UNIT.code, file, sheet: 'Không có' });
    expect(!named.ok && named.error.message).toContain('Không có trang tính "Không có"');
  });
});
