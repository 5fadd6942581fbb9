/** Mức hưởng BHYT (`MucHuong`), portal API code 088 / Thái Sơn enum `muc_huong_bhyt` (reference §3.4). */
export const BENEFIT_LEVELS: Readonly<Record<string, string>> = {
  '1': '100 % không giới hạn (CC, TE)',
  '2': '100 % có giới hạn',
  '3': '95 %',
  '4': '80 % (DN, HC, … — người lao động thông thường)',
  '5': '100 % kể cả ngoài phạm vi (QN, CA, CY)',
};

export function isBenefitLevel(s: string): boolean {
  return Object.prototype.hasOwnProperty.call(BENEFIT_LEVELS, s);
}
