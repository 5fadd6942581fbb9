import type { DossierLabel } from '../contract/ivan';

/** A procedure as the clerk reads it: "Thủ tục 600", or the registration form ("04/ĐK-IVAN") as is. */
export function procedureName(procedure: string | null, lang: 'vi' | 'en' = 'vi'): string | null {
  if (!procedure) return null;
  return /^\d+$/.test(procedure) ? `${lang === 'en' ? 'Procedure' : 'Thủ tục'} ${procedure}` : procedure;
}

/**
 * One line naming a dossier everywhere it appears (history, notifications, receipts, exports, the CLI):
 * "TA00001 – Công ty TNHH Tân An · Thủ tục 600 · Kỳ 11/2026 · Đợt 1 · Số hồ sơ 38101/2026/00001".
 */
export function dossierTitle(l: Partial<DossierLabel>, lang: 'vi' | 'en' = 'vi'): string {
  const en = lang === 'en';
  const unit = [l.unitCode, l.unitName].filter(Boolean).join(' – ');
  return [
    unit || null,
    procedureName(l.procedure ?? null, lang),
    l.period ? `${en ? 'Period' : 'Kỳ'} ${l.period}` : null,
    l.batch ? `${en ? 'Batch' : 'Đợt'} ${l.batch}` : null,
    l.receiptNo ? `${en ? 'Dossier no.' : 'Số hồ sơ'} ${l.receiptNo}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
