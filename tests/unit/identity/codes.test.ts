import { describe, expect, it } from 'vitest';
import {
  validateAgencyCode,
  validateInsuranceNumber,
  validateUnitCode,
  validateWageRegion,
  parseBirthDate,
} from '../../../shared/identity';

describe('other identifiers', () => {
  it('mã số BHXH: exactly 10 digits, no invented check digit', () => {
    expect(validateInsuranceNumber('7912345678').ok).toBe(true);
    expect(validateInsuranceNumber('7912345679').ok).toBe(true);
    expect(validateInsuranceNumber('791234567').code).toBe('BHXH_NUMBER_FORMAT');
    expect(validateInsuranceNumber('79123456780').ok).toBe(false);
  });
  it('mã đơn vị: 7 upper-case letters/digits', () => {
    expect(validateUnitCode('TS12345').ok).toBe(true);
    expect(validateUnitCode('ABC123D').ok).toBe(true);
    expect(validateUnitCode('ts12345').ok).toBe(false);
    expect(validateUnitCode('TS1234').ok).toBe(false);
  });
  it('mã cơ quan BHXH: 5 digits; vùng 01–04', () => {
    expect(validateAgencyCode('07906').ok).toBe(true);
    expect(validateAgencyCode('7906').ok).toBe(false);
    expect(validateWageRegion('04').ok).toBe(true);
    expect(validateWageRegion('05').ok).toBe(false);
  });
  it('birth dates: dd/mm/yyyy, mm/yyyy, yyyy', () => {
    expect(parseBirthDate('5/3/1990')).toEqual({ text: '05/03/1990', year: 1990, month: 3, day: 5 });
    expect(parseBirthDate('03/1990')).toEqual({ text: '03/1990', year: 1990, month: 3 });
    expect(parseBirthDate('1990')).toEqual({ text: '1990', year: 1990 });
    expect(parseBirthDate('31/02/1990')).toBeNull();
    expect(parseBirthDate('13/1990')).toBeNull();
  });
});
