/**
 * VNI-Windows (fonts "VNI-Times" etc.) → Unicode. VNI writes a Vietnamese letter as an ASCII base letter followed
 * by one "mark" byte that the font draws as the diacritic(s); a few letters are single bytes. In a spreadsheet
 * the bytes appear as their Windows-1252/Latin-1 characters. Marks decode to Unicode combining sequences and the
 * result is composed with NFC. Source: VNI-Windows code chart (VNI Software), as used by Unikey's converter.
 */

const ACUTE = '\u0301';
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const DOT = '\u0323';
const CIRC = '\u0302';
const BREVE = '\u0306';

/** Mark byte (lower-case form; the upper-case form is the Latin-1 capital) → combining sequence. */
const MARKS_LOWER: Record<string, string> = {
  ù: ACUTE,
  ø: GRAVE,
  û: HOOK,
  õ: TILDE,
  ï: DOT,
  â: CIRC,
  á: CIRC + ACUTE,
  à: CIRC + GRAVE,
  å: CIRC + HOOK,
  ã: CIRC + TILDE,
  ä: CIRC + DOT,
  ê: BREVE,
  é: BREVE + ACUTE,
  è: BREVE + GRAVE,
  ú: BREVE + HOOK,
  ü: BREVE + TILDE,
  ë: BREVE + DOT,
};

export const VNI_MARKS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    Object.entries(MARKS_LOWER).flatMap(([k, v]) => [
      [k, v],
      [k.toUpperCase(), v],
    ]),
  ),
);

/** Single-byte letters (they may still take a tone mark after them: "ôù" = ớ). */
export const VNI_LETTERS: Readonly<Record<string, string>> = Object.freeze({
  ô: 'ơ',
  Ô: 'Ơ',
  ö: 'ư',
  Ö: 'Ư',
  ñ: 'đ',
  Ñ: 'Đ',
  ì: 'ì',
  Ì: 'Ì',
  í: 'í',
  Í: 'Í',
  æ: 'ỉ',
  Æ: 'Ỉ',
  ò: 'ị',
  Ò: 'Ị',
  ó: 'ĩ',
  Ó: 'Ĩ',
  î: 'ỵ',
  Î: 'Ỵ',
});

/** Letters a VNI mark may follow. */
export const VNI_BASES = new Set('aeiouyAEIOUYơưƠƯ'.split(''));
