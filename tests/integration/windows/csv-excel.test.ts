/**
 * The CSVs we export (shared/csv.ts: the audit log, the period zip's danh-sach.csv) as a clerk opens them: the
 * bytes Excel on a Vietnamese Windows needs (BOM, else it reads Windows-1258; CRLF), and a round trip through
 * LibreOffice Calc (`soffice --headless --convert-to xlsx`, read back with Python's zipfile): identifiers keep
 * their leading zeros and all their digits, and a quote or a line break stays inside its cell.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { csvDocument } from '../../../shared/csv';
import { createTestContext, type TestContext } from '../../support/context';
import { cellsOf, openInCalc, type CalcCell } from '../../support/libreoffice';
import { makeTempDir, removeDir } from '../../support/tmp';
import { signedDossier, testCertSigner } from '../ivan/fixtures';

let dir: string;
let ctx: TestContext;

beforeAll(() => {
  dir = makeTempDir('kekhai-win-csv-');
  process.env.KEKHAI_KEY_FILE = join(dir, 'keys', 'ivan.key');
  ctx = createTestContext();
});
afterAll(() => {
  ctx?.close();
  removeDir(dir);
});

const cell = (cells: CalcCell[], ref: string) => cells.find((c) => c.ref === ref);

describe('shared/csv.ts through LibreOffice Calc and back', () => {
  const IDS = [
    ['Mã số BHXH', '0123456789'],
    ['CCCD tỉnh 001', '001090000123'],
    ['CCCD 12 chữ số', '079190000001'],
    ['Mã đơn vị toàn số', '0100123'],
    ['Mã số thuế', '0100109106'],
    ['Số dài (Excel giữ 15 chữ số)', '123456789012345678'],
  ];
  const TEXT = [
    ['Dấu ngoặc kép', 'Công ty "May Việt"'],
    ['Xuống dòng', 'Tầng 2\r\nSố 1 Lê Lợi'],
    ['Số tiền', '5310000'],
    ['Đợt', '1'],
  ];
  const csv = () => csvDocument(['Trường', 'Giá trị'], [...IDS, ...TEXT]);

  test('UTF-8 BOM first, CRLF after every record (RFC 4180), a line break inside a cell quoted', () => {
    const text = csv();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(
      text
        .replace(/"[^"]*(?:""[^"]*)*"/g, '')
        .split('\n')
        .every((l, i, all) => i === all.length - 1 || l.endsWith('\r')),
    ).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  test.each([';', ','] as const)(
    'separator %j: identifiers come back as the same text, other cells unchanged',
    (sep) => {
      const file = join(dir, `ids-${sep === ';' ? 'semi' : 'comma'}.csv`);
      writeFileSync(file, csv());
      const cells = openInCalc(file, dir, { separator: sep });
      if (sep === ',') {
        // Read with the other locale's separator the `;` lines are one cell each: the identifier is still all there.
        for (const [, id] of IDS)
          expect(
            cells.some((c) => (c.value ?? '').includes(id)),
            id,
          ).toBe(true);
        return;
      }
      IDS.forEach(([label, id], i) => {
        const c = cell(cells, `B${i + 2}`)!;
        expect(c.value, label).toBe(id);
        expect(c.type, label).not.toBe('n');
      });
      const t = (i: number) => cell(cells, `B${IDS.length + i + 2}`)!;
      expect(t(0).value).toBe('Công ty "May Việt"');
      expect(t(1).value).toBe('Tầng 2\nSố 1 Lê Lợi');
      expect(t(2)).toMatchObject({ type: 'n', value: '5310000' });
      expect(t(3)).toMatchObject({ type: 'n', value: '1' });
      // Nothing slid into another row or column.
      expect(cells.filter((c) => c.ref.startsWith('A')).length).toBe(1 + IDS.length + TEXT.length);
      expect(cells.some((c) => /^[C-Z]/.test(c.ref))).toBe(false);
    },
  );
});

describe('the exports themselves', () => {
  test('ivan.exportPeriod danh-sach.csv: an all-digit unit code keeps its leading zero in Calc', async () => {
    await ctx.value('ivan.outboxAdd', {
      file: {
        name: 'BHXHDienTu.xml',
        base64: Buffer.from(await signedDossier(await testCertSigner(), 5)).toString('base64'),
      },
      endpoint: 'http://127.0.0.1:9/',
      unitCode: '0100123',
    });
    const z = await ctx.value('ivan.exportPeriod', { period: '10/2015' });
    const bytes = unzipSync(Buffer.from(z.file.base64, 'base64'))['danh-sach.csv']!;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const file = join(dir, 'danh-sach.csv');
    writeFileSync(file, bytes);
    const cells = openInCalc(file, dir, { separator: ';' });
    expect(cell(cells, 'A1')!.value).toBe('Mã đơn vị');
    expect(cell(cells, 'A2')).toMatchObject({ value: '0100123' });
    expect(cell(cells, 'A2')!.type).not.toBe('n');
  });

  test('audit.export csv: BOM, CRLF, and the Vietnamese text as Excel reads UTF-8', async () => {
    const r = await ctx.value('audit.export', { format: 'csv' });
    const bytes = Buffer.from(r.file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/^\ufeffThời gian;[^\n]*\r\n/);
  });
});

describe('the .xlsx roster export', () => {
  test('writes mã số and CCCD as text cells, which Calc opens and saves again as the same text', async () => {
    const unit = {
      code: '0100124',
      name: 'Công ty May Việt',
      taxCode: '0100109106',
      agencyCode: '07906',
      wageRegion: '01',
    };
    await ctx.value('unit.add', unit);
    const csv =
      '\ufeffHọ và tên;Mã số BHXH;Ngày sinh;Giới tính;CMND/CCCD;Tiền lương\r\n' +
      'Nguyễn Văn A;0123456780;01/01/1990;Nam;001090000123;5000000\r\n';
    const imp = await ctx.value('roster.importCommit', {
      unitCode: unit.code,
      file: { name: 'ds.csv', base64: Buffer.from(csv).toString('base64') },
    });
    expect(imp).toMatchObject({ imported: 1, rejectedRows: 0 });
    const r = await ctx.value('roster.export', { unitCode: unit.code });
    const file = join(dir, 'roster.xlsx');
    writeFileSync(file, Buffer.from(r.file.base64, 'base64'));
    const headerOf = (cells: CalcCell[], title: string) =>
      cells.find((c) => c.value === title)!.ref.replace(/\d+$/, '');
    for (const cells of [cellsOf(file), openInCalc(file, dir)]) {
      for (const [title, id] of [
        ['Mã số BHXH', '0123456780'],
        ['Số CCCD', '001090000123'],
      ]) {
        expect(cell(cells, `${headerOf(cells, title)}2`), title).toMatchObject({ type: 's', value: id });
      }
    }
  });
});
