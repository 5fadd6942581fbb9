/**
 * Mã số thuế (MST): 10 digits, or 10 digits + `-NNN` for a branch (đơn vị phụ thuộc), 13 characters in all.
 * The 10th digit is a check digit over the first nine (bhxh-domain.md, addendum "MST check digit"):
 *   N10 = 10 − (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9) mod 11
 * A remainder of 0 would give 10, which is not a digit: public validators disagree, the reference says treat it as
 * invalid (no issued MST is known to fall there). The branch suffix carries no check digit.
 */
import type { IdentityCheck } from './result';

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** The expected 10th digit for the first nine digits, or null when the remainder is 0 (no valid check digit). */
export function mstCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * (firstNine.charCodeAt(i) - 48);
  const r = sum % 11;
  return r === 0 ? null : 10 - r;
}

export function validateMst(input: string): IdentityCheck {
  const s = input.trim();
  const m = /^(\d{10})(-(\d{3}))?$/.exec(s);
  if (!m) {
    return {
      ok: false,
      code: 'MST_FORMAT',
      reason: 'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số kèm "-NNN" cho chi nhánh',
      reasonEn: 'Tax code must be 10 digits, or 10 digits followed by "-NNN" for a branch',
    };
  }
  const main = m[1]!;
  const expected = mstCheckDigit(main.slice(0, 9));
  if (expected === null) {
    return {
      ok: false,
      code: 'MST_CHECK_DIGIT',
      reason: `Mã số thuế ${main} không hợp lệ: chín chữ số đầu không cho chữ số kiểm tra hợp lệ`,
      reasonEn: `Tax code ${main} is invalid: the first nine digits admit no valid check digit`,
    };
  }
  if (expected !== main.charCodeAt(9) - 48) {
    return {
      ok: false,
      code: 'MST_CHECK_DIGIT',
      reason: `Mã số thuế ${main} sai chữ số kiểm tra (chữ số thứ 10 phải là ${expected})`,
      reasonEn: `Tax code ${main} has a wrong check digit (the 10th digit should be ${expected})`,
    };
  }
  if (m[3] === '000') {
    return {
      ok: false,
      code: 'MST_BRANCH',
      reason: 'Mã chi nhánh của mã số thuế phải từ 001 đến 999',
      reasonEn: 'The branch suffix of a tax code must be 001–999',
    };
  }
  return { ok: true };
}
