import { describe, expect, it } from 'vitest';
import { participationMonth } from '../../../electron/ledger/participation-cell';
import { recogniseHeader, recogniseMapping } from '../../../electron/roster/mapping';

const NOW = new Date('2015-11-20T02:00:00Z');

describe('the "Đã tham gia BHXH từ tháng" import column (issue 10)', () => {
  it('is recognised under its spellings, with or without diacritics', () => {
    for (const h of [
      'Đã tham gia BHXH từ tháng',
      'Tham gia BHXH từ tháng',
      'Tham gia từ tháng',
      'Từ tháng tham gia',
      'Da tham gia BHXH tu thang',
      'tham gia tu thang',
      'Tham gia BHXH từ tháng (mm/yyyy)',
    ])
      expect(recogniseHeader(h), h).toBe('participatingSince');
    // The contract start's "Từ ngày" stays a contract start.
    expect(recogniseHeader('Từ ngày')).toBe('contractStart');
    expect(recogniseMapping(['Họ và tên', 'Từ tháng tham gia']).mapping).toEqual({
      fullName: 'Họ và tên',
      participatingSince: 'Từ tháng tham gia',
    });
  });

  it('reads MM/YYYY, M/YYYY, dates and Excel serials as their month; refuses the rest', () => {
    expect(participationMonth('09/2015', NOW)).toEqual({ month: '2015-09' });
    expect(participationMonth('9/2015', NOW)).toEqual({ month: '2015-09' });
    expect(participationMonth(' 03/2014 ', NOW)).toEqual({ month: '2014-03' });
    expect(participationMonth('15/06/2014', NOW)).toEqual({ month: '2014-06' });
    expect(participationMonth(new Date(Date.UTC(2014, 5, 1)), NOW)).toEqual({ month: '2014-06' });
    expect(participationMonth(42248, NOW)).toEqual({ month: '2015-09' }); // serial of 01/09/2015
    expect(participationMonth(null, NOW)).toEqual({ month: null });
    expect(participationMonth('', NOW)).toEqual({ month: null });
    expect(participationMonth('13/2015', NOW)).toEqual({
      error: { vi: '"13/2015" không phải tháng (mm/yyyy)', en: '"13/2015" is not a month (mm/yyyy)' },
    });
    expect(participationMonth('tháng 9', NOW)).toHaveProperty('error');
    expect(participationMonth('31/02/2015', NOW)).toHaveProperty('error');
    expect(participationMonth('12/1994', NOW)).toHaveProperty('error');
    expect(participationMonth('12/2015', NOW)).toHaveProperty('error');
    expect(participationMonth('11/2015', NOW)).toEqual({ month: '2015-11' });
    // 30/11 20:00 UTC is already 01/12 in Vietnam: December is no longer the future.
    expect(participationMonth('12/2015', new Date('2015-11-30T20:00:00Z'))).toEqual({ month: '2015-12' });
  });
});
