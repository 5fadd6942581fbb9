/** Vùng lương tối thiểu codes (`MavungLTT`), portal API code 087 (reference §3.4). */
export const WAGE_REGIONS = ['01', '02', '03', '04'] as const;
export type WageRegion = (typeof WAGE_REGIONS)[number];
export const WAGE_REGION_NAMES: Readonly<Record<WageRegion, string>> = {
  '01': 'Vùng I',
  '02': 'Vùng II',
  '03': 'Vùng III',
  '04': 'Vùng IV',
};

export function isWageRegion(s: string): s is WageRegion {
  return (WAGE_REGIONS as readonly string[]).includes(s);
}

/** Vùng sinh sống (`MavungSS`) for the 100 % BHYT benefit: K1, K2, K3 or empty (Thái Sơn enum `ma_vung_ss_type`). */
export const LIVING_AREAS = ['K1', 'K2', 'K3'] as const;
