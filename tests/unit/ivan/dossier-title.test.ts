import { describe, expect, it } from 'vitest';
import { dossierTitle, procedureName } from '../../../shared/ivan/dossier-title';
import { parseDateTimeVN } from '../../../shared/format';

describe('a dossier by name', () => {
  it('names unit code and name, procedure, period, batch and số hồ sơ; leaves out what is not known', () => {
    expect(
      dossierTitle({
        unitCode: 'TA00001',
        unitName: 'Công ty TNHH Tân An',
        procedure: '600',
        period: '10/2015',
        batch: 2,
        receiptNo: '00001/2015/07906',
      }),
    ).toBe('TA00001 – Công ty TNHH Tân An · Thủ tục 600 · Kỳ 10/2015 · Đợt 2 · Số hồ sơ 00001/2015/07906');
    expect(
      dossierTitle(
        { unitCode: 'TA00001', unitName: null, procedure: '04/ĐK-IVAN', period: null, batch: null, receiptNo: null },
        'en',
      ),
    ).toBe('TA00001 · 04/ĐK-IVAN');
    expect(procedureName('600', 'en')).toBe('Procedure 600');
  });
});

describe('the test clock as the clerk types it', () => {
  it('reads dd/mm/yyyy hh:mm as Vietnam time', () => {
    expect(parseDateTimeVN('31/10/2015 10:00')).toBe('2015-10-31T10:00:00+07:00');
    expect(new Date(parseDateTimeVN('31/10/2015 10:00')!).toISOString()).toBe('2015-10-31T03:00:00.000Z');
    expect(parseDateTimeVN('01/11/2015')).toBe('2015-11-01T00:00:00+07:00');
    expect(parseDateTimeVN('31/02/2015 10:00')).toBeNull();
    expect(parseDateTimeVN('31/10/2015 24:00')).toBeNull();
    expect(parseDateTimeVN('2015-10-31T10:00')).toBeNull();
  });
});
