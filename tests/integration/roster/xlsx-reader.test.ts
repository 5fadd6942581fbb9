import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listXlsxSheets, readXlsx, streamXlsx, XLSX_LIMITS } from '../../../electron/roster/read-xlsx';
import type { SheetRow } from '../../../electron/roster/sheet';
import { pullXlsxRows } from '../../../electron/roster/xlsx-worker';
import { writeXlsx } from '../../../electron/roster/write-xlsx';
import { ZipReader } from '../../../electron/roster/xlsx-zip';
import { makeTempDir, removeDir } from '../../support/tmp';
import { damageCrc, handMade, HEAD, NS } from '../../support/hand-made-xlsx';

/**
 * The .xlsx reader against files from several writers: our own writer, LibreOffice, a hand-made zip in Excel's part
 * order (shared strings after the sheet, rich text, 1904 dates, no <dimension>, formulas), one with inline strings;
 * and against hostile files (unknown cell type, shared-strings table over its cap, zip bombs).
 */
// Style 1: built-in date format 14; style 2: a custom "dd/mm/yyyy"; style 3: text.
const STYLES = `${HEAD}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="49"/></cellXfs></styleSheet>`;

describe('.xlsx reader: files from several writers', () => {
  let dir = '';
  beforeAll(() => {
    dir = makeTempDir('kekhai-xlsx-');
  });
  afterAll(() => removeDir(dir));

  it('reads our own writer: strings NFC, numbers, dates, booleans, gaps; row numbers as the sheet shows them', () => {
    const bytes = writeXlsx([
      {
        name: 'DS',
        rows: [
          ['Họ tên', 'Lương', 'Ngày'],
          ['Nguyễn Văn A'.normalize('NFD'), 5_310_000, new Date(Date.UTC(1990, 4, 17))],
          [],
          [' x & <y> ', null, true],
        ],
      },
    ]);
    const sheet = readXlsx(bytes);
    expect(sheet.name).toBe('DS');
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['Họ tên', 'Lương', 'Ngày'] },
      { row: 2, cells: ['Nguyễn Văn A', 5_310_000, new Date(Date.UTC(1990, 4, 17))] },
      { row: 4, cells: [' x & <y> ', null, true] },
    ]);
  });

  it("reads a hand-made zip in Excel's part order: sheet before shared strings, rich text and phonetic runs, 1904 dates, no dimension, formulas", () => {
    const sheet = `${HEAD}<x:worksheet xmlns:x="${NS}"><x:sheetData>
      <x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c r="D2" s="2"><x:v>0</x:v></x:c></x:row>
      <x:row r="3"><x:c r="A3" t="str"><x:f>UPPER(B3)</x:f><x:v>ABC</x:v></x:c><x:c r="B3"><x:f>1+1</x:f></x:c><x:c r="C3" t="e"><x:v>#REF!</x:v></x:c><x:c r="D3" t="b"><x:v>0</x:v></x:c><x:c r="E3"><x:v>12.5</x:v></x:c></x:row>
      <x:row r="4"><x:c r="A4"><x:f>ROW()</x:f><x:v>4</x:v></x:c><x:c r="B4" t="str"><x:f>""</x:f><x:v></x:v></x:c></x:row>
      <x:row><x:c t="s"><x:v>2</x:v></x:c><x:c><x:v>7</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const sst = `${HEAD}<sst xmlns="${NS}" count="3" uniqueCount="3"><si><t>Họ và tên</t></si><si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space="preserve">Văn A</t></r><rPh sb="0" eb="1"><t>NGUYEN</t></rPh></si><si><t>Lê &amp; Lý</t></si></sst>`;
    const bytes = handMade(
      { 'xl/worksheets/sheet1.xml': sheet, 'xl/styles.xml': STYLES, 'xl/sharedStrings.xml': sst },
      { date1904: true },
    );
    // The zip really holds the sheet before the shared strings.
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(text.indexOf('xl/sharedStrings.xml'));
    const rows = readXlsx(bytes).rows;
    expect(rows).toEqual([
      { row: 2, cells: ['Họ và tên', 'Nguyễn Văn A', null, new Date(Date.UTC(1904, 0, 1))] },
      { row: 3, cells: ['ABC', null, null, false, 12.5] },
      // Row 4 holds formula results only (a template row): left out. Row 5 has no r attributes: counted on.
      { row: 5, cells: ['Lê & Lý', 7] },
    ]);
  });

  it('reads a workbook of inline strings (as streaming writers produce), picking a sheet by content or by name', () => {
    const inline = (s: string) => `<c t="inlineStr"><is><t>${s}</t></is></c>`;
    const title = `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1">${inline('Ghi chú')}</row></sheetData></worksheet>`;
    const data = `${HEAD}<worksheet xmlns="${NS}"><dimension ref="A1:C2"/><sheetData><row r="1">${inline('Họ và tên')}${inline('Ngày sinh')}${inline('Giới tính')}</row><row r="2">${inline('Trần Thị B')}${inline('1990')}<c t="inlineStr"><is><r><t>N</t></r><r><t>ữ</t></r></is></c></row></sheetData></worksheet>`;
    const bytes = handMade(
      { 'xl/worksheets/sheet1.xml': title, 'xl/worksheets/sheet2.xml': data },
      { sheets: ['Hướng dẫn', 'Danh sách'] },
    );
    expect(listXlsxSheets(bytes).map((s) => s.name)).toEqual(['Hướng dẫn', 'Danh sách']);
    const score = (head: { cells: unknown[] }[]) => head.reduce((n, r) => Math.max(n, r.cells.length), 0);
    expect(readXlsx(bytes, { pick: score }).rows[1]).toEqual({ row: 2, cells: ['Trần Thị B', '1990', 'Nữ'] });
    expect(readXlsx(bytes, { sheet: 'huong dan' }).name).toBe('Hướng dẫn');
    expect(() => readXlsx(bytes, { sheet: 'Khác' })).toThrow(/Không có trang tính "Khác".*"Hướng dẫn", "Danh sách"/);
  });

  it('flags the rows Excel hides (hidden="1" as Excel writes it, "true" as LibreOffice does), on both threads', () => {
    const inline = (s: string) => `<c t="inlineStr"><is><t>${s}</t></is></c>`;
    const rows = [
      ['1', ''],
      ['2', ' hidden="1"'],
      ['3', ' hidden="true" outlineLevel="1"'],
      ['4', ' hidden="0"'],
      ['5', ' hidden="false" collapsed="1"'],
      ['6', ' hidden="1" customHeight="1" ht="0"'],
    ]
      .map(([r, attrs]) => `<row r="${r}"${attrs}>${inline(`Dòng ${r}`)}</row>`)
      .join('');
    // Row 7: hidden, but empty — no row is handed out for it.
    const sheet = `${HEAD}<worksheet xmlns="${NS}"><sheetData>${rows}<row r="7" hidden="1"/></sheetData></worksheet>`;
    const bytes = handMade({ 'xl/worksheets/sheet1.xml': sheet });
    const expected = [
      { row: 1, cells: ['Dòng 1'] },
      { row: 2, cells: ['Dòng 2'], hidden: true },
      { row: 3, cells: ['Dòng 3'], hidden: true },
      { row: 4, cells: ['Dòng 4'] },
      { row: 5, cells: ['Dòng 5'] },
      { row: 6, cells: ['Dòng 6'], hidden: true },
    ];
    expect(readXlsx(bytes).rows).toEqual(expected);
    const pulled: SheetRow[] = [];
    pullXlsxRows(Buffer.from(bytes), 'Sheet1', (b) => pulled.push(...b));
    expect(pulled).toEqual(expected);
  });

  it('reads a sheet whose shared strings come in any order: late in the table, backwards, shared with another sheet', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Người số ${i}`);
    const sst = `${HEAD}<sst xmlns="${NS}">${names.map((n) => `<si><t>${n}</t></si>`).join('')}</sst>`;
    const cell = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
    // Sheet 1 uses the first strings; sheet 2, read after picking by content, the last ones backwards, then the first.
    const first = `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1">${cell('A1', 0)}</row></sheetData></worksheet>`;
    const rows = Array.from(
      { length: 40 },
      (_, r) => `<row r="${r + 1}">${cell(`A${r + 1}`, 2999 - r)}${cell(`B${r + 1}`, r)}</row>`,
    );
    const second = `${HEAD}<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const bytes = handMade(
      { 'xl/worksheets/sheet1.xml': first, 'xl/worksheets/sheet2.xml': second, 'xl/sharedStrings.xml': sst },
      { sheets: ['Bìa', 'Danh sách'] },
    );
    const expected = Array.from({ length: 40 }, (_, r) => ({ row: r + 1, cells: [names[2999 - r], names[r]] }));
    const widest = (head: { cells: unknown[] }[]) => head.reduce((n, r) => Math.max(n, r.cells.length), 0);
    expect(readXlsx(bytes, { pick: widest })).toEqual({ name: 'Danh sách', rows: expected });
    const pulled: SheetRow[] = [];
    pullXlsxRows(Buffer.from(bytes), 'Danh sách', (b) => pulled.push(...b));
    expect(pulled).toEqual(expected);
  });

  it('reads a workbook LibreOffice wrote, and LibreOffice opens ours', () => {
    const soffice = '/usr/bin/soffice';
    expect(existsSync(soffice), 'LibreOffice (libreoffice-calc-nogui) is installed by .ci/run').toBe(true);
    const lo = (args: string[]) =>
      spawnSync(soffice, [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', ...args, '--outdir', dir], {
        timeout: 120_000,
        encoding: 'utf8',
      });
    writeFileSync(
      join(dir, 'lo.csv'),
      'Họ và tên,Mã số BHXH,Lương\nNguyễn Văn Đức,0790000001,5310000\nLê Thị Hồng,7900000002,"6,5"\n',
    );
    const toXlsx = lo(['--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', join(dir, 'lo.csv')]);
    expect(toXlsx.status, toXlsx.stderr).toBe(0);
    const rows = readXlsx(readFileSync(join(dir, 'lo.xlsx'))).rows;
    expect(rows[0]!.cells).toEqual(['Họ và tên', 'Mã số BHXH', 'Lương']);
    expect(rows[1]!.cells[0]).toBe('Nguyễn Văn Đức');
    expect(rows[1]!.cells[2]).toBe(5310000);
    expect(rows).toHaveLength(3);

    writeFileSync(
      join(dir, 'ours.xlsx'),
      writeXlsx([
        {
          name: 'Dữ Liệu',
          rows: [
            ['Họ tên', 'Mã'],
            ['Trần Văn C', '0790000003'],
          ],
          formats: [undefined, 'text'],
        },
      ]),
    );
    const toCsv = lo([
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
      join(dir, 'ours.xlsx'),
    ]);
    expect(toCsv.status, toCsv.stderr).toBe(0);
    expect(readFileSync(join(dir, 'ours.csv'), 'utf8').trim().split(/\r?\n/)).toEqual([
      'Họ tên,Mã',
      'Trần Văn C,0790000003',
    ]);
  });
});

describe('.xlsx reader: XML as other writers write it', () => {
  it('reads prefixed SpreadsheetML, entities, CDATA, comments and single-quoted attributes', () => {
    const X = `xmlns:x="${NS}"`;
    const bytes = handMade({
      'xl/worksheets/sheet1.xml': `${HEAD}<!-- exported --><x:worksheet ${X}><x:sheetData><x:row r='1'><x:c r='A1' t='s'><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t><![CDATA[Lê <Văn> & Tám]]></x:t></x:is></x:c><x:c r="C1"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      'xl/sharedStrings.xml': `${HEAD}<x:sst ${X}><x:si><x:t>Nguy&#7877;n &amp; Tr&#x1EA7;n</x:t></x:si></x:sst>`,
    });
    expect(readXlsx(bytes).rows).toEqual([{ row: 1, cells: ['Nguyễn & Trần', 'Lê <Văn> & Tám', 42] }]);
  });

  it('refuses a sheet that is not well-formed XML, naming the part', () => {
    const broken = handMade({
      'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>`,
    });
    expect(() => readXlsx(broken)).toThrow(
      /Không đọc được tệp Excel: XML hỏng trong xl\/worksheets\/sheet1\.xml: thẻ đóng <\/row> không khớp <c>/,
    );
  });
});

