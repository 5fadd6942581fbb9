import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';
import { fileBlob, SAIGON_UNIT as UNIT } from '../../support/units';
import { HEADERS, makeEmployees, toRow, xlsxBuffer } from '../../fixtures/roster/generate';
import { foldForSearch } from '../../../shared/text/fold';
export const EMP = {
  fullName: 'Nguyễn Văn An',
  insuranceNumber: '7912345678',
  birthDate: '26/04/1995',
  gender: 'M' as const,
  cccd: '079095001234',
};

describe('units and employees', () => {
  let ctx: TestContext;
  beforeEach(() => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
  });
  afterEach(() => ctx.close());

  it('adds, lists, shows and updates units with MST / agency / region checks', async () => {
    const u = await ctx.value('unit.add', { ...UNIT, ivanProvider: '00020', signer: 'Trần Thị Bích' });
    expect(u).toMatchObject({ code: 'TS12345', ivanProvider: '00020', employeeCount: 0 });
    const dup = await ctx.call('unit.add', UNIT);
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.code).toBe('CONFLICT');

    const bad = await ctx.call('unit.add', {
      ...UNIT,
      code: 'TS99999',
      taxCode: '0100109107',
      agencyCode: '7906',
      wageRegion: '05',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      const fields = (bad.error.details as { problems: { field: string; message: string }[] }).problems.map(
        (p) => p.field,
      );
      expect(fields).toEqual(['taxCode', 'agencyCode', 'wageRegion']);
      expect(bad.error.message).toContain('chữ số kiểm tra');
    }
    await ctx.value('unit.add', { ...UNIT, code: 'AB00001', name: 'Chi nhánh', taxCode: '0100109106-001' });
    expect((await ctx.value('unit.list', {})).units.map((x) => x.code)).toEqual(['AB00001', 'TS12345']);
    const up = await ctx.value('unit.update', { code: 'TS12345', patch: { wageRegion: '02', phone: '0283 123 456' } });
    expect(up).toMatchObject({ wageRegion: '02', phone: '0283 123 456', name: UNIT.name });
    expect((await ctx.value('unit.get', { code: 'TS12345' })).wageRegion).toBe('02');
  });

  it('saves employees (NFC names, CCCD against birth year and gender) and keeps a dated history', async () => {
    await ctx.value('unit.add', UNIT);
    const nfdName = 'Nguyễn Thị Ánh'.normalize('NFD');
    const e = await ctx.value('employee.save', {
      unitCode: UNIT.code,
      employee: { ...EMP, fullName: `  ${nfdName} `, gender: 'F', cccd: '079195001234' },
    });
    expect(e.fullName).toBe('Nguyễn Thị Ánh');
    expect(e.fullName).toBe(e.fullName.normalize('NFC'));

    const bad = await ctx.call('employee.save', {
      unitCode: UNIT.code,
      employee: { ...EMP, insuranceNumber: '791234', cccd: '079095001234', gender: 'F', birthDate: '1996' },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const problems = (bad.error.details as { problems: { field: string; code: string }[] }).problems;
      expect(problems.map((p) => p.field)).toEqual(['insuranceNumber', 'cccd']);
      expect(problems[1]!.code).toBe('CCCD_BIRTH_YEAR');
    }

    const later = await ctx.value('employee.save', {
      unitCode: UNIT.code,
      id: e.id,
      employee: { ...e, salary: 6_000_000, status: 'maternity' },
      effectiveDate: '01/02/2026',
    });
    expect(later.status).toBe('maternity');
    const h = (await ctx.value('employee.history', { id: e.id })).items;
    expect(h[0]).toMatchObject({ field: '*', newValue: 'created' });
    expect(h.slice(1).map((x) => [x.field, x.oldValue, x.newValue, x.effectiveDate])).toEqual([
      ['salary', null, '6000000', '01/02/2026'],
      ['status', 'working', 'maternity', '01/02/2026'],
    ]);

    // Same mã số as the first employee: refused, naming who holds it.
    const clash = await ctx.call('employee.save', {
      unitCode: UNIT.code,
      employee: { ...EMP, fullName: 'Lê Văn C', cccd: '' },
    });
    expect(clash.ok).toBe(false);
    if (!clash.ok) {
      expect(clash.error.code).toBe('CONFLICT');
      expect(clash.error.message).toContain('Nguyễn Thị Ánh');
    }
  });

  it('searches without diacritics or case, by mã số and CCCD, with filters and paging', async () => {
    await ctx.value('unit.add', UNIT);
    const people = [
      {
        fullName: 'Nguyễn Văn A',
        insuranceNumber: '7900000001',
        birthDate: '1990',
        gender: 'M' as const,
        cccd: '079090000001',
        department: 'Kho',
      },
      {
        fullName: 'Đặng Thị Đào',
        insuranceNumber: '7900000002',
        birthDate: '03/1992',
        gender: 'F' as const,
        cccd: '079192000002',
        department: 'May 1',
      },
      {
        fullName: 'Nguyễn Văn Ánh',
        insuranceNumber: '',
        birthDate: '01/01/2001',
        gender: 'M' as const,
        cmnd: '025123456',
        department: 'Kho',
        status: 'left' as const,
      },
    ];
    for (const p of people) await ctx.value('employee.save', { unitCode: UNIT.code, employee: p });
    const q = async (search: string, extra: object = {}) =>
      (await ctx.value('employee.list', { unitCode: UNIT.code, search, ...extra })).items.map((x) => x.fullName);
    expect(await q('nguyen van a')).toEqual(['Nguyễn Văn A', 'Nguyễn Văn Ánh']);
    expect(await q('NGUYỄN VĂN ÁNH')).toEqual(['Nguyễn Văn Ánh']);
    expect(await q('dao')).toEqual(['Đặng Thị Đào']);
    expect(await q('đặng')).toEqual(['Đặng Thị Đào']);
    expect(await q('7900000002')).toEqual(['Đặng Thị Đào']);
    expect(await q('079090000001')).toEqual(['Nguyễn Văn A']);
    expect(await q('025123456')).toEqual(['Nguyễn Văn Ánh']);
    expect(await q('', { department: 'Kho', status: 'working' })).toEqual(['Nguyễn Văn A']);
    expect(await q('', { gender: 'F' })).toEqual(['Đặng Thị Đào']);
    const page = await ctx.value('employee.list', { unitCode: UNIT.code, offset: 1, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
  });

  it('a narrow search (counted in one walk of the index) and a broad one (counted apart) give the same totals, order and pages as plain SQL', async () => {
    await ctx.value('unit.add', UNIT);
    const people = makeEmployees(1500, 3);
    const file = fileBlob('ds.xlsx', await xlsxBuffer(HEADERS, people.map(toRow)));
    expect(await ctx.value('roster.importCommit', { unitCode: UNIT.code, file })).toMatchObject({ imported: 1500 });
    const sql = (needle: string, limit: number, offset: number) => ({
      total: (
        ctx.db
          .prepare('SELECT count(*) AS n FROM employees WHERE unit_id = 1 AND instr(search, ?) > 0')
          .get(needle) as { n: number }
      ).n,
      ids: (
        ctx.db
          .prepare(
            'SELECT id FROM employees WHERE unit_id = 1 AND instr(search, ?) > 0 ORDER BY search, id LIMIT ? OFFSET ?',
          )
          .all(needle, limit, offset) as { id: number }[]
      ).map((r) => r.id),
    });
    const given = foldForSearch(people[7]!.fullName).split(' ').pop()!;
    const searches = [
      'nguyen',
      'van',
      given,
      foldForSearch(people[7]!.fullName),
      people[7]!.insuranceNumber.slice(0, 6),
      'zzz',
    ];
    const totals: number[] = [];
    for (const search of searches) {
      for (const [offset, limit] of [
        [0, 100],
        [40, 25],
        [480, 30],
        [2000, 10],
      ] as const) {
        const got = await ctx.value('employee.list', { unitCode: UNIT.code, search, offset, limit });
        const want = sql(foldForSearch(search), limit, offset);
        expect({ search, offset, total: got.total, ids: got.items.map((e) => e.id) }).toEqual({
          search,
          offset,
          total: want.total,
          ids: want.ids,
        });
      }
      totals.push(sql(foldForSearch(search), 1, 0).total);
    }
    // Both ways were taken: searches under 500 matches and over, and one with none.
    expect(totals.some((n) => n >= 500)).toBe(true);
    expect(totals.some((n) => n > 0 && n < 500)).toBe(true);
    expect(totals).toContain(0);
  });
});
