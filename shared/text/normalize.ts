/**
 * Unicode normalisation for names and free text. Spreadsheets from macOS or some web forms carry NFD
 * ("e" + U+0302 + U+0301); BHXH files and our search column use NFC, so everything stored is NFC.
 */
export function toNfc(s: string): string {
  return s.normalize('NFC');
}

const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
/** Combining marks: only text containing one can differ from its NFC form (for the scripts a roster holds). */
export const HAS_COMBINING = /[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;

/** White space that cleanText changes: any but a single inner space (JavaScript's \s, which includes U+00A0). */
const UNTIDY_SPACE = /[^\S ]| {2}|^ | $/;

/** Characters that show as nothing (zero-width space and joiners, word joiner): never stored. U+FEFF is white space. */
const INVISIBLE = /[\u200b-\u200d\u2060]/g;

/** NFC, trimmed, inner whitespace runs collapsed to one space (names typed with double spaces), invisibles dropped. */
export function cleanText(s: string): string {
  // Fast path: empty or printable ASCII already single-spaced (most identifier and code cells of an import).
  if (s === '' || PLAIN.test(s)) return s;
  s = s.replace(INVISIBLE, '');
  const nfc = HAS_COMBINING.test(s) ? s.normalize('NFC') : s;
  // Most names are already tidy: testing first spares a copy of each (an import cleans 50,000 of them).
  return UNTIDY_SPACE.test(nfc) ? nfc.replace(/\s+/g, ' ').trim() : nfc;
}
