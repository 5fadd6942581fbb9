import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyAcceptedDossier } from '../../../electron/ledger/write-back';
import { createTestContext, type TestContext } from '../../support/context';
import { LEDGER_UNIT } from '../../support/units';

describe('an accepted result written back into the ledger', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = createTestContext({ now: new Date('2015-10-20T03:00:00Z') });
  });
  afterEach(() => ctx.close());

  it('is idempotent, and never gives a mã số already held by someone else in the unit', async () => {
    await ctx.value('unit.add', LEDGER_UNIT);
    const base = {
      birthDate: '01/01/1990',
      jobTitle: 'NV',
      salary: 5_000_000,
      contractNumber: '1/HĐ',
      contractSigned: '01/10/2015',
      contractStart: '01/10/2015',
    };
    await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      employee: { ...base, fullName: 'Nguyễn Văn An', gender: 'M', cccd: '001090000001' },
    });
    await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      employee: { ...base, fullName: 'Trần Văn Bảo', gender: 'M', cccd: '001090000002', insuranceNumber: '0399999999' },
    });
    await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      employee: { ...base, fullName: 'Lê Văn Cường', gender: 'M', cccd: '001090000003', contractStart: '' },
    });
    const p = await ctx.value('dossier.propose', { unitCode: 'TA0001A', period: '10/2015' });
    expect(p.rows.map((r) => r.fullName).sort()).toEqual(['Nguyễn Văn An', 'Trần Văn Bảo']);
    const d = await ctx.value('dossier.create', { draft: p.draft });
    const at = new Date('2015-10-25T03:00:00Z');
    // BHXH answers with An's new number, and (wrongly) Bảo's number for Cường: that one is not written.
    const numbers = [
      { idNumber: '001090000001', fullName: 'Nguyễn Văn An', insuranceNo: '0390000001' },
      { idNumber: '001090000003', fullName: 'Lê Văn Cường', insuranceNo: '0399999999' },
    ];
    expect(applyAcceptedDossier(ctx.db, d.id, at, numbers)).toEqual({ rows: 2, numbers: 1 });
    expect(applyAcceptedDossier(ctx.db, d.id, at, numbers)).toEqual({ rows: 2, numbers: 0 });
    const count = (
      ctx.db
        .prepare("SELECT count(*) AS n FROM ledger_participation WHERE dossier_id = ? AND fund = 'pension'")
        .get(d.id) as { n: number }
    ).n;
    expect(count).toBe(2);
    const an = (await ctx.value('employee.list', { unitCode: 'TA0001A', search: '0390000001' })).items;
    expect(an.map((e) => e.fullName)).toEqual(['Nguyễn Văn An']);
    const cuong = (await ctx.value('employee.list', { unitCode: 'TA0001A', search: '001090000003' })).items[0]!;
    expect(cuong.insuranceNumber).toBe('');
    const s = await ctx.value('ledger.statement', { unitCode: 'TA0001A', period: '10/2015' });
    // 2 × 5.000.000 × 32,5 %.
    expect(s).toMatchObject({ employees: 2, total: 3_250_000 });
  });
});
