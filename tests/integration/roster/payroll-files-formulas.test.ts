import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { python } from '../../fixtures/roster/other-writers/lo';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT as UNIT, fileBlob as blob } from '../../support/units';

/**
 * A payroll sheet whose amounts are formulas: Excel stores each result to 17 significant digits
 * (=5310000*1,1 → 5841000.0000000009), built here by Python's zipfile
 * (tests/fixtures/roster/payroll-files/make-xlsx.py). The amount is the one Excel shows; a real half đồng is refused.
 * Seniority allowances in cells formatted as percentages hold the fraction (5 % is 0.05): stored as the percent.
 */
const MAKE = join(process.cwd(), 'tests/fixtures/roster/payroll-files/make-xlsx.py');
let dir: string;
beforeAll(() => {
  dir = makeTempDir('kekhai-payroll-formulas-');
  python(readFileSync(MAKE, 'utf8'), [join(dir, 'luong.xlsx')]);
});
afterAll(() => removeDir(dir));

describe('formula results in a payroll .xlsx', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  it('are read to the 15 digits Excel shows: a computed raise is whole đồng, a coefficient exact', async () => {
    const sheet = readFileSync(join(dir, 'luong.xlsx'));
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT.code, file: blob('luong.xlsx', sheet) });
    expect(r.rejected.map((p) => p.message)).toEqual(['Dòng 4, cột "Tiền lương": tiền lương phải là số đồng nguyên']);
    expect(r).toMatchObject({ imported: 2, rejectedRows: 1 });
    const people = (await ctx.value('employee.list', { unitCode: UNIT.code })).items.map((e) => [
      e.fullName,
      e.salary,
      e.salaryKind,
      e.allowancePosition,
      e.allowanceSeniorityExcess,
      e.allowanceSeniorityJob,
    ]);
    expect(people.sort()).toEqual([
      ['Nguyễn Văn Lương', 5_841_000, 'amount', 0.3, 5, 7],
      ['Trần Thị Hệ Số', 2.34, 'coefficient', 0, 0, 8],
    ]);
  });
});
