/**
 * CSV as Excel on a Vietnamese Windows opens it: UTF-8 with BOM (without one Excel reads the file in the ANSI code
 * page, Windows-1258, and "Nguyễn" becomes garbage), `;` separators (the list separator where the decimal mark is a
 * comma), CRLF line ends (RFC 4180). One writer for every CSV the app exports (audit log, period index).
 */

/** OWASP "CSV Injection": a cell starting with = + - @, tab or CR is read as a formula by Excel and Calc. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A negative amount ("-500000", "-1.234.567") is a number, not a formula, and stays one. */
const NEGATIVE_NUMBER = /^-\d[\d.,]*$/;
/**
 * Quoted when it holds a quote, a line break or a separator of either locale: `;` here, and `,` for a PC whose list
 * separator is a comma (English Windows, Calc's default), where an unquoted comma starts a new cell — one that
 * could start with `=`.
 */
const NEEDS_QUOTES = /[;,"\n\r]/;
/**
 * Control characters other than tab and line breaks (NUL, ESC…): not text, dropped as the .xlsx writer drops them;
 * text is NFC as that writer stores it.
 */
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/**
 * Where a spreadsheet may start a new cell inside this one's text when it reads the file with the other separator
 * (`,` on an English Windows), or without our quotes: after `,` `;` a tab, a line break or a quote. A formula
 * character there gets the same `'` as at the start of a cell ("Từ chối,=1+1" → "Từ chối,'=1+1").
 */
const INNER_FORMULA = /([,;\t\r\n"])(?=[=+\-@])/g;

/**
 * Digits a spreadsheet reads as a number and so changes: the leading zero of a mã số BHXH "0123456789", a CCCD
 * "001…", an all-digit unit code "0100123" or a tax code is dropped, and from 12 digits Excel shows "1,23457E+11"
 * and keeps 15. Such a cell is the formula ="…", which Excel and Calc show as that text (the form payroll exports
 * use; our import reads it as the text inside, read-csv.ts). Only digits go inside, so nothing else can run.
 */
const CHANGED_AS_NUMBER = /^(0\d+|\d{12,})$/;

export function csvCell(v: string): string {
  const clean = v.normalize('NFC').replace(CONTROLS, '');
  if (CHANGED_AS_NUMBER.test(clean)) return `"=""${clean}"""`;
  if (NEGATIVE_NUMBER.test(clean)) return NEEDS_QUOTES.test(clean) ? `"${clean}"` : clean;
  const inner = clean.replace(INNER_FORMULA, "$1'");
  const safe = FORMULA_START.test(inner) ? `'${inner}` : inner;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header and rows → the whole file text, BOM first. */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
