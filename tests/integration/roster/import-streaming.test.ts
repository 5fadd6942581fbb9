import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullXlsxRows, streamXlsxRows } from '../../../electron/roster/xlsx-worker';
import { readXlsx } from '../../../electron/roster/read-xlsx';
import type { SheetRow } from '../../../electron/roster/sheet';
import { createTestContext, type TestContext } from '../../support/context';
import { HEADERS, makeEmployees, toRow, xlsxBuffer } from '../../fixtures/roster/generate';
import { damageCrc, handMade, HEAD, NS } from '../../support/hand-made-xlsx';

const UNIT = { code: 'TS12345', name: 'Công ty May', taxCode: '0100109106', agencyCode: '07906', wageRegion: '01' };
const blob = (bytes: Buffer) => ({ name: 'ds.xlsx', base64: bytes.toString('base64') });

/**
 * The .xlsx commit reads the file on a parsing thread and writes rows while it reads (multi-row INSERTs, one
 * transaction): it must report and write exactly what the preview announced, with a "created" history row per
 * employee, and roll back everything when the file cannot be imported.
 */
describe('streaming .xlsx commit (parsing thread + bulk inserts)', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  it('the parsing thread yields the same cells as the in-thread reader, synchronously and asynchronously', async () => {
    const rows = makeEmployees(2500, 3).map(toRow);
    rows[7]![3] = new Date(Date.UTC(1990, 4, 17)) as never;
    const bytes = await xlsxBuffer(HEADERS, rows);
    const direct = (await readXlsx(bytes)).rows;
    const pulled: SheetRow[] = [];
    pullXlsxRows(bytes, undefined, (b) => pulled.push(...b));
    const streamed: SheetRow[] = [];
    await streamXlsxRows(bytes, undefined, (b) => streamed.push(...b));
    expect(pulled).toEqual(direct);
    expect(streamed).toEqual(direct);
  });

  it('writes what the preview announced: inserts, updates, rejected rows, one "created" history row per new employee', async () => {
    const first = makeEmployees(40, 4);
    await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: blob(await xlsxBuffer(HEADERS, first.slice(0, 10).map(toRow))),
    });
    // 37 rows (not a multiple of the bulk size): 10 already in the roster (3 changed), 27 new, 1 duplicate, 1 bad CCCD.
    const rows = first.map(toRow);
    for (const i of [0, 1, 2]) rows[i]![6] = 'Quản đốc'; // not a title the generator picks
    rows[20]![2] = rows[19]![2]!; // duplicate mã số of the row before
    rows[25]![5] = '079000000000'; // CCCD with the wrong birth year
    const file = blob(await xlsxBuffer(HEADERS, rows.slice(0, 37)));
    const preview = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file });
    expect(preview).toMatchObject({ totalRows: 37, toInsert: 25, toUpdate: 3, rejectedRows: 2 });
    const result = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file });
    expect(result.imported).toBe(25);
    expect(result.updated).toBe(3);
    expect(result.rejected.map((r) => [r.row, r.code])).toEqual([
      [22, 'DUPLICATE_IN_FILE'],
      [27, 'CCCD_BIRTH_YEAR'],
    ]);
    expect(ctx.db.prepare('SELECT count(*) AS n FROM employees').get()).toEqual({ n: 35 });
    const created = ctx.db
      .prepare(
        `SELECT count(*) AS n, count(DISTINCT employee_id) AS d FROM employee_history WHERE field = '*' AND new_value = 'created'`,
      )
      .get();
    expect(created).toEqual({ n: 35, d: 35 });
    const orphan = ctx.db
      .prepare(
        `SELECT count(*) AS n FROM employees e WHERE NOT EXISTS (SELECT 1 FROM employee_history h WHERE h.employee_id = e.id AND h.field = '*')`,
      )
      .get();
    expect(orphan).toEqual({ n: 0 });
    const changed = ctx.db
      .prepare(`SELECT count(*) AS n FROM employee_history WHERE field = 'jobTitle' AND new_value = 'Quản đốc'`)
      .get();
    expect(changed).toEqual({ n: 3 });
  });

  it('a file without a required column is refused and writes nothing', async () => {
    const bytes = await xlsxBuffer(
      ['STT', 'Họ và tên', 'Mã số BHXH'],
      makeEmployees(3000, 6).map((e, i) => [i + 1, e.fullName, e.insuranceNumber]),
    );
    const r = await ctx.call('roster.importCommit', { unitCode: UNIT.code, file: blob(bytes) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('MAPPING_INCOMPLETE');
    expect(ctx.db.prepare('SELECT count(*) AS n FROM employees').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM employee_history').get()).toEqual({ n: 0 });
  });

  it('reads shared strings on the parsing thread as the in-thread reader does: a row of empty strings left out, a missing one named', () => {
    const sst = `${HEAD}<sst xmlns="${NS}"><si><t>Họ và tên</t></si><si><t></t></si><si><t>Lê Văn Tám</t></si></sst>`;
    const sheet = (rows: string) => `${HEAD}<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`;
    const good = Buffer.from(
      handMade(
        {
          'xl/worksheets/sheet1.xml': sheet(
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>' +
              '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="s"><v>1</v></c><c r="C3"><v>7</v></c></row>',
          ),
          'xl/sharedStrings.xml': sst,
        },
        { sheets: ['Danh sách'] },
      ),
    );
    const pulled: SheetRow[] = [];
    pullXlsxRows(good, undefined, (b) => pulled.push(...b));
    expect(pulled).toEqual(readXlsx(good).rows);
    expect(pulled).toEqual([
      { row: 1, cells: ['Họ và tên'] },
      { row: 3, cells: ['Lê Văn Tám', null, 7] },
    ]);
    const missing = Buffer.from(
      handMade(
        {
          'xl/worksheets/sheet1.xml': sheet('<row r="4"><c r="A4"><v>1</v></c><c r="D4" t="s"><v>9</v></c></row>'),
          'xl/sharedStrings.xml': sst,
        },
        { sheets: ['Danh sách'] },
      ),
    );
    // Two cells at one column (invalid, but seen): the last counts, on the parsing thread as in the reader.
    const twice = Buffer.from(
      handMade({
        'xl/worksheets/sheet1.xml': sheet(
          '<row r="5"><c r="A5" t="s"><v>0</v></c><c r="A5" t="s"><v>2</v></c><c r="B5" t="s"><v>2</v></c><c r="B5"><v>3</v></c></row>',
        ),
        'xl/sharedStrings.xml': sst,
      }),
    );
    const pulledTwice: SheetRow[] = [];
    pullXlsxRows(twice, undefined, (b) => pulledTwice.push(...b));
    expect(pulledTwice).toEqual(readXlsx(twice).rows);
    expect(pulledTwice).toEqual([{ row: 5, cells: ['Lê Văn Tám', 3] }]);
    expect(() => pullXlsxRows(missing, undefined, () => undefined)).toThrow(
      /trang "Danh sách", ô D4: chuỗi dùng chung số 9 không tồn tại/,
    );
    expect(() => readXlsx(missing)).toThrow(/trang "Danh sách", ô D4: chuỗi dùng chung số 9 không tồn tại/);
    // The table is read alongside the sheet, as far as its cells need, and the rest once the sheet is read: a table
    // damaged past the strings used is refused on the parsing thread too.
    const long = `${HEAD}<sst xmlns="${NS}"><si><t>Họ và tên</t></si>${Array.from({ length: 100_000 }, (_, i) => `<si><t>${(i * 7919).toString(36)}</t></si>`).join('')}</sst>`;
    const damaged = damageCrc(
      Buffer.from(
        handMade({
          'xl/worksheets/sheet1.xml': sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
          'xl/sharedStrings.xml': long,
        }),
      ),
      'xl/sharedStrings.xml',
    );
    expect(() => pullXlsxRows(damaged, undefined, () => undefined)).toThrow(
      /phần xl\/sharedStrings\.xml bị hỏng \(sai mã kiểm tra CRC-32\)/,
    );
  });
});
