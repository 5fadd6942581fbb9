import { describe, expect, it } from 'vitest';
import { parseCccd, validateCccd, validateCmnd } from '../../../shared/identity';

describe('CCCD (12 digits, century/gender digit, 2-digit birth year)', () => {
  it('parses province, gender and full birth year from the century digit', () => {
    expect(parseCccd('079095001234')).toEqual({ province: '079', gender: 'M', birthYear: 1995 });
    expect(parseCccd('079195001234')).toEqual({ province: '079', gender: 'F', birthYear: 1995 });
    expect(parseCccd('001203001234')).toEqual({ province: '001', gender: 'M', birthYear: 2003 });
    expect(parseCccd('001305001234')).toEqual({ province: '001', gender: 'F', birthYear: 2005 });
    expect(parseCccd('001400001234')?.birthYear).toBe(2100);
    expect(parseCccd('001500001234')?.gender).toBe('F');
  });

  it('accepts a CCCD matching birth year and gender', () => {
    expect(validateCccd('079095001234', { birthYear: 1995, gender: 'M' }).ok).toBe(true);
    expect(validateCccd('079305001234', { birthYear: 2005, gender: 'F' }).ok).toBe(true);
  });

  it('rejects a birth year mismatch, including the century', () => {
    const r = validateCccd('079095001234', { birthYear: 1996 });
    expect(r.code).toBe('CCCD_BIRTH_YEAR');
    expect(r.reason).toContain('1995');
    expect(r.reason).toContain('1996');
    // 2/3 = 2000s: "95" with digit 2 is 2095, not 1995.
    expect(validateCccd('079295001234', { birthYear: 1995 }).code).toBe('CCCD_BIRTH_YEAR');
  });

  it('rejects a gender mismatch', () => {
    const r = validateCccd('079095001234', { birthYear: 1995, gender: 'F' });
    expect(r.code).toBe('CCCD_GENDER');
    expect(r.reason).toMatch(/nam.*nữ/);
  });

  it('rejects anything but 12 digits', () => {
    for (const s of ['07909500123', '0790950012345', '07909500123A', ''])
      expect(validateCccd(s).code).toBe('CCCD_FORMAT');
  });

  it('CMND is 9 digits', () => {
    expect(validateCmnd('025123456').ok).toBe(true);
    expect(validateCmnd('02512345').code).toBe('CMND_FORMAT');
    expect(validateCmnd('02512345X').ok).toBe(false);
  });
});
