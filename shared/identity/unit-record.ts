import type { UnitFields } from '../contract/roster';
import { IVAN_NAMES } from '../codes/ivan-providers';
import { cleanText } from '../text/normalize';
import { validateMst } from './mst';
import { validateAgencyCode, validateUnitCode, validateWageRegion } from './unit-code';

export interface UnitProblem {
  field: keyof UnitFields;
  code: string;
  message: string;
  messageEn: string;
}

const LABELS: Record<keyof UnitFields, [string, string]> = {
  code: ['Mã đơn vị', 'Unit code'],
  name: ['Tên đơn vị', 'Unit name'],
  taxCode: ['Mã số thuế', 'Tax code'],
  agencyCode: ['Mã cơ quan BHXH', 'BHXH agency code'],
  address: ['Địa chỉ', 'Address'],
  phone: ['Điện thoại', 'Phone'],
  email: ['Email', 'E-mail'],
  signer: ['Người ký', 'Signer'],
  wageRegion: ['Vùng lương', 'Wage region'],
  ivanProvider: ['Nhà cung cấp I-VAN', 'I-VAN provider'],
};

/** Normalises a unit and lists every problem by field (MST check digit, 5-digit agency code, vùng 01–04, …). */
export function checkUnit(input: UnitFields): { value: UnitFields; problems: UnitProblem[] } {
  const v: UnitFields = { ...input };
  for (const k of Object.keys(v) as (keyof UnitFields)[]) {
    const x = v[k];
    if (typeof x === 'string') (v as Record<string, unknown>)[k] = cleanText(x);
  }
  v.code = v.code.toUpperCase();
  if (/^\d$/.test(v.wageRegion)) v.wageRegion = '0' + v.wageRegion;
  const problems: UnitProblem[] = [];
  const add = (field: keyof UnitFields, code: string, vi: string, en: string) =>
    problems.push({ field, code, message: `${LABELS[field][0]}: ${vi}`, messageEn: `${LABELS[field][1]}: ${en}` });
  const use = (field: keyof UnitFields, r: { ok: boolean; code?: string; reason?: string; reasonEn?: string }) => {
    if (!r.ok) add(field, r.code!, r.reason!, r.reasonEn!);
  };
  use('code', validateUnitCode(v.code));
  if (!v.name) add('name', 'REQUIRED', 'không được để trống', 'is required');
  use('taxCode', validateMst(v.taxCode));
  use('agencyCode', validateAgencyCode(v.agencyCode));
  use('wageRegion', validateWageRegion(v.wageRegion));
  if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email))
    add('email', 'EMAIL', 'không đúng dạng thư điện tử', 'is not a valid e-mail address');
  if (v.ivanProvider && !Object.prototype.hasOwnProperty.call(IVAN_NAMES, v.ivanProvider)) {
    add(
      'ivanProvider',
      'IVAN_PROVIDER',
      `mã "${v.ivanProvider}" không có trong danh sách I-VAN của BHXH`,
      `code "${v.ivanProvider}" is not on the BHXH I-VAN list`,
    );
  }
  return { value: v, problems };
}
