import { parseBirthDate } from '../../shared/identity/birth-date';
import { toUnicode, type LegacyEncoding } from '../../shared/text/legacy/decode';
import type { CellValue } from './sheet';

/**
 * Cell conversions. Excel stores dates as serial day numbers counted from 1899-12-30 (that epoch absorbs Excel's
 * fictitious 29/02/1900 for every serial ≥ 61, i.e. any date after 28/02/1900 — ECMA-376 Part 1 §18.17.4.1).
 */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function excelSerialToDmy(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return dmy(d);
}

function dmy(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Characters that show as nothing: zero-width space and joiners, word joiner. Web exports and text pasted from chat
 * apps carry them; left in, "Nam" is no gender and a CCCD is not 12 digits. (U+FEFF is white space to JavaScript,
 * trimmed and collapsed like a space; U+00AD stays: it is TCVN3's "ư" before the legacy decoding.)
 */
const INVISIBLE = /[\u200b-\u200d\u2060]/g;

export interface TextResult {
  text: string;
  /** True when the text was converted from TCVN3 or VNI. */
  converted: boolean;
}

/**
 * Any cell as text: legacy encodings converted (the column's, when known), NFC, invisible characters dropped.
 * Numbers print without grouping. A leading apostrophe is Excel's "this is text" mark (payroll exports write
 * '0123456789 so Excel keeps the zero, and our own CSV export puts it before a formula character): never data.
 */
export function cellText(v: CellValue, encoding?: LegacyEncoding): TextResult {
  if (v === null) return { text: '', converted: false };
  if (typeof v === 'string') {
    if (!NON_ASCII.test(v)) return { text: withoutTextMark(v.trim()), converted: false };
    const r = toUnicode(v.replace(INVISIBLE, ''), encoding);
    return { text: withoutTextMark(r.text.trim()), converted: r.encoding !== 'unicode' };
  }
  if (typeof v === 'number') return { text: String(v), converted: false };
  if (typeof v === 'boolean') return { text: v ? '1' : '0', converted: false };
  return { text: dmy(v), converted: false };
}

const withoutTextMark = (t: string) => (t.charCodeAt(0) === 39 ? t.slice(1).trimStart() : t);

/**
 * A date cell: Date objects and serials become dd/mm/yyyy; text passes through ("1990", "03/1990", "5/3/1990"),
 * or, when the file writes its dates month first (`monthFirst`, see `dateOrder`), has day and month swapped.
 */
export function cellDate(v: CellValue, yearOnlyAllowed: boolean, monthFirst = false): string {
  const t = cellDateText(v, yearOnlyAllowed);
  if (!monthFirst) return t;
  const m = DAY_MONTH_YEAR.exec(t);
  if (!m) return t;
  // A day in neither order ("2/29/2021") keeps the clerk's text, so the refusal quotes the cell as the file has it.
  const swapped = `${m[3]}${m[2]}${m[1]}${m[2]}${m[4]}`;
  return parseBirthDate(swapped) ? swapped : t;
}

/** d/m/yyyy with "/", "-" or "." (the text parseBirthDate reads): [, first, separator, second, year]. */
const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;

/** What a file's date columns say about how to read its dates (`dateOrder`). */
export interface DateOrder {
  order: 'day-first' | 'month-first';
  /** A text date only month/day/year can read, quoted in the DATE_ORDER warning. */
  evidence?: string;
  /** Date cells are likely swapped (see `dateOrder`): a text date that stayed text, quoted in their refusals. */
  swapped?: { text: string };
}

/**
 * The order of a file's text dates: 'month-first' when some date can only be month/day/year ("3/15/1990", as Excel
 * writes a CSV where Windows is set to English (United States) — common on Vietnamese office PCs) and none can only
 * be day/month/year. Read as d/m, every such file stored 1 March as 3 January without a word for days 1–12, and
 * refused the others. 'day-first' otherwise: the Vietnamese order, and the one when nothing tells them apart.
 *
 * Also `swapped`: dd/mm/yyyy dates typed into Excel set to month first (English (United States)), or a CSV of them
 * opened there (or in LibreOffice) and saved as .xlsx. The program turns every date whose two numbers are both ≤ 12
 * into a date cell, read month first ("01/02/1990", 1 February, becomes 2 January), and leaves the dates it cannot
 * read ("15/04/1991") as text; a dd/mm program opening an m/d CSV does the mirror image. Such a file had its date
 * cells imported with day and month swapped, without a word. The mark: text dates each readable in one order only
 * (none in both, which the program would have converted), all in the same order, and in one column at least beside
 * date cells; no date cell in any of the columns with a day above 12.
 */
export function dateOrder(columns: Iterable<Iterable<CellValue>>): DateOrder {
  let dayFirst = false;
  let monthFirst: string | undefined;
  let eitherOrderText = false;
  let dayAbove12 = false;
  // A column holding both kinds: text readable in one order only, and date cells. Required so that a file whose
  // birth dates are text and whose contract dates are date cells (all on the 1st: day ≤ 12) is not taken for one.
  let mixedColumnText: string | undefined;
  for (const column of columns) {
    let oneOrderText: string | undefined;
    let dateCells = false;
    for (const v of column) {
      if (v instanceof Date) {
        dateCells = true;
        if (v.getUTCDate() > 12) dayAbove12 = true;
        continue;
      }
      if (typeof v !== 'string') continue;
      const m = DAY_MONTH_YEAR.exec(cellDateText(v, false));
      if (!m) continue;
      const a = Number(m[1]);
      const b = Number(m[3]);
      if (a > 12 && b <= 12) {
        dayFirst = true;
        oneOrderText ??= v.trim();
      } else if (b > 12 && a <= 12) {
        monthFirst ??= v.trim();
        oneOrderText ??= v.trim();
      } else if (a <= 12 && b <= 12) eitherOrderText = true;
    }
    if (oneOrderText && dateCells) mixedColumnText ??= oneOrderText;
  }
  const swapped =
    mixedColumnText && !dayAbove12 && !eitherOrderText && dayFirst !== (monthFirst !== undefined)
      ? { text: mixedColumnText }
      : undefined;
  const order =
    monthFirst && !dayFirst ? { order: 'month-first' as const, evidence: monthFirst } : { order: 'day-first' as const };
  return swapped ? { ...order, swapped } : order;
}

function cellDateText(v: CellValue, yearOnlyAllowed: boolean): string {
  if (v instanceof Date) return dmy(v);
  if (typeof v === 'number') {
    // A bare 4-digit number in a birth-date column is a year (the forms allow yyyy), not serial 1990 = 1905.
    if (yearOnlyAllowed && Number.isInteger(v) && v >= 1900 && v <= 2100) return String(v);
    if (v > 0 && v < 2_958_466) return excelSerialToDmy(v);
    return String(v);
  }
  const t = cellText(v).text;
  // "1990.0", "32933.0": a number column written as floating point (Python and pandas do when a cell is empty) —
  // read as the number it is: a year, or a serial.
  const float = /^(\d{4,5})\.0+$/.exec(t);
  if (float) return cellDateText(Number(float[1]), yearOnlyAllowed);
  // Year first ("1990-03-01", "1990/3/1", ISO with a time): nobody writes year/day/month, so this is unambiguous.
  const iso = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (iso) return `${iso[4]!.padStart(2, '0')}/${iso[3]!.padStart(2, '0')}/${iso[1]}`;
  const isoMonth = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (isoMonth && yearOnlyAllowed) return `${isoMonth[2]!.padStart(2, '0')}/${isoMonth[1]}`;
  // An Excel serial written out as text (a CSV from a program that exported the date cells' values, not their
  // display): five digits are no year and no day/month/year, so read as the serial an .xlsx numeric cell would be.
  if (/^\d{5}$/.test(t) && Number(t) < 2_958_466) return excelSerialToDmy(Number(t));
  // A time of day after the date, as other programs export date columns (.NET in the vi-VN culture writes
  // "15/03/1990 12:00:00 SA", SA/CH being AM/PM): the date alone. Anything else after a space stays, and is refused.
  const sp = t.indexOf(' ');
  if (sp > 0 && TIME_OF_DAY.test(t.slice(sp + 1))) return t.slice(0, sp);
  return t;
}

const TIME_OF_DAY = /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?( ?(AM|PM|SA|CH))?$/i;

/**
 * Identifier cells (mã số, CCCD): a numeric cell lost its leading zero in Excel ("079…" typed into a General cell
 * becomes 79…), so it is padded back to `width` when exactly one digit short — or two for a 12-digit CCCD, whose
 * first three digits are the province of registration 001–096 (Thông tư 59/2021/TT-BCA, Điều 13): Hà Nội's
 * "001090000123" typed as a number is 1090000123.
 */
export function cellDigits(v: CellValue, widths: number[]): string {
  if (typeof v === 'number' && Number.isInteger(v)) {
    const s = String(v);
    for (const w of widths) {
      if (s.length === w - 1) return '0' + s;
      if (w === 12 && s.length === 10) return '00' + s;
    }
    return s;
  }
  const t = cellText(v).text;
  // "123456789.0": a program that wrote the column as floating-point numbers (pandas does when a cell is empty). A
  // number, so padded as one; removing the dot as a separator would make ten digits of nine — a wrong mã số.
  const float = /^(\d+)\.0+$/.exec(t);
  if (float) return cellDigits(Number(float[1]), widths);
  // "001,090,000,123": an Excel number format with thousands separators, saved as text.
  if (/^\d{1,3}(,\d{3})+$/.test(t)) return t.replace(/,/g, '');
  return t.replace(/[\s.]/g, '');
}

/**
 * Money or coefficient: numbers as they are; text with Vietnamese grouping "5.000.000" / "5.000.000,50", English
 * "5,000,000" / "5,000,000.00", spaces "5 000 000", a currency word ("đ", "₫", "VNĐ", "đồng"), or a decimal mark
 * alone "2,34" / "2.34" / "5000000.00". One separator before exactly three digits ("500,000", "5.310") groups
 * thousands whichever it is: no coefficient is written with three decimals, and reading "500,000" as 500 would be
 * a silent factor of 1,000. Returns NaN when not a number (the caller names the cell), null when empty.
 */
export function cellNumber(v: CellValue): number | null {
  if (v === null) return null;
  // A formula's result as Excel stores it, to 17 digits ("=5310000*1,1" is 5841000.0000000009): the 15 significant
  // digits Excel shows and saves as CSV. Else a raise computed in the sheet is "not a whole number of đồng".
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? v : Number(v.toPrecision(15));
  const t = cellText(v).text.replace(CURRENCY_AND_SPACES, '');
  if (t === '') return null;
  if (/^-?\d+$/.test(t)) return Number(t);
  if (/^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  if (/^-?\d+[.,]\d+$/.test(t)) return Number(t.replace(',', '.'));
  return Number.NaN;
}

const CURRENCY_AND_SPACES = /\s|đồng|vnđ|vnd|đ|₫/gi;

/** The cells almost every file has, answered without text conversion. */
const GENDER_AS_WRITTEN = new Map<CellValue, 'M' | 'F'>([
  ['Nam', 'M'],
  ['Nữ', 'F'],
  ['nam', 'M'],
  ['nữ', 'F'],
  ['NAM', 'M'],
  ['NỮ', 'F'],
]);

export function cellGender(v: CellValue): 'M' | 'F' | null {
  const known = GENDER_AS_WRITTEN.get(v);
  if (known) return known;
  const t = cellText(v).text.toLowerCase().normalize('NFC');
  if (['nam', 'm', 'male', '1', 'trai'].includes(t)) return 'M';
  if (['nữ', 'nu', 'f', 'female', '0', 'gái', 'gai'].includes(t)) return 'F';
  return null;
}
