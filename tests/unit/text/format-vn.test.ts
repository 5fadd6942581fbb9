import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  formatDateTimeVN,
  formatDateVN,
  formatNumber,
  formatRate,
  formatStampVN,
  isoDayVN,
  vietnamParts,
} from '../../../shared/format';
import { daysToDeadline, registrationPhase } from '../../../shared/ivan/deadlines';

/** The one Vietnam-time reader (UTC+7, no daylight saving) and the formats built on it. */
describe('Vietnam time', () => {
  const lastSecond = new Date('2015-10-31T16:59:59Z'); // 31/10/2015 23:59:59 in Hà Nội
  const nextDay = new Date('2015-10-31T17:00:00Z'); // 01/11/2015 00:00:00

  it('reads the calendar fields at UTC+7 across midnight, month and year ends', () => {
    expect(vietnamParts(lastSecond)).toEqual({ year: 2015, month: 10, day: 31, hour: 23, minute: 59, second: 59 });
    expect(vietnamParts(nextDay)).toEqual({ year: 2015, month: 11, day: 1, hour: 0, minute: 0, second: 0 });
    expect(vietnamParts(new Date('2015-12-31T17:30:00Z')).year).toBe(2016);
  });

  it('formats dd/mm/yyyy, HH:MM(:SS), yyyy-mm-dd and file stamps from the same reading', () => {
    expect(formatDateVN(lastSecond)).toBe('31/10/2015');
    expect(formatDateVN(nextDay)).toBe('01/11/2015');
    expect(formatDateTimeVN(lastSecond)).toBe('31/10/2015 23:59');
    expect(formatDateTimeVN(lastSecond, { seconds: true })).toBe('31/10/2015 23:59:59');
    expect(isoDayVN(nextDay)).toBe('2015-11-01');
    expect(formatStampVN(new Date('2015-10-30T03:00:00Z'))).toBe('20151030-100000');
  });

  it('drives the 2015 registration deadline by the Vietnam day', () => {
    expect(registrationPhase(lastSecond)).toBe('before-deadline');
    expect(registrationPhase(nextDay)).toBe('paper-closed');
    expect(daysToDeadline(lastSecond)).toBe(0);
    expect(daysToDeadline(nextDay)).toBeNull();
  });
});

/** Amounts as HTKK and the forms show them: the draft grid, the printed D02-TS and exports read the same text. */
describe('amounts', () => {
  it('groups whole đồng with dots and keeps a coefficient’s decimal comma, never rounding it', () => {
    expect(formatNumber(3_700_000)).toBe('3.700.000');
    expect(formatAmount(3_700_000)).toBe('3.700.000');
    expect(formatAmount(-1_234_567)).toBe('-1.234.567');
    expect(formatAmount(2.34)).toBe('2,34');
    expect(formatAmount(0.2)).toBe('0,2');
    expect(formatAmount(0)).toBe('0');
    expect(formatRate(32.5)).toBe('32,5');
    expect(formatRate(32)).toBe('32,0');
  });
});
