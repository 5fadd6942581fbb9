import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { SAIGON_UNIT as UNIT, fileBlob } from '../../support/units';
import { handMade, HEAD, NS } from '../../support/hand-made-xlsx';
import { MAX_PROBLEMS } from '../../../electron/roster/import-plan';

/**
 * Merged ranges over data rows: each covered cell of a mapped column is a warning naming row, column and range
 * (ECMA-376 Part 1 §18.3.1.55: only the top-left cell holds the value). Counted by hand on a small sheet; and a
 * crafted sheet of huge ranges is answered with the warnings capped and the rest counted — before, each range cost
 * 16,384 steps a row whatever the mapping (12 s for 1,000 rows and 20 ranges; this file would have been hours). No
 * time is asserted: the test harness's timeout stops a hang.
 */
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Long', 'Minh', 'Nam'];

function sheet(people: number, merges: string[]): Uint8Array {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const rows = [`<row r="1">${cell('A1', 'Họ và tên')}${cell('B1', 'Ngày sinh')}${cell('C1', 'Giới tính')}</row>`];
  for (let r = 2; r < people + 2; r++) {
    const name = `Nguyễn ${GIVEN[r % 10]} ${GIVEN[Math.floor(r / 10) % 10]} ${GIVEN[Math.floor(r / 100) % 10]} ${GIVEN[Math.floor(r / 1000) % 10]}`;
    rows.push(`<row r="${r}">${cell(`A${r}`, name)}${cell(`B${r}`, '01/02/1990')}${cell(`C${r}`, 'Nam')}</row>`);
  }
  const mergeCells = merges.map((m) => `<mergeCell ref="${m}"/>`).join('');
  return handMade({
    'xl/worksheets/sheet1.xml': `${HEAD}<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData><mergeCells count="${merges.length}">${mergeCells}</mergeCells></worksheet>`,
  });
}

describe('merged ranges over data rows', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  it('warns for each covered cell of a mapped column but the top-left one (counted by hand)', async () => {
    // Rows 2–6 are people; B3:C5 covers rows 3–5 of "Ngày sinh" and "Giới tính"; E2:F9 covers no mapped column.
    const file = fileBlob('gop.xlsx', sheet(5, ['B3:C5', 'E2:F9']));
    const p = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file });
    const where = (p.warnings ?? []).filter((w) => w.code === 'MERGED_CELL').map((w) => `${w.row} ${w.column}`);
    expect(where).toEqual(['3 Giới tính', '4 Ngày sinh', '4 Giới tính', '5 Ngày sinh', '5 Giới tính']);
    expect(p.problemsOmitted ?? 0).toBe(0);
  });

  it('answers a sheet of huge ranges with the warnings capped and every other covered cell counted', async () => {
    // 3,000 people, 200 ranges A1:XFD1048576 (the whole sheet): each covers 3,000 rows × 3 mapped columns, and its
    // top-left A1 is the header row, no data: 200 × 9,000 = 1,800,000 covered cells.
    const file = fileBlob(
      'gop-lon.xlsx',
      sheet(
        3000,
        Array.from({ length: 200 }, () => 'A1:XFD1048576'),
      ),
    );
    const p = await ctx.value('roster.importPreview', { unitCode: UNIT.code, file });
    expect(p.totalRows).toBe(3000);
    expect(p.toInsert).toBe(3000);
    expect(p.problems).toEqual([]);
    const warnings = (p.warnings ?? []).filter((w) => w.code === 'MERGED_CELL');
    expect(warnings).toHaveLength(MAX_PROBLEMS);
    expect(warnings[0]).toMatchObject({ row: 2, column: 'Họ và tên' });
    expect(p.problemsOmitted).toBe(1_800_000 - MAX_PROBLEMS);
  });
});
