/**
 * Căn cước công dân (CCCD): 12 digits = 3-digit province of birth registration + 1 gender/century digit
 * + 2 digits of the birth year + 6 digits (TT 07/2016/TT-BCA; bhxh-domain.md §3.5).
 * Gender/century digit: 0/1 = male/female born 1900–1999, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 2300s
 * (even = male, odd = female). Older CMND: 9 digits (some regions issued 12-digit CMND; those follow the CCCD
 * structure and are validated with `validateCccd`).
 */
import { fail, OK, type IdentityCheck } from './result';

export interface CccdContext {
  /** Four-digit birth year, when known. */
  birthYear?: number;
  gender?: 'M' | 'F';
}

export interface CccdParts {
  province: string;
  gender: 'M' | 'F';
  /** Full birth year implied by the century digit and the two year digits. */
  birthYear: number;
}

export function parseCccd(s: string): CccdParts | null {
  const t = s.trim();
  if (!/^\d{12}$/.test(t)) return null;
  const g = t.charCodeAt(3) - 48;
  const century = 1900 + Math.floor(g / 2) * 100;
  return { province: t.slice(0, 3), gender: g % 2 === 0 ? 'M' : 'F', birthYear: century + Number(t.slice(4, 6)) };
}

export function validateCccd(input: string, ctx: CccdContext = {}): IdentityCheck {
  const s = input.trim();
  const parts = parseCccd(s);
  if (!parts)
    return fail('CCCD_FORMAT', 'Số CCCD phải gồm đúng 12 chữ số', 'Citizen ID (CCCD) must be exactly 12 digits');
  if (ctx.birthYear !== undefined && parts.birthYear !== ctx.birthYear) {
    return fail(
      'CCCD_BIRTH_YEAR',
      `Số CCCD ${s} ghi năm sinh ${parts.birthYear}, không khớp năm sinh ${ctx.birthYear}`,
      `Citizen ID ${s} encodes birth year ${parts.birthYear}, which does not match ${ctx.birthYear}`,
    );
  }
  if (ctx.gender !== undefined && parts.gender !== ctx.gender) {
    const vi = (g: 'M' | 'F') => (g === 'M' ? 'nam' : 'nữ');
    const en = (g: 'M' | 'F') => (g === 'M' ? 'male' : 'female');
    return fail(
      'CCCD_GENDER',
      `Số CCCD ${s} ghi giới tính ${vi(parts.gender)}, không khớp giới tính ${vi(ctx.gender)}`,
      `Citizen ID ${s} encodes ${en(parts.gender)}, which does not match ${en(ctx.gender)}`,
    );
  }
  return OK;
}

export function validateCmnd(input: string): IdentityCheck {
  const s = input.trim();
  if (/^\d{9}$/.test(s)) return OK;
  return fail('CMND_FORMAT', 'Số CMND phải gồm đúng 9 chữ số', 'Old ID card number (CMND) must be exactly 9 digits');
}
