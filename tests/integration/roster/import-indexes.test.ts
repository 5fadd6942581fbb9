import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { HEADERS, makeEmployees, toRow, xlsxBuffer } from '../../fixtures/roster/generate';

const UNIT = { code: 'TS12345', name: 'Công ty May', taxCode: '0100109106', agencyCode: '07906', wageRegion: '01' };

/**
 * An import into a small roster drops the `employees` indexes and rebuilds them before committing (bulk load,
 * see electron/roster/bulk-indexes.ts): the schema must come out exactly as the migration made it, the unique
 * indexes must still hold, and the query planner must use them again.
 */
describe('import: employees indexes rebuilt inside the transaction', () => {
  let ctx: TestContext;
  const schema = () =>
    ctx.db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'employees' ORDER BY name").all();
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  it('leaves the schema unchanged, enforces uniqueness and finds rows through the indexes', async () => {
    const before = schema();
    const people = makeEmployees(300, 7);
    const bytes = await xlsxBuffer(HEADERS, people.map(toRow));
    const r = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: { name: 'ds.xlsx', base64: bytes.toString('base64') },
    });
    expect(r.imported).toBe(300);
    expect(schema()).toEqual(before);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');

    const plan = ctx.db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM employees WHERE unit_id = 1 AND insurance_number = ?')
      .all(people[0]!.insuranceNumber) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('employees_unit_insurance');
    const dup = ctx.db.prepare(
      'INSERT INTO employees (unit_id, full_name, insurance_number, birth_date, gender, nationality, salary_kind, status, birth_year, search, created_at, updated_at) SELECT unit_id, full_name, insurance_number, birth_date, gender, nationality, salary_kind, status, birth_year, search, created_at, updated_at FROM employees WHERE id = 1',
    );
    expect(() => dup.run()).toThrow(/UNIQUE/);

    // A second import of the same file matches every row (nothing new): the roster lookup still works.
    const again = await ctx.value('roster.importCommit', {
      unitCode: UNIT.code,
      file: { name: 'ds.xlsx', base64: bytes.toString('base64') },
    });
    expect(again.imported).toBe(0);
    expect(again.rejected).toEqual([]);
    expect(schema()).toEqual(before);
  });
});
