import { checkCode, installedCodeCatalog } from './catalog';
import type { CodeListName } from './code-list';
import { isEthnicityCode } from './ethnicities';
import { isNationalityCode } from './nationalities';
import { PROVINCES_2008, PROVINCES_2025, isProvinceCode } from './provinces';

/*
 * Code checks against the dated lists of resources/codes (installed by the Node side; see catalog.ts). When no list
 * applies to the day, the built-in tables decide, so the checks never get weaker than before the lists existed.
 * `day` is yyyy-mm-dd or a period yyyy-mm.
 */

/** Quốc tịch: the dated VNPT list (keeps legacy AN, CS …) or a current ISO 3166-1 code (the VNPT list lacks RS, ME, SS …). */
export function isKnownNationality(code: string, day: string): boolean {
  return isNationalityCode(code) || checkCode('nationalities', code, day) === 'known';
}

export function isKnownEthnicity(code: string, day: string): boolean {
  const c = checkCode('ethnicities', code, day);
  return c === 'unchecked' ? isEthnicityCode(code) : c === 'known';
}

/** Mã tỉnh in force on the day (63 provinces before 07/2025, 34 from then). */
export function isKnownProvince(code: string, day: string): boolean {
  const c = checkCode('provinces', code, day);
  return c === 'unchecked' ? isProvinceCode(code, day.slice(0, 7)) : c === 'known';
}

/** A birth place keeps the province code of its time: any version of the list, or either built-in list. */
export function isHistoricProvince(code: string): boolean {
  if (Object.hasOwn(PROVINCES_2008, code) || Object.hasOwn(PROVINCES_2025, code)) return true;
  return (
    installedCodeCatalog()
      ?.versions('provinces')
      .some((v) => v.has(code)) ?? false
  );
}

/** Hospitals and communes: checked only where a list applies (none before 07/2025); 'unchecked' otherwise. */
export function listCheck(
  list: Extract<CodeListName, 'hospitals' | 'communes'>,
  code: string,
  day: string,
): 'known' | 'unknown' | 'unchecked' {
  return checkCode(list, code, day);
}

/** dd/mm/yyyy of a version's first day, for messages ("danh mục áp dụng từ 01/07/2025"). */
export function listDateVN(list: CodeListName, day: string): string {
  const v = installedCodeCatalog()?.at(list, day);
  if (!v) return '';
  const [y, m, d] = v.info.validFrom.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The 5-character MaBenhVien of a KCB place: as written, or tỉnh + a 3-digit code (older files write the province
 * and a 3-digit code apart). null when the shape is neither (left to the format rules).
 */
export function hospitalKey(code: string, province = ''): string | null {
  if (/^\d{2}[0-9A-Z]{3}$/.test(code)) return code;
  if (/^[0-9A-Z]{3}$/.test(code) && /^\d{2}$/.test(province)) return province + code;
  return null;
}
