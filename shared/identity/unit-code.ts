/**
 * Mã đơn vị (the unit's BHXH code): 7 upper-case letters or digits. The exact grammar is unknown (observed
 * `AAA999A`, test value `TS12345`), so the reference says validate as ^[A-Z0-9]{7}$ (bhxh-domain.md §3.5).
 * Mã cơ quan BHXH quản lý: 5 digits, e.g. 07906.
 */
import { fail, OK, type IdentityCheck } from './result';

export const UNIT_CODE_RE = /^[A-Z0-9]{7}$/;
export const AGENCY_CODE_RE = /^\d{5}$/;

export function validateUnitCode(input: string): IdentityCheck {
  if (UNIT_CODE_RE.test(input.trim())) return OK;
  return fail(
    'UNIT_CODE_FORMAT',
    'Mã đơn vị phải gồm 7 chữ in hoa hoặc chữ số',
    'Unit code must be 7 upper-case letters or digits',
  );
}

export function validateAgencyCode(input: string): IdentityCheck {
  if (AGENCY_CODE_RE.test(input.trim())) return OK;
  return fail('AGENCY_CODE_FORMAT', 'Mã cơ quan BHXH phải gồm 5 chữ số', 'BHXH agency code must be 5 digits');
}

/** Vùng lương tối thiểu (MavungLTT): 01–04 (bhxh-domain.md §3.4). */
export function validateWageRegion(input: string): IdentityCheck {
  if (/^0[1-4]$/.test(input.trim())) return OK;
  return fail('WAGE_REGION', 'Vùng lương tối thiểu phải là 01, 02, 03 hoặc 04', 'Wage region must be 01, 02, 03 or 04');
}
