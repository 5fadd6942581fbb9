import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { LEDGER_UNIT } from '../../support/units';

/**
 * An absence already over when it is recorded leaves the person working; "over" means its last day is before today
 * in Vietnam. At 01/11/2026 00:30 there (31/10/2026 17:30 UTC) a sick leave ending 31/10/2026 is over; at
 * 31/10/2026 23:30 there (16:30 UTC) it is still running. Whatever the process's zone: the clock is fixed.
 */
describe('employee.event: the end of an absence against today in Vietnam', () => {
  let ctx: TestContext;
  afterEach(() => ctx.close());

  async function sickUntil31October(now: string): Promise<string> {
    ctx = createTestContext({ now: new Date(now) });
    await ctx.value('unit.add', LEDGER_UNIT);
    const e = await ctx.value('employee.save', {
      unitCode: LEDGER_UNIT.code,
      employee: {
        fullName: 'Trần Văn An',
        birthDate: '01/01/1980',
        gender: 'M',
        cccd: '001080000001',
        jobTitle: 'Kỹ sư',
        salary: 5_000_000,
        contractStart: '01/03/2013',
      },
    });
    await ctx.value('employee.event', {
      unitCode: LEDGER_UNIT.code,
      employee: '001080000001',
      kind: 'sick',
      effective: '12/10/2026',
      end: '31/10/2026',
    });
    return (await ctx.value('employee.get', { id: e.id })).status;
  }

  it('01/11/2026 00:30 in Vietnam: the leave ended yesterday, the person is working', async () => {
    expect(await sickUntil31October('2026-10-31T17:30:00Z')).toBe('working');
  });

  it('31/10/2026 23:30 in Vietnam: the leave runs until tonight, the person is on sick leave', async () => {
    expect(await sickUntil31October('2026-10-31T16:30:00Z')).toBe('sick');
  });
});
