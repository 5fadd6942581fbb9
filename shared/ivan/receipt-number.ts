/**
 * Số hồ sơ as BHXH assigns it: `NNNNN/YYYY/CCCCC` = 5-digit sequence / year / 5-digit mã cơ quan BHXH
 * that received the dossier (observed `03706/2026/07906`, `27885/2020/00108`; domain reference §2.2).
 */
export const RECEIPT_NO_PATTERN = /^(\d{5})\/(\d{4})\/(\d{5})$/;

export function formatReceiptNo(sequence: number, year: number, agencyCode: string): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99_999) throw new RangeError('sequence out of range');
  if (!/^\d{5}$/.test(agencyCode)) throw new RangeError('agency code must be 5 digits');
  return `${String(sequence).padStart(5, '0')}/${year}/${agencyCode}`;
}

export function parseReceiptNo(s: string): { sequence: number; year: number; agencyCode: string } | null {
  const m = RECEIPT_NO_PATTERN.exec(s);
  if (!m) return null;
  return { sequence: Number(m[1]), year: Number(m[2]), agencyCode: m[3]! };
}
