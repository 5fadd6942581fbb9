import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../support/context';

/**
 * Which month a hire, a leave and unpaid leave fall in, counted BY HAND on the unit's working calendar.
 *
 * Rule (Luật BHXH 58/2014 Điều 85 k.3 and Điều 86 k.4; QĐ 595/QĐ-BHXH Điều 42 k.4; legal-rules.md §1.1, §1.6, §1.7;
 * bhxh-domain.md addendum 3): "Người lao động không làm việc và không hưởng tiền lương từ 14 ngày làm việc trở lên
 * trong tháng thì không đóng bảo hiểm xã hội tháng đó." The count is of the month's scheduled working days that are
 * neither worked nor paid, whatever the reason: days before the start of the contract, days after leaving and days of
 * unpaid leave all count, together. ≥ 14 → nothing owed that month: TM from the next month, GH from this month
 * (the first month without contribution, §1.7), KL for that month.
 *
 * December 2026 begins on a Tuesday. Sundays 6, 13, 20, 27; Saturdays 5, 12, 19, 26.
 *   26-day calendar (Monday–Saturday): 27 working days. 22-day calendar (Monday–Friday): 23 working days.
 */

const NOW = new Date('2026-12-01T09:00:00+07:00');
const UNIT = 'HC2026B';
let ctx: TestContext;
let n = 0;

beforeEach(async () => {
  ctx = createTestContext({ now: NOW });
  await ctx.value('unit.add', {
    code: UNIT,
    name: 'Công ty TNHH Lịch Làm Việc',
    taxCode: '0100109106',
    agencyCode: '03801',
    wageRegion: '01',
  });
});
afterEach(() => ctx.close());

/** A new employee (contract start given) or one known to BHXH since 01/2026 (contract start ''). */
async function person(name: string, contractStart: string): Promise<string> {
  n++;
  const cccd = `0010900000${String(n).padStart(2, '0')}`;
  const e = await ctx.value('employee.save', {
    unitCode: UNIT,
    employee: {
      fullName: name,
      birthDate: '01/01/1990',
      gender: 'M',
      cccd,
      insuranceNumber: contractStart ? '' : `01020000${String(n).padStart(2, '0')}`,
      jobTitle: 'Nhân viên',
      salary: 8_000_000,
      contractNumber: `${n}/HĐLĐ`,
      contractSigned: contractStart || '01/01/2026',
      contractStart: contractStart || '01/01/2026',
    },
  });
  if (!contractStart)
    await ctx.value('ledger.participatingSince', { unitCode: UNIT, employeeId: e.id, since: '01/2026' });
  return cccd;
}

const ev = (employee: string, kind: string, effective: string, end?: string) =>
  ctx.value('employee.event', { unitCode: UNIT, employee, kind: kind as 'leave', effective, ...(end ? { end } : {}) });

async function rows(period: string): Promise<string[]> {
  const p = await ctx.value('dossier.propose', { unitCode: UNIT, period });
  return p.rows.map((r) => `${r.plan} ${r.fullName} ${r.fromMonth}-${r.toMonth}`).sort();
}

describe('22-day calendar (Monday–Friday)', () => {
  it('hire 18/12 (13 weekdays before) → TM 12/2026; hire 21/12 (14) → TM 01/2027; leave 14/12 (14 after) → GH 12/2026; 15/12 (13) → GH 01/2027', async () => {
    expect(await ctx.value('ledger.calendar', { unitCode: UNIT, calendar: '22' })).toMatchObject({ calendar: '22' });
    await person('Hire Mười Tám', '18/12/2026'); // before: 1–4, 7–11, 14–17 = 4 + 5 + 4 = 13
    await person('Hire Hai Mốt', '21/12/2026'); // before: 1–4, 7–11, 14–18 = 14
    await ev(await person('Leave Mười Bốn', ''), 'leave', '14/12/2026'); // 14–18, 21–25, 28–31 = 5 + 5 + 4 = 14
    await ev(await person('Leave Mười Lăm', ''), 'leave', '15/12/2026'); // 15–18, 21–25, 28–31 = 4 + 5 + 4 = 13
    expect(await rows('12/2026')).toEqual(['GH Leave Mười Bốn 12/2026-', 'TM Hire Mười Tám 12/2026-']);
    expect(await rows('01/2027')).toEqual([
      'GH Leave Mười Bốn 12/2026-',
      'GH Leave Mười Lăm 01/2027-',
      'TM Hire Hai Mốt 01/2027-',
      'TM Hire Mười Tám 12/2026-',
    ]);
  });

  it('the same hire on 18/12 under the 26-day calendar: 1–5, 7–12, 14–17 = 15 ≥ 14 → TM 01/2027', async () => {
    await person('Hire Mười Tám', '18/12/2026');
    expect(await rows('12/2026')).toEqual([]);
    expect(await rows('01/2027')).toEqual(['TM Hire Mười Tám 01/2027-']);
  });
});

