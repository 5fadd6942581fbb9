/**
 * The .xlsx files the app writes (electron/roster/write-xlsx.ts: the roster export, the VNPT-layout roster, the
 * import's "…-dong-bi-tu-choi.xlsx") opened in LibreOffice Calc: text a clerk typed or a spreadsheet carried that
 * looks like a formula stays the same text (cells are shared strings, never formulas), and the error workbook's
 * name, built from the name of the clerk's file, is one Windows can create.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../../support/context';
import { cellsOf, openInCalc, type CalcCell } from '../../support/libreoffice';
import { readXlsx } from '../../../electron/roster/read-xlsx';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT as UNIT, fileBlob } from '../../support/units';
import { draft } from '../ivan/fixtures';

const ATTACKS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", '+1+2', '-1+2', '@SUM(1+1)', '=1+1'];
const WINDOWS_BAD = /[<>:"/\\|?*\u0000-\u001f]|[. ]$|^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

let dir: string;
let ctx: TestContext;

beforeAll(async () => {
  dir = makeTempDir('kekhai-written-xlsx-');
  ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
  await ctx.value('unit.add', UNIT);
  for (const [i, jobTitle] of ATTACKS.entries())
    await ctx.value('employee.save', {
      unitCode: UNIT.code,
      employee: {
        fullName: `Nguyễn Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Giang'][i]}`,
        insuranceNumber: `790000000${i}`,
        birthDate: '17/05/1990',
        gender: 'M',
        cccd: `07909000000${i}`,
        jobTitle,
        salary: 5_310_000 + i,
      },
    });
});
afterAll(() => {
  ctx?.close();
  removeDir(dir);
});

function calc(name: string, base64: string): CalcCell[] {
  const p = join(dir, name);
  writeFileSync(p, Buffer.from(base64, 'base64'));
  return openInCalc(p, dir);
}

describe('workbooks the app writes, as Calc reads them', () => {
  test('roster.export: a job title typed as a formula is text in Calc, identifiers keep their zeros', async () => {
    const r = await ctx.value('roster.export', { unitCode: UNIT.code });
    const cells = calc('roster.xlsx', r.file.base64);
    expect(cells.filter((c) => c.formula !== null)).toEqual([]);
    const values = cells.map((c) => c.value);
    for (const a of ATTACKS) expect(values, a).toContain(a);
    expect(values).toContain('7900000000');
    // Amounts stay numbers a clerk can sum.
    expect(cells.find((c) => c.value === '5310000')).toMatchObject({ type: 'n', formula: null });
  });

  test('roster.toSheet (VNPT layout): the same text stays text', async () => {
    const r = await ctx.value('roster.toSheet', { unitCode: UNIT.code });
    const cells = calc('vnpt.xlsx', r.file.base64);
    expect(cells.filter((c) => c.formula !== null)).toEqual([]);
    for (const a of ATTACKS)
      expect(
        cells.map((c) => c.value),
        a,
      ).toContain(a);
  });
});

describe('the import error workbook', () => {
  const csv = [
    'Họ và tên,Ngày sinh,Giới tính,Chức vụ',
    ...[...ATTACKS, '\t=2+2'].map((a) => `"${a.replace(/"/g, '""')}",31/02/1990,X,"${a.replace(/"/g, '""')}"`),
  ].join('\r\n');

  test.each([
    'a<b>:c"d|e?f*.csv',
    'CON.csv',
    '..csv',
    `${'Đặng Thị Ngọc Hà '.repeat(14)}.csv`, // 250 characters, 340 bytes
    'Danh sách tháng 11.csv'.normalize('NFD'),
  ])('from a file named %j: a safe name and the rows as typed, no formula', async (name) => {
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: fileBlob(name, Buffer.from(csv, 'utf8')),
      dryRun: true,
    });
    const out = r.errorFile!;
    expect(out.name).toMatch(/-dong-bi-tu-choi\.xlsx$/);
    expect(WINDOWS_BAD.test(out.name), out.name).toBe(false);
    expect(Buffer.byteLength(out.name)).toBeLessThanOrEqual(255);
    expect(out.name.normalize('NFC')).toBe(out.name);
    if (name.startsWith('Danh')) {
      expect(out.name).toBe('Danh sách tháng 11-dong-bi-tu-choi.xlsx');
      const cells = calc('errors.xlsx', out.base64);
      expect(cells.filter((c) => c.formula !== null)).toEqual([]);
      for (const a of [...ATTACKS, '\t=2+2'])
        expect(
          cells.filter((c) => c.value === a),
          a,
        ).toHaveLength(2);
    }
  });
});

describe('dossier.toSheet', () => {
  test.each(['../../x', 'a:b', 'A'.repeat(300)])(
    'a draft whose unit code is %j gets a workbook with a safe name, not an error',
    async (unitCode) => {
      const r = await ctx.value('dossier.toSheet', {
        draft: draft(1, { unitCode }) as unknown as Record<string, unknown>,
      });
      expect(r.file.name).toMatch(/^D02-TS-.*\.xlsx$/);
      expect(WINDOWS_BAD.test(r.file.name), r.file.name).toBe(false);
      expect(Buffer.byteLength(r.file.name)).toBeLessThanOrEqual(255);
    },
  );
});

test("a rejected row of very long cells: every cell of the error workbook within Excel's 32,767 characters, and the workbook imports again", async () => {
  // Excel's limit per cell ("Excel specifications and limits"); our own reader refuses longer cells the same way.
  const big = 'Đ'.repeat(30_000);
  const csv = [
    'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Mã số BHXH,Chức vụ',
    [big, big, big, big, big, big].join(','),
  ].join('\r\n');
  const r = await ctx.value('roster.importCommit', {
    unitCode: UNIT.code,
    file: fileBlob('dai.csv', Buffer.from(csv, 'utf8')),
    dryRun: true,
  });
  const p = join(dir, 'dai-dong-bi-tu-choi.xlsx');
  writeFileSync(p, Buffer.from(r.errorFile!.base64, 'base64'));
  const cells = cellsOf(p);
  expect(cells.length).toBeGreaterThan(6);
  for (const c of cells) expect((c.value ?? '').length, c.ref).toBeLessThanOrEqual(32_767);
  expect(cells.find((c) => c.ref === 'A2')!.value).toBe(big);
  expect(readXlsx(readFileSync(p)).rows).toHaveLength(2);
});
