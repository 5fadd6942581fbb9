import { describe, expect, it } from 'vitest';
import { absentMonths, startMonth, stopMonth, workingDaysBetween } from '../../../shared/ledger/working-days';

describe('the 14-working-day rule on the unit calendar', () => {
  it('counts scheduled days: November 2015 has 25 Monday–Saturday days and 21 Monday–Friday days', () => {
    expect(workingDaysBetween('2015-11', null, null, '26')).toBe(25);
    expect(workingDaysBetween('2015-11', null, null, '22')).toBe(21);
  });

  it('a start on 15/05/2016 leaves 12 unworked days on a 26-day calendar: contributions from 05/2016 (legal-rules §1.6)', () => {
    // May 2016: Sun 1; Mon–Sat 2–7 (6) and 9–14 (6) = 12 < 14.
    expect(startMonth('2016-05-15', '26')).toEqual({ month: '2016-05', unworkedBefore: 12 });
  });

  it('a start on the 20th: 16 unworked days before it, so the next month', () => {
    // November 2015: 2–7 (6) + 9–14 (6) + 16–19 (4) = 16 ≥ 14.
    expect(startMonth('2015-11-20', '26')).toEqual({ month: '2015-12', unworkedBefore: 16 });
    // On a 22-day calendar the same start leaves 2–6, 9–13, 16–19 = 14 days: still the next month.
    expect(startMonth('2015-11-20', '22').month).toBe('2015-12');
    // A start on 16/11/2015 (Monday) leaves 12 days: this month.
    expect(startMonth('2015-11-16', '26')).toEqual({ month: '2015-11', unworkedBefore: 12 });
  });

  it('leaving: the first day gone decides whether the month still carries a contribution', () => {
    // Gone from 09/11/2015: 9–14 (6) + 16–21 (6) + 23–28 (6) + 30 (1) = 19 ≥ 14 → no contribution for 11/2015.
    expect(stopMonth('2015-11-09', '26')).toEqual({ month: '2015-11', unworkedAfter: 19 });
    // Gone from 21/11/2015: 21, 23–28, 30 = 8 < 14 → November still paid, decrease from 12/2015.
    expect(stopMonth('2015-11-21', '26')).toEqual({ month: '2015-12', unworkedAfter: 8 });
  });

  it('absence months: those with 14 or more scheduled days away', () => {
    // Maternity 05/11/2015–04/05/2016: Nov has 22 days away; May 2016 only 2, 3, 4 (3 days).
    expect(absentMonths('2015-11-05', '2016-05-04', '2016-12', '26')).toEqual([
      '2015-11',
      '2015-12',
      '2016-01',
      '2016-02',
      '2016-03',
      '2016-04',
    ]);
    // Sick 10 days: no month reaches 14.
    expect(absentMonths('2015-11-02', '2015-11-12', '2015-11', '26')).toEqual([]);
  });
});
