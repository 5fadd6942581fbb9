/**
 * Mã số BHXH (personal social-insurance number): 10 digits. The portal checks only "numeric, max 10"; no public
 * check-digit algorithm is known and the reference says not to invent one (bhxh-domain.md §3.5). Empty is allowed
 * for a first-time participant — callers decide; this checks a non-empty value.
 */
import { fail, OK, type IdentityCheck } from './result';

export function validateInsuranceNumber(input: string): IdentityCheck {
  const s = input.trim();
  if (/^\d{10}$/.test(s)) return OK;
  return fail(
    'BHXH_NUMBER_FORMAT',
    'Mã số BHXH phải gồm đúng 10 chữ số',
    'Social-insurance number must be exactly 10 digits',
  );
}
