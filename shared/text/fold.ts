/**
 * Search folding: diacritics and case removed, đ/Đ → d (đ is a separate letter in Unicode, not d + a mark, so NFD
 * does not split it). "Nguyễn Văn Đức" → "nguyen van duc". Used for the roster's search column and for matching
 * spreadsheet headers.
 */
const MARKS = /[\u0300-\u036f]/g;

export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folding that also drops every non-alphanumeric character: "Mã số BHXH" and "ma_so_bhxh" → "masobhxh". */
export function foldKey(s: string): string {
  return foldForSearch(s).replace(/[^a-z0-9]/g, '');
}
