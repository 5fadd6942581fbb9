import { hospitalKey, isHistoricProvince, isKnownProvince, listCheck, listDateVN } from '../codes/known';
import type { DraftRow } from '../draft/schema';

type Report = (field: string, code: string, vi: string, en: string) => void;

/**
 * TK1-TS place and KCB codes against the dated lists in force in the period (resources/codes): residence and KCB must
 * use the codes of the period; a birth place keeps the codes of its time, so an unknown birth commune only warns.
 * Empty fields are left to the form rules (TK1-TS warns about a missing address or KCB).
 */
export function validateRowCodes(row: DraftRow, period: string | null, err: Report, warn: Report): void {
  if (!period) return;
  const { hospital, residence, birthPlace } = row;
  if (hospital.province && !isKnownProvince(hospital.province, period)) {
    err(
      'hospital.province',
      'PROVINCE_UNKNOWN',
      `mã tỉnh "${hospital.province}" không có trong danh mục tỉnh của kỳ kê khai`,
      `province code "${hospital.province}" is not in the period's list`,
    );
  }
  const kcb = hospitalKey(hospital.code, hospital.province);
  if (kcb && listCheck('hospitals', kcb, period) === 'unknown') {
    err(
      'hospital.code',
      'HOSPITAL_UNKNOWN',
      `mã nơi KCB "${hospital.code}" không có trong danh mục cơ sở KCB áp dụng từ ${listDateVN('hospitals', period)}`,
      `KCB code "${hospital.code}" is not in the hospital list`,
    );
  }
  if (residence.province && !isKnownProvince(residence.province, period)) {
    err(
      'residence.province',
      'PROVINCE_UNKNOWN',
      `mã tỉnh "${residence.province}" không có trong danh mục tỉnh của kỳ kê khai`,
      `province code "${residence.province}" is not in the period's list`,
    );
  }
  if (residence.ward && listCheck('communes', residence.ward, period) === 'unknown') {
    err(
      'residence.ward',
      'COMMUNE_UNKNOWN',
      `mã xã "${residence.ward}" không có trong danh mục xã, phường áp dụng từ ${listDateVN('communes', period)}`,
      `commune code "${residence.ward}" is not in the commune list`,
    );
  }
  if (birthPlace.province && !isHistoricProvince(birthPlace.province)) {
    err(
      'birthPlace.province',
      'PROVINCE_UNKNOWN',
      `mã tỉnh "${birthPlace.province}" không có trong danh mục tỉnh`,
      `unknown province code "${birthPlace.province}"`,
    );
  }
  if (birthPlace.ward && listCheck('communes', birthPlace.ward, period) === 'unknown') {
    warn(
      'birthPlace.ward',
      'COMMUNE_NOT_CURRENT',
      `mã xã "${birthPlace.ward}" không có trong danh mục xã, phường hiện hành (áp dụng từ ${listDateVN('communes', period)}); kiểm tra lại nếu không phải mã cũ`,
      `commune code "${birthPlace.ward}" is not in the current list`,
    );
  }
}
