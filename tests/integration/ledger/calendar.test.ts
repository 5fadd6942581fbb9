import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { LEDGER_UNIT } from '../../support/units';

describe('the unit’s working calendar is a setting of the ledger (default 26 days)', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = createTestContext({ now: new Date('2015-11-25T03:00:00Z') });
  });
  afterEach(() => ctx.close());

  it('moves a start on Thursday 19/11/2015 between months: 15 Monday–Saturday days before it, 13 Monday–Friday days', async () => {
    await ctx.value('unit.add', LEDGER_UNIT);
    await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      employee: {
        fullName: 'Đỗ Văn Phúc',
        birthDate: '06/06/1992',
        gender: 'M',
        cccd: '001092000006',
        jobTitle: 'Bảo vệ',
        salary: 5_500_000,
        contractStart: '19/11/2015',
        contractSigned: '19/11/2015',
        contractNumber: '6/HĐLĐ',
      },
    });
    expect(await ctx.value('ledger.calendar', { unitCode: 'TA0001A' })).toEqual({
      unitCode: 'TA0001A',
      calendar: '26',
    });
    expect((await ctx.value('dossier.propose', { unitCode: 'TA0001A', period: '11/2015' })).rows).toEqual([]);
    await ctx.value('ledger.calendar', { unitCode: 'TA0001A', calendar: '22' });
    const p = await ctx.value('dossier.propose', { unitCode: 'TA0001A', period: '11/2015' });
    expect(p.rows.map((r) => `${r.plan} ${r.fromMonth}`)).toEqual(['TM 11/2015']);
    expect(p.rows[0]!.reason).toContain('13 ngày làm việc trước đó');
    const bad = await ctx.call('ledger.calendar', { unitCode: 'TA0001A', calendar: '30' as never });
    expect(bad.ok).toBe(false);
  });
});
