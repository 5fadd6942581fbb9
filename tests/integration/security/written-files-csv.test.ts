/**
 * Every CSV the app writes (the audit log's "Xuất CSV (Excel)", the period zip's danh-sach.csv — both through
 * shared/csv.ts) opened in LibreOffice Calc as a clerk opens it, with the separator of a Vietnamese Windows (`;`)
 * and of an English one (`,`): text a clerk typed, an OS user name or an I-VAN message never becomes a formula
 * (OWASP "CSV Injection"), quotes, separators and line breaks stay inside their cell, Vietnamese text survives
 * (UTF-8 with BOM), and a negative amount stays a number.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { createDossier, markSigned, transition } from '../../../electron/declarations/dossier-repo';
import { csvDocument } from '../../../shared/csv';
import { createTestContext, type TestContext } from '../../support/context';
import { openInCalc, type CalcCell } from '../../support/libreoffice';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { BEFORE_DEADLINE, draft, signedDossier, testCertSigner } from '../ivan/fixtures';

/** OWASP's list (= + - @ tab CR), Excel's DDE form, and a formula hidden behind the other locale's separator. */
const ATTACKS = [
  '=HYPERLINK("http://x","y")',
  "=cmd|' /C calc'!A0",
  '+1+2',
  '-1+2',
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
  'Nguyễn Văn A,=1+1',
  'Lê Thị B;=1+1',
  'x"y;=1+1',
];

let dir: string;
let ctx: TestContext;

beforeAll(() => {
  dir = makeTempDir('kekhai-written-csv-');
  process.env.KEKHAI_KEY_FILE = join(dir, 'keys', 'ivan.key');
  ctx = createTestContext();
});
afterAll(() => {
  ctx?.close();
  removeDir(dir);
});

function write(name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const formulas = (cells: CalcCell[]) => cells.filter((c) => c.formula !== null);
const texts = (cells: CalcCell[]) => cells.map((c) => c.value ?? '');

describe('shared/csv.ts as Calc reads it', () => {
  const rows = [
    ...ATTACKS.map((a) => [a, 'text']),
    ['-500000', 'money'],
    ['-1.234.567', 'money'],
    ['Đặng Thị Ngọc Hà', 'Vietnamese'],
    ['dòng 1\r\ndòng 2', 'line break'],
    ['a\u0000b', 'NUL'],
  ];
  const file = () => write('doc.csv', csvDocument(['Giá trị', 'Loại'], rows));

  test('starts with the UTF-8 BOM and ends lines with CRLF', () => {
    const text = csvDocument(['Giá trị'], [['x']]);
    expect(text.startsWith('\ufeffGiá trị\r\n')).toBe(true);
  });

  test.each([';', ','] as const)(
    'separator %j: no cell is a formula; every cell stays in its row and column',
    (sep) => {
      const cells = openInCalc(file(), dir, { separator: sep });
      expect(formulas(cells)).toEqual([]);
      if (sep === ';') {
        // One value per row in column A, the label in B: nothing split, nothing merged.
        expect(cells.filter((c) => c.ref.startsWith('A')).map((c) => c.ref)).toEqual([
          'A1',
          ...rows.map((_, i) => `A${i + 2}`),
        ]);
        expect(cells.some((c) => /^[C-Z]/.test(c.ref))).toBe(false);
      }
      const shown = texts(cells);
      expect(shown.some((t) => t.includes('Đặng Thị Ngọc Hà'))).toBe(true);
      expect(shown.some((t) => t.includes('\u0000'))).toBe(false);
    },
  );

  test('a negative amount is still a number; the attacks are text', () => {
    const cells = openInCalc(file(), dir, { separator: ';' });
    const a = (row: number) => cells.find((c) => c.ref === `A${row}`)!;
    const money = ATTACKS.length + 2;
    expect(a(money)).toMatchObject({ type: 'n', value: '-500000' });
    for (let i = 0; i < ATTACKS.length; i++) expect(a(i + 2).type, ATTACKS[i]).toBe('s');
    expect(a(money + 3).value).toBe('dòng 1\ndòng 2');
  });
});

describe('files the app exports', () => {
  test('audit.export csv: an OS user name and a transition note that look like formulas stay text', async () => {
    const d = createDossier(ctx.db, draft(1) as unknown as Record<string, unknown>, { at: BEFORE_DEADLINE });
    const envelope = await signedDossier(await testCertSigner(), 1);
    markSigned(ctx.db, d.id, {
      envelope,
      sha256: createHash('sha256').update(envelope).digest('hex'),
      signer: 'test',
      mst: null,
      paperCopyRequired: true,
      at: BEFORE_DEADLINE,
    });
    transition(ctx.db, d.id, 'queued', { at: BEFORE_DEADLINE, actor: ATTACKS[1], note: 'Từ chối, =1+1' });
    transition(ctx.db, d.id, 'sent', { at: BEFORE_DEADLINE, actor: 'ketoan,=2+2', note: ATTACKS[0] });
    const r = await ctx.value('audit.export', { format: 'csv' });
    const file = write('nhat-ky.csv', Buffer.from(r.file.base64, 'base64'));
    for (const sep of [';', ','] as const) {
      const cells = openInCalc(file, dir, { separator: sep });
      expect(formulas(cells), sep).toEqual([]);
    }
  });

  test('ivan.exportPeriod danh-sach.csv: a unit name typed as a formula stays text', async () => {
    await ctx.value('unit.add', { ...SAIGON_UNIT, name: '=HYPERLINK("http://x","Bấm vào"),=1+1' });
    const signer = await testCertSigner();
    await ctx.value('ivan.outboxAdd', {
      file: { name: 'BHXHDienTu.xml', base64: Buffer.from(await signedDossier(signer, 3)).toString('base64') },
      endpoint: 'http://127.0.0.1:9/',
      dossierId: '@SUM(1+1)',
    });
    const z = await ctx.value('ivan.exportPeriod', { period: '10/2015' });
    const csv = write('danh-sach.csv', unzipSync(Buffer.from(z.file.base64, 'base64'))['danh-sach.csv']!);
    for (const sep of [';', ','] as const) {
      const cells = openInCalc(csv, dir, { separator: sep });
      expect(formulas(cells), sep).toEqual([]);
      // The clerk still reads the name, marked as text where a spreadsheet would have started a formula.
      if (sep === ';') expect(texts(cells)).toContain(`'=HYPERLINK("http://x","Bấm vào"),'=1+1`);
    }
  });
});
