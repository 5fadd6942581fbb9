/**
 * Search folding: diacritics and case removed, đ/Đ → d (đ is a separate letter in Unicode, not d + a mark, so NFD
 * does not split it). "Nguyễn Văn Đức" → "nguyen van duc". Used for the roster's search column (computed for every
 * row of a 50,000-row import) and for matching spreadsheet headers.
 */
const MARKS = /[\u0300-\u036f]/g;

/** Per-character folding, computed once per distinct character (NFD, marks dropped, đ → d, lower case). */
const cache = new Map<number, string>();

function foldChar(code: number): string {
  let f = cache.get(code);
  if (f === undefined) {
    f = String.fromCharCode(code).normalize('NFD').replace(MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase();
    cache.set(code, f);
  }
  return f;
}

export function foldForSearch(s: string): string {
  let out = '';
  let space = true; // collapses runs of whitespace and drops leading ones
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0) {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    const f = c < 0x80 ? (c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i]!) : foldChar(c);
    if (f) {
      out += f;
      space = false;
    }
  }
  return space && out.endsWith(' ') ? out.slice(0, -1) : out;
}

/** Folding that also drops every non-alphanumeric character: "Mã số BHXH" and "ma_so_bhxh" → "masobhxh". */
export function foldKey(s: string): string {
  return foldForSearch(s).replace(/[^a-z0-9]/g, '');
}
