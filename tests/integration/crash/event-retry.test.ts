/**
 * What "the same event again" means for `employee.event` (db-commands.test.ts kills it mid-way): recorded twice in a
 * row — a retry after a kill that came once it had committed — it is one event and one history row; a change back
 * (salary A, then B, then A) is three events and leaves salary A.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { LEDGER_UNIT } from '../../support/units';

describe('employee.event recorded again', () => {
  let dir: string;
  let ctx: TestContext;
  beforeEach(async () => {
    dir = makeTempDir('kekhai-event-retry-');
    ctx = createTestContext({ dataDir: join(dir, 'app'), now: new Date('2015-10-20T03:00:00Z') });
    await ctx.value('unit.add', LEDGER_UNIT);
    await ctx.value('employee.save', {
      unitCode: LEDGER_UNIT.code,
      employee: {
        fullName: 'Vũ Thị Giang',
        birthDate: '07/07/1990',
        gender: 'F',
        cccd: '001190000007',
        salary: 4_000_000,
      },
    });
  });
  afterEach(() => {
    ctx.close();
    removeDir(dir);
  });

  const salaryEvent = (salary: number) =>
    ctx.value('employee.event', {
      unitCode: LEDGER_UNIT.code,
      employee: '001190000007',
      kind: 'salary',
      effective: '01/10/2015',
      salary,
    });
  const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;

  it('twice in a row: one event, one history row', async () => {
    const first = await salaryEvent(5_000_000);
    const history = count('SELECT count(*) AS n FROM employee_history');
    const again = await salaryEvent(5_000_000);
    expect(again.event).toEqual(first.event);
    expect(count('SELECT count(*) AS n FROM roster_events')).toBe(1);
    expect(count('SELECT count(*) AS n FROM employee_history')).toBe(history);
  });

  it('A, B, then A again: three events, salary back to A', async () => {
    await salaryEvent(5_000_000);
    await salaryEvent(6_000_000);
    await salaryEvent(5_000_000);
    expect(count('SELECT count(*) AS n FROM roster_events')).toBe(3);
    const e = (await ctx.value('employee.list', { unitCode: LEDGER_UNIT.code })).items[0]!;
    expect(e.salary).toBe(5_000_000);
  });
});
