import { describe, expect, it } from 'vitest';
import { extractMst } from '../../../shared/signing/mst';
import { expiryWarning, validityAt } from '../../../shared/signing/expiry';
import { pinState } from '../../../shared/signing/pkcs11-messages';
import { testCertExpired } from '../../../shared/signing/test-cert';

describe('MST in certificate subjects', () => {
  it.each([
    [['MST:0101234567'], '0101234567'],
    [['MST:0101300842-999'], '0101300842-999'],
    [['MST: 0101234567'], '0101234567'],
    [['CMND:012345678', 'MST:0312345678-001'], '0312345678-001'],
    [['VNPT', 'CÔNG TY'], null],
    [['MST:01012345'], null],
  ])('%j → %s', (values, mst) => {
    expect(extractMst(values)?.mst ?? null).toBe(mst);
  });
  it('splits the branch suffix', () => {
    expect(extractMst(['MST:0101234567-001'])).toEqual({ mst: '0101234567-001', base: '0101234567', branch: '001' });
  });
});

describe('dates and flags', () => {
  const notAfter = new Date('2026-12-31T00:00:00Z');
  it('warns at 30, 15 and 7 days', () => {
    const at = (days: number) => expiryWarning(notAfter, new Date(notAfter.getTime() - days * 86_400_000)).threshold;
    expect(at(45)).toBeNull();
    expect(at(29.5)).toBe(30);
    expect(at(14.5)).toBe(15);
    expect(at(6.5)).toBe(7);
    expect(at(-1)).toBeNull();
  });
  it('validity at a time', () => {
    expect(validityAt(new Date('2020-01-01Z'), notAfter, new Date('2019-12-31Z'))).toBe('not-yet-valid');
    expect(validityAt(new Date('2020-01-01Z'), notAfter, new Date('2027-01-01Z'))).toBe('expired');
  });
  it('PIN state from CK_TOKEN_INFO flags, locked first', () => {
    expect(pinState(0x40d)).toBe('ok');
    expect(pinState(0x10000)).toBe('few-tries-left');
    expect(pinState(0x30000)).toBe('final-try');
    expect(pinState(0x70000)).toBe('locked');
  });
  it('the test certificate deadline is 31/10/2015 23:59:59 +07:00', () => {
    expect(testCertExpired(new Date('2015-10-31T23:59:59+07:00'))).toBe(false);
    expect(testCertExpired(new Date('2015-11-01T00:00:00+07:00'))).toBe(true);
  });
});