describe('.xlsx reader: refusals', () => {
  it('names the cell of an unknown cell type, and of a shared string that does not exist', () => {
    const bad = handMade({
      'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="7"><c r="C7" t="x"><v>1</v></c></row></sheetData></worksheet>`,
    });
    expect(() => readXlsx(bad)).toThrow(/trang "Sheet1", ô C7: kiểu ô "x" không xác định/);
    const missing = handMade({
      'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="2"><c r="B2" t="s"><v>5</v></c></row></sheetData></worksheet>`,
    });
    expect(() => readXlsx(missing)).toThrow(/ô B2: chuỗi dùng chung số 5 không tồn tại/);
  });

  it('caps the shared-strings table, a cell and the rows with a clear Vietnamese error', () => {
    const many = `${HEAD}<sst xmlns="${NS}">${Array.from({ length: 50 }, (_, i) => `<si><t>s${i}</t></si>`).join('')}</sst>`;
    const sheet = `${HEAD}<worksheet xmlns="${NS}"><sheetData>${Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c t="s"><v>${i}</v></c></row>`).join('')}</sheetData></worksheet>`;
    const bytes = handMade({ 'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': many });
    expect(() => readXlsx(bytes, { limits: { ...XLSX_LIMITS, sharedStrings: 40 } })).toThrow(
      /bảng chuỗi dùng chung có hơn 40 mục/,
    );
    expect(() => readXlsx(bytes, { limits: { ...XLSX_LIMITS, sharedChars: 100 } })).toThrow(
      /bảng chuỗi dùng chung vượt 100 ký tự/,
    );
    expect(() => readXlsx(bytes, { limits: { ...XLSX_LIMITS, rows: 20 } })).toThrow(/có hơn 20 dòng dữ liệu/);
    expect(() => readXlsx(bytes, { limits: { ...XLSX_LIMITS, cellChars: 2 } })).toThrow(/ô A11: ô dài hơn 2 ký tự/);
    const merged = handMade({
      'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>${'<mergeCell ref="A1:B2"/>'.repeat(4)}</mergeCells></worksheet>`,
    });
    const ranges: string[][] = [];
    readXlsx(merged, { limits: { ...XLSX_LIMITS, merges: 4 }, onMerges: (m) => void ranges.push(m) });
    expect(ranges).toEqual([['A1:B2', 'A1:B2', 'A1:B2', 'A1:B2']]);
    expect(() => readXlsx(merged, { limits: { ...XLSX_LIMITS, merges: 3 } })).toThrow(
      'Tệp Excel vượt giới hạn: trang "Sheet1" có hơn 3 vùng gộp ô: hãy bỏ gộp ô (Merge & Center) rồi lưu lại',
    );
    expect(XLSX_LIMITS).toMatchObject({ rows: 200_000, cellChars: 32_767, columns: 1024, merges: 200_000 });
  });

  it('caps the columns a value may be in, naming the cell; a cell beyond them with no value (a style) is no matter', () => {
    const sheet = (last: string) =>
      handMade({
        'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Lê Văn Tám</t></is></c><c r="E1" s="1"/>${last}</row></sheetData></worksheet>`,
      });
    const limits = { ...XLSX_LIMITS, columns: 3 };
    expect(readXlsx(sheet('<c r="C1"><v>7</v></c>'), { limits }).rows).toEqual([
      { row: 1, cells: ['Lê Văn Tám', null, 7] },
    ]);
    expect(() => readXlsx(sheet('<c r="D1"><v>7</v></c>'), { limits })).toThrow(
      'Tệp Excel vượt giới hạn: trang "Sheet1", ô D1 nằm ngoài 3 cột đầu (A…C): hãy xoá các cột thừa bên phải bảng rồi lưu lại',
    );
    expect(() => readXlsx(sheet('<c r="XFD1"><v>7</v></c>'))).toThrow(/ô XFD1 nằm ngoài 1\.024 cột đầu \(A…AMJ\)/);
  });

  it('refuses a wide-row bomb (every row with a value in column XFD) at the first row, with memory bounded', () => {
    // 50,000 rows of ~150 bytes, each with a value in the last column Excel has: read as dense rows they made the
    // import hold 16,384 slots a row (1 GB and 12 s for 2,000 rows of a 37 KB file).
    const rows: string[] = [];
    for (let r = 2; r <= 50_001; r++)
      rows.push(
        `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c><c r="B${r}" t="inlineStr"><is><t>01/02/1990</t></is></c><c r="XFD${r}"><v>1</v></c></row>`,
      );
    const bytes = handMade({
      'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    });
    rows.length = 0;
    const rss0 = process.memoryUsage().rss;
    const peak0 = process.resourceUsage().maxRSS; // KB
    const got: SheetRow[] = [];
    expect(() => streamXlsx(bytes, {}, (b) => void got.push(...b), 500)).toThrow(/ô XFD2 nằm ngoài 1\.024 cột đầu/);
    expect(got).toEqual([]);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(100 * 1024 * 1024);
    expect(process.resourceUsage().maxRSS - peak0).toBeLessThan(100 * 1024);
  });

  it('reads the shared strings alongside the sheet, as far as its cells need, and the rest of the table afterwards', () => {
    // 30 rows using strings 0–29, then 100,000 more strings that no cell uses, under a cap on the table's
    // characters that the whole table passes: the first rows reach the caller before the cap is met (the table is
    // not read whole before the first row), and the file is still refused once the sheet is read (the rest is read
    // and checked).
    const used = Array.from({ length: 30 }, (_, i) => `<si><t>Người ${i}</t></si>`);
    const unused = Array.from({ length: 100_000 }, (_, i) => `<si><t>${(i * 7919).toString(36)}</t></si>`);
    const sst = `${HEAD}<sst xmlns="${NS}">${used.join('')}${unused.join('')}</sst>`;
    const rows = Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`);
    const bytes = handMade({
      'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`,
      'xl/sharedStrings.xml': sst,
    });
    const limits = { ...XLSX_LIMITS, sharedChars: 100_000 };
    const got: SheetRow[] = [];
    expect(() => streamXlsx(bytes, { limits }, (b) => void got.push(...b), 10)).toThrow(
      /bảng chuỗi dùng chung vượt 100\.000 ký tự/,
    );
    expect(got.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => ({ row: i + 1, cells: [`Người ${i}`] })));
    // Without the cap: every row, and the same rows as a whole read gives.
    const all = readXlsx(bytes).rows;
    expect(all).toHaveLength(30);
    expect(all[29]).toEqual({ row: 30, cells: ['Người 29'] });
  });

  it('refuses a shared-strings table whose CRC is wrong, even when the sheet uses only its first string', () => {
    const sst = `${HEAD}<sst xmlns="${NS}"><si><t>Lê Văn Tám</t></si>${Array.from({ length: 100_000 }, (_, i) => `<si><t>${(i * 7919).toString(36)}</t></si>`).join('')}</sst>`;
    const bytes = Buffer.from(
      handMade({
        'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
        'xl/sharedStrings.xml': sst,
      }),
    );
    expect(readXlsx(bytes).rows).toEqual([{ row: 1, cells: ['Lê Văn Tám'] }]);
    expect(() => readXlsx(damageCrc(bytes, 'xl/sharedStrings.xml'))).toThrow(
      /phần xl\/sharedStrings\.xml bị hỏng \(sai mã kiểm tra CRC-32\)/,
    );
  });

  it('refuses a shared-strings bomb at the default caps (2,000,001 entries) with memory bounded', () => {
    const parts: string[] = [`${HEAD}<sst xmlns="${NS}">`];
    for (let i = 0; i <= XLSX_LIMITS.sharedStrings; i++) parts.push(`<si><t>${i.toString(36)}</t></si>`);
    parts.push('</sst>');
    const sheet = `${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1"><c t="s"><v>0</v></c></row></sheetData></worksheet>`;
    const bytes = handMade({ 'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': parts.join('') });
    parts.length = 0;
    const rss0 = process.memoryUsage().rss;
    expect(() => readXlsx(bytes)).toThrow(/Tệp Excel vượt giới hạn: bảng chuỗi dùng chung có hơn 2\.000\.000 mục/);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(300 * 1024 * 1024);
  });

  it('refuses a 390 KB zip bomb fast and with little memory, whether its directory tells the truth or not', () => {
    // ~400 MB of whitespace inside <sheetData> deflated to ~400 KB: one sync-flushed deflate block of 1 MB of spaces
    // repeated (each copy only refers back to spaces), between a flushed head and a final tail.
    const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
    const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, 0x20), flush);
    const deflated = Buffer.concat([
      zlib.deflateRawSync(Buffer.from(`${HEAD}<worksheet xmlns="${NS}"><sheetData>`), flush),
      ...Array.from({ length: 400 }, () => block),
      zlib.deflateRawSync(Buffer.from('<row r="1"><c><v>1</v></c></row></sheetData></worksheet>')),
    ]);
    const size = 400 * (1 << 20) + 200;
    expect(deflated.length).toBeLessThan(500_000);
    expect(zlib.inflateRawSync(deflated.subarray(0, block.length * 3), flush).length).toBeGreaterThan(2 << 20);
    const honest = Buffer.from(handMade({ 'xl/worksheets/sheet1.xml': 'PLACEHOLDER' }));
    // Swap the placeholder part for the bomb (stored as deflate, method 8) by rebuilding the zip by hand.
    const bomb = (declared: number) => zipWithRaw(honest, 'xl/worksheets/sheet1.xml', deflated, declared);
    for (const declared of [size, 1000]) {
      const file = bomb(declared);
      const rss0 = process.memoryUsage().rss;
      const peak0 = process.resourceUsage().maxRSS; // KB, the process's peak so far
      expect(() => readXlsx(file)).toThrow(/zip bomb/);
      // The main check: memory stays bounded (the unpacked 400 MB is never held), now and at its peak.
      expect(process.memoryUsage().rss - rss0).toBeLessThan(150 * 1024 * 1024);
      expect(process.resourceUsage().maxRSS - peak0).toBeLessThan(150 * 1024);
      // "Refused fast", as work rather than time: the part is given up once it inflates past 100× its compressed
      // size (plus the one slice being inflated), a seventh of the 400 MB — or, when the directory admits the
      // size, before a byte is inflated.
      let inflated = 0;
      expect(() => new ZipReader(file).read('xl/worksheets/sheet1.xml', (c) => void (inflated += c.length))).toThrow(
        /zip bomb/,
      );
      if (declared === size) expect(inflated).toBe(0);
      else expect(inflated).toBeLessThan(100 * deflated.length + 17 * (1 << 20));
      expect(inflated).toBeLessThan(size / 7);
    }
  });
});

