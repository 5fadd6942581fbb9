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

export interface TextResult {
  text: string;
  /** True when the text was converted from TCVN3 or VNI. */
  converted: boolean;
}

/** Any cell as text: legacy encodings converted (the column's, when known), NFC. Numbers print without grouping. */
export function cellText(v: CellValue, encoding?: LegacyEncoding): TextResult {
  if (v === null) return { text: '', converted: false };
  if (typeof v === 'string') {
    if (!NON_ASCII.test(v)) return { text: v.trim(), converted: false };
    const r = toUnicode(v, encoding);
    return { text: r.text.trim(), converted: r.encoding !== 'unicode' };
  }
  if (typeof v === 'number') return { text: String(v), converted: false };
  if (typeof v === 'boolean') return { text: v ? '1' : '0', converted: false };
  return { text: dmy(v), converted: false };
}

/** A date cell: Date objects and serials become dd/mm/yyyy; text passes through ("1990", "03/1990", "5/3/1990"). */
export function cellDate(v: CellValue, yearOnlyAllowed: boolean): string {
  if (v instanceof Date) return dmy(v);
  if (typeof v === 'number') {
    // A bare 4-digit number in a birth-date column is a year (the forms allow yyyy), not serial 1990 = 1905.
    if (yearOnlyAllowed && Number.isInteger(v) && v >= 1900 && v <= 2100) return String(v);
    if (v > 0 && v < 2_958_466) return excelSerialToDmy(v);
    return String(v);
  }
  const t = cellText(v).text;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
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
  return cellText(v).text.replace(/[\s.]/g, '');
}

/**
 * Money or coefficient: numbers as they are; text "5.310.000", "5,310,000", "5 310 000" (grouping) or
 * "2,34" / "2.34" (decimal). Returns NaN when not a number, null when empty.
 */
export function cellNumber(v: CellValue): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  const t = cellText(v).text.replace(/\s|đ|VND|vnđ/gi, '');
  if (t === '') return null;
  if (/^-?\d{1,3}([.,]\d{3})+$/.test(t) && !/^-?\d{1,3}[.,]\d{3}$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  if (/^-?\d{1,3}\.\d{3}$/.test(t) && Number(t.replace('.', '')) > 100) return Number(t.replace('.', '')); // "5.310" thousand-grouped
  if (/^-?\d+([.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return Number.NaN;
}

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
