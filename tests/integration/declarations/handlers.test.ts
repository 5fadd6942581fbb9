import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { baseDraft, tmRow } from '../../unit/declarations/fixtures/make-draft';

const NOW = new Date('2015-10-15T03:00:00.000Z');

describe('declarations and dossier methods through the dispatcher', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = createTestContext({ now: NOW });
  });
  afterEach(() => ctx.close());

  async function unitWithRoster() {
    await ctx.value('unit.add', {
      code: 'TA0001A',
      name: 'Công ty TNHH Mẫu',
      taxCode: '2800123452',
      agencyCode: '03801',
      wageRegion: '02',
      ivanProvider: '00001',
      signer: 'Lê Văn Ký',
    });
    const base = {
      birthDate: '12/05/1990',
      gender: 'F' as const,
      jobTitle: 'Kế toán',
      salary: 3_500_000,
      wageRegion: '02',
    };
    const hired = await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      effectiveDate: '01/10/2015',
      employee: {
        ...base,
        fullName: 'Nguyễn Thị Lan',
        cccd: '038190012345',
        contractNumber: '12/2015/HĐLĐ',
        contractSigned: '01/10/2015',
        contractStart: '01/10/2015',
        contractType: 'fixed',
      },
    });
    const old = await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      effectiveDate: '01/01/2015',
      employee: {
        ...base,
        fullName: 'Trần Văn Bình',
        gender: 'M',
        birthDate: '01/01/1985',
        insuranceNumber: '3815012345',
      },
    });
    const mom = await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      effectiveDate: '01/01/2015',
      employee: { ...base, fullName: 'Lê Thị Mai', insuranceNumber: '3815099999' },
    });
    // Both were already known to BHXH ("Đã tham gia BHXH từ tháng" on the employee form).
    for (const e of [old, mom])
      await ctx.value('ledger.participatingSince', { unitCode: 'TA0001A', employeeId: e.id, since: '01/2015' });
    // This month: Bình leaves, Mai goes on maternity leave and gets a raise.
    await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      id: old.id,
      effectiveDate: '20/10/2015',
      employee: {
        ...base,
        fullName: 'Trần Văn Bình',
        gender: 'M',
        birthDate: '01/01/1985',
        insuranceNumber: '3815012345',
        status: 'left',
      },
    });
    await ctx.value('employee.save', {
      unitCode: 'TA0001A',
      id: mom.id,
      effectiveDate: '05/10/2015',
      employee: {
        ...base,
        fullName: 'Lê Thị Mai',
        insuranceNumber: '3815099999',
        status: 'maternity',
        salary: 4_000_000,
      },
    });
    return { hired };
  }

  it('creates an empty dossier from the roster unit, with the next batch number', async () => {
    await unitWithRoster();
    const a = await ctx.value('dossier.create', { unitCode: 'TA0001A', period: '10/2015' });
    expect(a).toMatchObject({
      state: 'draft',
      batch: 1,
      draft: { unit: { name: 'Công ty TNHH Mẫu', taxCode: '2800123452' }, ivan: '00001', createdOn: '15/10/2015' },
    });
    const b = await ctx.value('dossier.create', { unitCode: 'TA0001A', period: '10/2015' });
    expect(b.batch).toBe(2);
    expect(a.validation.problems.map((p) => p.code)).toContain('NO_ROWS');
  });

  it('rows from roster events dated by their effective dates: hire → TM, maternity → TS, raise → DC now; a leave on the 20th → GH next month', async () => {
    await unitWithRoster();
    const d = await ctx.value('dossier.create', { unitCode: 'TA0001A', period: '10/2015' });
    const r = await ctx.value('dossier.fromRosterEvents', {
      id: d.id,
      unitCode: 'TA0001A',
      period: '10/2015',
      append: true,
    });
    expect(r.saved).toBe(true);
    expect(r.rows.map((x) => `${x.plan}:${x.fullName}`).sort()).toEqual(
      ['DC:Lê Thị Mai', 'TM:Nguyễn Thị Lan', 'TS:Lê Thị Mai'].sort(),
    );
    const got = await ctx.value('dossier.get', { id: d.id });
    expect(got.rowCount).toBe(3);
    const tm = (got.draft.rows as { plan: string; contract: { number: string } }[]).find((x) => x.plan === 'TM')!;
    expect(tm.contract.number).toBe('12/2015/HĐLĐ');
    // The rows already in this draft are not offered again.
    expect(
      (await ctx.value('dossier.fromRosterEvents', { id: d.id, unitCode: 'TA0001A', period: '10/2015' })).rows,
    ).toEqual([]);
    // Gone from 20/10/2015: 20–24 and 26–31 = 11 working days < 14, so October is still paid and the GH is from 11/2015.
    const nov = await ctx.value('dossier.fromRosterEvents', { unitCode: 'TA0001A', period: '11/2015' });
    // October's rows sit in a draft nobody filed yet, so November still offers them (as late items).
    expect(nov.rows.map((x) => `${x.plan}:${x.fullName}:${x.fromMonth}`).sort()).toEqual([
      'DC:Lê Thị Mai:10/2015',
      'GH:Trần Văn Bình:11/2015',
      'TM:Nguyễn Thị Lan:10/2015',
      'TS:Lê Thị Mai:10/2015',
    ]);
  });

  it('exports and re-imports a draft; prints; deletes only drafts', async () => {
    const d = await ctx.value('dossier.create', { draft: baseDraft('10/2015', [tmRow()]) as Record<string, unknown> });
    expect(d.validation.ok).toBe(true);
    const file = await ctx.value('dossier.exportDraft', { id: d.id });
    expect(file.name).toBe('kekhai-draft-TA0001A-10-2015-dot1.json');
    const back = await ctx.value('dossier.importDraft', { file });
    expect(back.draft).toEqual(d.draft);
    const html = await ctx.value('dossier.printHtml', { id: d.id });
    expect(html.title).toBe('Hồ sơ TA0001A kỳ 10/2015 đợt 1');
    expect(html.html).toContain('Người lập biểu');
    expect(await ctx.value('dossier.delete', { id: back.id })).toEqual({ deleted: true });
    const list = await ctx.value('dossier.list', { unitCode: 'TA0001A' });
    expect(list.dossiers.map((x) => x.id)).toEqual([d.id]);
    const bad = await ctx.call('dossier.importDraft', {
      file: { name: 'x.json', base64: Buffer.from('{"format":"nope"}').toString('base64') },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
  });

  it('build refuses a draft with errors and returns forms with hashes otherwise; rules by month', async () => {
    const bad = await ctx.call('declarations.build', {
      draft: baseDraft('10/2015', [tmRow({ salary: 10 ** 5 })]) as Record<string, unknown>,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect((bad.error.details as { problems: { field: string }[] }).problems[0]!.field).toBe('rows[0].salary');
    const good = await ctx.value('declarations.build', {
      draft: baseDraft('10/2015', [tmRow()]) as Record<string, unknown>,
    });
    expect(good.files.map((f) => f.fileName)).toEqual(['D02-TS-595.xml', 'TK1-TS-595.xml']);
    expect(Buffer.from(good.files[0]!.base64, 'base64').toString('utf8')).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><D02-TS>/,
    );
    const rules = await ctx.value('declarations.rules', { month: '01/2026' });
    expect(rules).toMatchObject({ baseSalary: 2_340_000, regionalMinimum: { '01': 5_310_000 } });
    expect(rules.caps.find((c) => c.fund === 'unemployment')!.amountByRegion['01']).toBe(106_200_000);
  });
});
