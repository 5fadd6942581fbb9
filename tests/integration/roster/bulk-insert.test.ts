import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLANK_EMPLOYEE, type EmployeeFields } from '../../../shared/contract/roster';
import { BULK_ROWS, EmployeeStore } from '../../../electron/roster/employee-store';
import { searchText } from '../../../electron/roster/columns';
import { createTestContext, type TestContext } from '../../support/context';
import { HEADERS, makeEmployees, toRow, xlsxBuffer } from '../../fixtures/roster/generate';

/**
 * Bulk inserts leave out the columns whose value SQLite would store anyway (their DEFAULT or NULL): the rows they
 * store must be exactly those of the one-row INSERT that binds every column, whatever mix of filled and default
 * columns the rows have — including more column sets than the statement cache keeps.
 */
const UNIT_A = { code: 'TS12345', name: 'Công ty A', taxCode: '0100109106', agencyCode: '07906', wageRegion: '01' };
const UNIT_B = { code: 'TS54321', name: 'Công ty B', taxCode: '0100109106', agencyCode: '07906', wageRegion: '01' };
const AT = '2026-01-15T03:00:00.000Z';

/** Optional fields and a non-default value for each: bit i of a mask fills OPTIONAL[i]. */
const OPTIONAL: [keyof EmployeeFields, string | number][] = [
  ['nationality', 'US'],
  ['allowancePosition', 450_000],
  ['status', 'left'],
  ['wageRegion', '02'],
  ['hospitalCode', '79024'],
  ['salary', 7_410_000],
  ['salaryKind', 'coefficient'],
  ['department', 'Kho'],
];

function employee(i: number, mask: number): EmployeeFields {
  const base = makeEmployees(1, 1000 + i)[0]!;
  const e: Record<string, unknown> = {
    ...BLANK_EMPLOYEE,
    fullName: base.fullName,
    birthDate: base.birthDate,
    gender: base.gender === 'Nam' ? 'M' : 'F',
    insuranceNumber: String(7900000000 + i),
    cccd: '',
    salary: null,
  };
  OPTIONAL.forEach(([field, value], bit) => {
    if (mask & (1 << bit)) e[field] = value;
  });
  if (e.salaryKind === 'coefficient') e.salary = 2.34;
  return e as unknown as EmployeeFields;
}

/** Every stored column but the ids and unit, with SQLite's storage class of each value. */
function stored(ctx: TestContext, unitCode: string): unknown[] {
  const cols = (ctx.db.prepare("SELECT name FROM pragma_table_info('employees')").all() as { name: string }[])
    .map((c) => c.name)
    .filter((c) => !['id', 'unit_id'].includes(c));
  return ctx.db
    .prepare(
      `SELECT ${cols.map((c) => `${c}, typeof(${c}) AS ${c}_type`).join(', ')} FROM employees
       WHERE unit_id = (SELECT id FROM units WHERE code = ?) ORDER BY id`,
    )
    .all(unitCode);
}

describe('bulk insert of imported employees', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date(AT) });
    await ctx.value('unit.add', UNIT_A);
    await ctx.value('unit.add', UNIT_B);
  });
  afterEach(() => ctx.close());

  it('stores what the full one-row INSERT stores, for 70 different sets of filled columns', () => {
    const unitId = (code: string) =>
      (ctx.db.prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: number }).id;
    const store = new EmployeeStore(ctx.db);
    // 70 batches, each with its own set of filled columns (more than the 64 statements kept), plus a short batch.
    const batches: EmployeeFields[][] = [];
    let n = 0;
    for (let mask = 0; mask < 70; mask++)
      batches.push(Array.from({ length: BULK_ROWS }, (_, j) => employee(n++, j === 3 ? mask & 0x0f : mask)));
    batches.push(Array.from({ length: 5 }, () => employee(n++, 0b1010_1010)));
    ctx.db.transaction(() => {
      for (const rows of batches) {
        const { first, last } = store.insertBulk(
          unitId(UNIT_A.code),
          rows.map((value) => ({ value, search: searchText(value) })),
          AT,
          'import',
        );
        expect(last - first + 1).toBe(rows.length);
        for (const value of rows) store.insertOnly(unitId(UNIT_B.code), value, AT);
      }
    })();
    const a = stored(ctx, UNIT_A.code);
    expect(a).toHaveLength(n);
    expect(a).toEqual(stored(ctx, UNIT_B.code));
    // The unit and timestamps, bound once per statement, are every row's.
    expect(a).toContainEqual(expect.objectContaining({ created_at: AT, updated_at: AT }));
    expect(a.every((r) => (r as { created_at: string }).created_at === AT)).toBe(true);
    // Both paths really were exercised: defaults left out (nationality VN) and filled (US), REAL kept REAL.
    expect(a).toContainEqual(expect.objectContaining({ nationality: 'VN', allowance_position: 0 }));
    expect(a).toContainEqual(
      expect.objectContaining({ nationality: 'US', allowance_position: 450_000, allowance_position_type: 'real' }),
    );
    const created = ctx.db.prepare(`SELECT count(*) AS n FROM employee_history WHERE new_value = 'created'`).get();
    expect(created).toEqual({ n });
  });

  it('an import returns before the WAL is copied into the database, and the copy follows at once', async () => {
    const before = ctx.db.pragma('wal_autocheckpoint', { simple: true });
    const file = {
      name: 'ds.xlsx',
      base64: (await xlsxBuffer(HEADERS, makeEmployees(3000, 9).map(toRow))).toString('base64'),
    };
    const r = await ctx.value('roster.importCommit', { unitCode: UNIT_A.code, file });
    expect(r.imported).toBe(3000);
    // Still held right after the call (its WAL frames not yet copied)…
    expect(ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await new Promise((done) => setImmediate(done));
    // …then checkpointed and the setting restored.
    expect(ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    const [cp] = ctx.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    expect(cp!.log).toBe(cp!.checkpointed);
    expect(ctx.db.prepare('SELECT count(*) AS n FROM employees').get()).toEqual({ n: 3000 });
  });
});