describe('26-day calendar: unworked, unpaid days of every kind count together', () => {
  it('unpaid 01–08/12 (1–5, 7–8 = 7) then gone from 21/12 (21–26, 28–31 = 10): 17 ≥ 14 → GH 12/2026', async () => {
    const who = await person('Nghỉ Rồi Đi', '');
    await ev(who, 'unpaid', '01/12/2026', '08/12/2026');
    await ev(who, 'leave', '21/12/2026');
    expect(await rows('12/2026')).toEqual(['GH Nghỉ Rồi Đi 12/2026-']);
    const p = await ctx.value('dossier.propose', { unitCode: UNIT, period: '12/2026' });
    expect(p.rows[0]!.reason).toContain(
      '10 ngày làm việc còn lại trong tháng + 7 ngày khác trong tháng không làm việc, không hưởng lương',
    );
  });

  it('unpaid 01–16/12 (14) then gone from 21/12: December is removed once, by the GH (no KL, and no ON in January)', async () => {
    const who = await person('Nghỉ Dài Rồi Đi', '');
    await ev(who, 'unpaid', '01/12/2026', '16/12/2026');
    await ev(who, 'leave', '21/12/2026');
    expect(await rows('12/2026')).toEqual(['GH Nghỉ Dài Rồi Đi 12/2026-']);
    expect(await rows('01/2027')).toEqual(['GH Nghỉ Dài Rồi Đi 12/2026-']);
  });

  it('unpaid from 14/12/2026 to 15/01/2027 then gone from 01/02/2027: KL 12/2026–12/2026, ON 01/2027, GH 02/2027', async () => {
    // December: 14–19, 21–26, 28–31 = 16 ≥ 14. January 2027 (Friday 1st; Sundays 3, 10): 1–2, 4–9, 11–15 = 13 < 14,
    // so January is owed: KL 12/2026–12/2026 and ON 01/2027; February: gone from the 1st → GH 02/2027.
    const who = await person('Qua Năm', '');
    await ev(who, 'unpaid', '14/12/2026', '15/01/2027');
    await ev(who, 'leave', '01/02/2027');
    expect(await rows('02/2027')).toEqual(['GH Qua Năm 02/2027-', 'KL Qua Năm 12/2026-12/2026', 'ON Qua Năm 01/2027-']);
  });

  it('hired 10/12 (1–5, 7–9 = 8 before) with unpaid leave 14–19/12 (6): 14 → TM 01/2027, no KL', async () => {
    const who = await person('Vào Rồi Nghỉ', '10/12/2026');
    await ev(who, 'unpaid', '14/12/2026', '19/12/2026');
    expect(await rows('12/2026')).toEqual([]);
    expect(await rows('01/2027')).toEqual(['TM Vào Rồi Nghỉ 01/2027-']);
  });

  it('two unpaid leaves 01–08/12 (7) and 21–28/12 (21–26, 28 = 7): 14 → one KL 12/2026–12/2026', async () => {
    const who = await person('Hai Lần Nghỉ', '');
    await ev(who, 'unpaid', '01/12/2026', '08/12/2026');
    await ev(who, 'unpaid', '21/12/2026', '28/12/2026');
    expect(await rows('12/2026')).toEqual(['KL Hai Lần Nghỉ 12/2026-12/2026']);
  });

  it('unpaid 01–08/12 (7) and 21–26/12 (6): 13 < 14 → December still owed, nothing proposed', async () => {
    const who = await person('Mười Ba Ngày', '');
    await ev(who, 'unpaid', '01/12/2026', '08/12/2026');
    await ev(who, 'unpaid', '21/12/2026', '26/12/2026');
    expect(await rows('12/2026')).toEqual([]);
  });
});

describe('26-day calendar: sick leave in two spells', () => {
  it('sick 01–08/12 (7) and 21–28/12 (7): 14 days of sick leave in the month → one OF 12/2026–12/2026 (QĐ 595 Điều 42 k.5)', async () => {
    const who = await person('Ốm Hai Lần', '');
    await ev(who, 'sick', '01/12/2026', '08/12/2026');
    await ev(who, 'sick', '21/12/2026', '28/12/2026');
    expect(await rows('12/2026')).toEqual(['OF Ốm Hai Lần 12/2026-12/2026']);
    expect(await rows('01/2027')).toEqual(['OF Ốm Hai Lần 12/2026-12/2026', 'ON Ốm Hai Lần 01/2027-']);
  });
});

describe('26-day calendar: hired and gone in the same month', () => {
  it('hired 01/12, gone from 10/12 (10–12, 14–19, 21–26, 28–31 = 19 ≥ 14): December is not owed — no TM, no GH', async () => {
    const who = await person('Chín Ngày', '01/12/2026');
    await ev(who, 'leave', '10/12/2026');
    expect(await rows('12/2026')).toEqual([]);
    expect(await rows('01/2027')).toEqual([]);
    const p = await ctx.value('dossier.propose', { unitCode: UNIT, period: '12/2026' });
    expect(p.skipped.map((x) => x.fullName)).toEqual(['Chín Ngày']);
  });

  it('known to BHXH from 12/2026 (an accepted TM), gone from 10/12 (19 days after): GH 12/2026 removes December', async () => {
    const who = await person('Đã Báo Tăng', '');
    const e = (await ctx.value('employee.list', { unitCode: UNIT, search: who })).items[0]!;
    await ctx.value('ledger.participatingSince', { unitCode: UNIT, employeeId: e.id, since: '12/2026' });
    await ev(who, 'leave', '10/12/2026');
    expect(await rows('12/2026')).toEqual(['GH Đã Báo Tăng 12/2026-']);
  });

  it('hired 05/12 (1–4 = 4 before), gone from 21/12 (21–26, 28–31 = 10 after): 14 → no rows', async () => {
    const who = await person('Mười Sáu Ngày', '05/12/2026');
    await ev(who, 'leave', '21/12/2026');
    expect(await rows('12/2026')).toEqual([]);
    expect(await rows('01/2027')).toEqual([]);
  });

  it('hired 05/12 (4 before), gone from 22/12 (22–26, 28–31 = 9 after): 13 < 14 → TM 12/2026, GH 01/2027', async () => {
    const who = await person('Mười Bảy Ngày', '05/12/2026');
    await ev(who, 'leave', '22/12/2026');
    expect(await rows('12/2026')).toEqual(['TM Mười Bảy Ngày 12/2026-']);
    expect(await rows('01/2027')).toEqual(['GH Mười Bảy Ngày 01/2027-', 'TM Mười Bảy Ngày 12/2026-']);
  });
});
