import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLANK_EMPLOYEE, type EmployeeFields } from '../../../shared/contract/roster';
import { createTestContext, type TestContext } from '../../support/context';
import { addUnitWithCli, runCli } from '../../support/cli';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT as UNIT } from '../../support/units';

/**
 * A new employee typed into the form (or `kekhai call employee.save`) who may be someone already on the roster:
 * same name (any letter case), birth date and gender, and no mã số or CCCD telling them apart. Added silently, one
 * person had two records — two báo tăng, twice the contributions. The same rule as an import's POSSIBLE_DUPLICATE.
 */
function person(over: Partial<EmployeeFields> = {}): EmployeeFields {
  return {
    ...BLANK_EMPLOYEE,
    fullName: 'Nguyễn Văn An',
    birthDate: '01/03/1990',
    gender: 'M',
    salary: 6_000_000,
    ...over,
  };
}

describe('employee.save: a new employee who may already be on the roster', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = createTestContext({ now: new Date('2026-01-15T03:00:00Z') });
    await ctx.value('unit.add', UNIT);
  });
  afterEach(() => ctx.close());

  const add = (e: EmployeeFields, confirmSamePerson?: boolean) =>
    ctx.call('employee.save', { unitCode: UNIT.code, employee: e, confirmSamePerson });
  const count = () => (ctx.db.prepare('SELECT count(*) AS n FROM employees').get() as { n: number }).n;

  it('the same name in capitals, birth date and gender: refused naming the one on the roster; nothing written', async () => {
    const first = await ctx.value('employee.save', {
      unitCode: UNIT.code,
      employee: person({ insuranceNumber: '7912345678' }),
    });
    const r = await add(person({ fullName: 'NGUYỄN VĂN AN' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('POSSIBLE_DUPLICATE');
    expect(r.error.message).toContain('Nguyễn Văn An (sinh 01/03/1990, mã số 7912345678)');
    expect(r.error.messageEn).toContain('born 01/03/1990');
    expect((r.error.details as { candidates: { id: number }[] }).candidates.map((c) => c.id)).toEqual([first.id]);
    expect(count()).toBe(1);
  });

  it('confirmed as two people: added', async () => {
    await ctx.value('employee.save', { unitCode: UNIT.code, employee: person() });
    const r = await add(person(), true);
    expect(r.ok).toBe(true);
    expect(count()).toBe(2);
  });

  it('a different mã số or CCCD on both sides, another birth date, gender or name: two people, no question', async () => {
    await ctx.value('employee.save', {
      unitCode: UNIT.code,
      employee: person({ insuranceNumber: '7912345678', cccd: '001090000123' }),
    });
    for (const other of [
      person({ insuranceNumber: '7912345679' }),
      person({ cccd: '001090000124' }),
      person({ birthDate: '02/03/1990' }),
      person({ gender: 'F' }),
      person({ fullName: 'Nguyễn Văn Ân' }),
    ]) {
      const r = await add(other);
      expect(r.ok, JSON.stringify(other)).toBe(true);
      // Each against the first person alone (a row with only a CCCD may be the row with only another mã số).
      if (r.ok) ctx.db.prepare('DELETE FROM employees WHERE id = ?').run(r.value.id);
    }
    expect(count()).toBe(1);
  });

  it('someone who left is named as such (a rehire is an edit of that record, not a new one)', async () => {
    await ctx.value('employee.save', { unitCode: UNIT.code, employee: person({ status: 'left' }) });
    const r = await add(person());
    expect(!r.ok && r.error.message).toContain('đã nghỉ việc');
  });

  it('an edit of the person is no question, nor is another unit’s person of the same name', async () => {
    const e = await ctx.value('employee.save', { unitCode: UNIT.code, employee: person() });
    const edited = await ctx.call('employee.save', {
      unitCode: UNIT.code,
      id: e.id,
      employee: person({ salary: 7_000_000 }),
      expectedUpdatedAt: e.updatedAt,
    });
    expect(edited.ok).toBe(true);
    await ctx.value('unit.add', { ...UNIT, code: 'TS99999', name: 'Công ty khác' });
    const other = await ctx.call('employee.save', { unitCode: 'TS99999', employee: person() });
    expect(other.ok).toBe(true);
  });
});

describe('kekhai call employee.save: the same question on the command line', () => {
  let data: string;
  beforeAll(async () => {
    data = makeTempDir('kekhai-same-person-');
    await addUnitWithCli(data, UNIT);
  });
  afterAll(() => removeDir(data));

  const save = (confirm: boolean) =>
    runCli(
      [
        'call',
        'employee.save',
        '--input',
        JSON.stringify({ unitCode: UNIT.code, employee: person(), ...(confirm ? { confirmSamePerson: true } : {}) }),
        '--json',
      ],
      { data },
    );

  it('refused with POSSIBLE_DUPLICATE and exit 1, then added with confirmSamePerson', async () => {
    expect((await save(false)).code).toBe(0);
    const again = await save(false);
    expect(again.code).toBe(1);
    expect(again.json).toMatchObject({ error: { code: 'POSSIBLE_DUPLICATE' } });
    expect((await save(true)).code).toBe(0);
    const list = await runCli(['roster', 'list', '--unit', UNIT.code, '--json'], { data });
    expect((list.json as { items: unknown[] }).items).toHaveLength(2);
  });
});
