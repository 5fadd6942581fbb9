/**
 * Free text entering a draft: NFC, so the same name typed on two keyboards (precomposed or combining marks, as
 * Windows Vietnamese IMEs differ) gives the same bytes in the forms; without the C0 controls XML 1.0 forbids
 * (pasted from spreadsheets — a file holding one is not XML at all).
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function cleanText(s: string): string {
  // Printable ASCII (codes, numbers, dates) needs no work.
  if (/^[\x20-\x7E]*$/.test(s)) return s;
  return s.replace(FORBIDDEN, '').normalize('NFC');
}