/** Rebuilds a zip with one part replaced by raw deflate data claiming `declared` unpacked bytes. */
function zipWithRaw(zip: Buffer, name: string, raw: Uint8Array, declared: number): Buffer {
  const parts: { name: string; method: number; data: Uint8Array; size: number; crc: number }[] = [];
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let at = view.getUint32(eocd + 16, true);
  for (let n = view.getUint16(eocd + 10, true); n > 0; n--) {
    const nameLen = view.getUint16(at + 28, true);
    const entryName = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const entry = {
      name: entryName,
      method: view.getUint16(at + 10, true),
      data: zip.subarray(start, start + view.getUint32(at + 20, true)),
      size: view.getUint32(at + 24, true),
      crc: view.getUint32(at + 16, true),
    };
    if (entryName === name) Object.assign(entry, { method: 8, data: raw, size: declared, crc: 0 });
    parts.push(entry);
    at += 46 + nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const nameBytes = Buffer.from(p.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(p.method, 8);
    lh.writeUInt32LE(p.crc, 14);
    lh.writeUInt32LE(p.data.length, 18);
    lh.writeUInt32LE(p.size, 22);
    lh.writeUInt16LE(nameBytes.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(p.method, 10);
    ch.writeUInt32LE(p.crc, 16);
    ch.writeUInt32LE(p.data.length, 20);
    ch.writeUInt32LE(p.size, 24);
    ch.writeUInt16LE(nameBytes.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, nameBytes, Buffer.from(p.data));
    central.push(ch, nameBytes);
    offset += 30 + nameBytes.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
