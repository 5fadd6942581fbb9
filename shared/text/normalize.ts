/**
 * Unicode normalisation for names and free text. Spreadsheets from macOS or some web forms carry NFD
 * ("e" + U+0302 + U+0301); BHXH files and our search column use NFC, so everything stored is NFC.
 */
export function toNfc(s: string): string {
  return s.normalize('NFC');
}

/** Combining marks: only text containing one can differ from its NFC form (for the scripts a roster holds). */
export const HAS_COMBINING = /[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;

/** White space that cleanText changes: any but a single inner space (JavaScript's \s, which includes U+00A0). */
const UNTIDY_SPACE = /[^\S ]| {2}|^ | $/;

/** Characters that show as nothing (zero-width space and joiners, word joiner): never stored. U+FEFF is white space. */
const INVISIBLE = /[\u200b-\u200d\u2060]/g;

/**
 * What cleanText changes, in one scan: an invisible character, a combining mark, white space other than a single inner
 * space (JavaScript's \s is [\t-\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]). Text without
 * any is returned as it is — every cell an import has already read through cellText, 50,000 names and more a file,
 * where three scans (invisibles, marks, spaces) each found nothing.
 */
const NEEDS_CLEANING =
  /[\t-\r\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]| {2}|^ | $/;

/** NFC, trimmed, inner whitespace runs collapsed to one space (names typed with double spaces), invisibles dropped. */
export function cleanText(s: string): string {
  if (s === '' || !NEEDS_CLEANING.test(s)) return s;
  s = s.replace(INVISIBLE, '');
  const nfc = HAS_COMBINING.test(s) ? s.normalize('NFC') : s;
  // Most names are already tidy: testing first spares a copy of each (an import cleans 50,000 of them).
  return UNTIDY_SPACE.test(nfc) ? nfc.replace(/\s+/g, ' ').trim() : nfc;
}
