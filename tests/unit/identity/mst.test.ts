import { describe, expect, it } from 'vitest';
import { mstCheckDigit, validateMst } from '../../../shared/identity';

describe('validateMst (check digit of the domain reference addendum)', () => {
  it('accepts the worked example 0100109106 and real-looking codes', () => {
    expect(validateMst('0100109106')).toEqual({ ok: true });
    expect(validateMst(' 0100109106 ').ok).toBe(true);
    // MST seen in the reference (Thái Sơn) and in a certificate subject.
    expect(validateMst('0101300842').ok).toBe(true);
    expect(validateMst('0100686209-199').ok).toBe(true);
  });

  it('computes 10 − (weighted sum mod 11)', () => {
    // 0·31+1·29+0·23+0·19+1·17+0·13+9·7+1·5+0·3 = 114; 114 mod 11 = 4 → 6
    expect(mstCheckDigit('010010910')).toBe(6);
  });

  it('rejects a wrong check digit with a Vietnamese reason naming the expected digit', () => {
    const r = validateMst('0100109107');
    expect(r.ok).toBe(false);
    expect(r.code).toBe('MST_CHECK_DIGIT');
    expect(r.reason).toContain('phải là 6');
    expect(r.reasonEn).toContain('should be 6');
  });

  it('treats the remainder-0 case as invalid whatever the 10th digit', () => {
    // Find nine digits whose weighted sum is a multiple of 11.
    let nine = '';
    for (let n = 100000000; n < 100100000; n++) {
      if (mstCheckDigit(String(n)) === null) {
        nine = String(n);
        break;
      }
    }
    expect(nine).not.toBe('');
    for (const d of '0123456789') expect(validateMst(nine + d).ok).toBe(false);
    expect(validateMst(nine + '0').code).toBe('MST_CHECK_DIGIT');
  });

  it('checks the branch suffix -NNN (no check digit of its own) and the format', () => {
    expect(validateMst('0100109106-001').ok).toBe(true);
    expect(validateMst('0100109106-000').code).toBe('MST_BRANCH');
    expect(validateMst('0100109106-01').code).toBe('MST_FORMAT');
    expect(validateMst('010010910').code).toBe('MST_FORMAT');
    expect(validateMst('01001091O6').code).toBe('MST_FORMAT');
    expect(validateMst('').ok).toBe(false);
  });
});
