import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';

/**
 * Without `asOf`, the code list is the one in force on today's date in Vietnam. The 34-province list
 * (resources/codes/provinces/2025-07-01.csv, Nghị quyết 202/2025/QH15) applies from 00:00 on 01/07/2025 there —
 * 30/06/2025 17:00 UTC — and the earlier list (2008-08-01.csv: 63 provinces and 00 Trung ương) until 23:59:59 on
 * 30/06/2025.
 */
describe('codes.search: the list of the day in Vietnam', () => {
  let ctx: TestContext;
  afterEach(() => ctx.close());
  const provincesAt = async (now: string) => {
    ctx = createTestContext({ now: new Date(now) });
    const r = await ctx.value('codes.search', { list: 'provinces', limit: 100 });
    return { validFrom: r.validFrom, total: r.total };
  };

  it('01/07/2025 00:30 in Vietnam (30/06 17:30 UTC): the 34 provinces', async () => {
    expect(await provincesAt('2025-06-30T17:30:00Z')).toEqual({ validFrom: '2025-07-01', total: 34 });
  });

  it('30/06/2025 23:59:59 in Vietnam (16:59:59 UTC): still the earlier list', async () => {
    expect(await provincesAt('2025-06-30T16:59:59Z')).toEqual({ validFrom: '2008-08-01', total: 64 });
  });
});
