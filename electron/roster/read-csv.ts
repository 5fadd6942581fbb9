import { formatNumber } from '../../shared/format';
import { AppError } from '../core/app-error';
import { XLSX_LIMITS } from './read-xlsx';
import type { CellValue, Sheet, SheetRow } from './sheet';

/**
 * CSV and tab-separated text as Vietnamese offices save it:
 * - UTF-8 with or without BOM; UTF-16 LE/BE with BOM (Excel's "Unicode Text", tab-separated) or without one
 *   (recognised by its NUL bytes in alternate positions); Windows-1258 (what
 *   Vietnamese Windows writes for "CSV"), decoded by the WHATWG decoder Node ships;
 * - delimiter `,`, `;` (Excel in a Vietnamese locale, where "," is the decimal mark) or tab, whichever splits the
 *   first lines into the most columns; RFC 4180 quoting;
 * - Excel's `sep=;` first line (Excel writes it, honours it and does not show it): the delimiter it names, and rows
 *   numbered from the line after it, as Excel shows them;
 * - `="0123456789"`: the formula payroll exports write so Excel keeps an identifier's leading zeros; Excel shows
 *   the text inside, and so does this reader;
 * - every cell NFC. A byte sequence that is no text in the file's encoding, or a control character (NUL…), is never
 *   stored or replaced by U+FFFD: the row is marked `invalid` with the column and the bytes, and the import refuses it.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export interface CsvSheet extends Sheet {
  encoding: TextEncoding;
  delimiter: ',' | ';' | '\t';
}

const hex = (bytes: Iterable<number>) =>
  Array.from(bytes, (b) => '0x' + b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

/**
 * The encoding of a file without BOM: UTF-8 when its non-ASCII bytes form UTF-8 sequences (a stray broken byte
 * in an otherwise UTF-8 file stays UTF-8 — that row is refused), Windows-1258 when none of them do.
 */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const noBom16 = utf16WithoutBom(bytes);
  if (noBom16) return { encoding: noBom16, bom: 0 };
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len - 1;
    } else invalid++;
  }
  return { encoding: valid > 0 && valid >= invalid * 4 ? 'utf-8' : invalid > 0 ? 'windows-1258' : 'utf-8', bom: 0 };
}

/**
 * UTF-16 saved without a byte-order mark (some export tools do): read as UTF-8 or Windows-1258 its headers would be
 * garbage with a NUL between letters. Vietnamese text in UTF-16 has a zero high byte for ASCII and most accented
 * Latin letters (U+00C0–U+00FF), so at least a third of the code units in the first 4 KB carry a NUL on one side
 * (odd offsets: little-endian, even: big-endian) and almost none on the other. Text in any 8-bit encoding has no NUL.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i & 1 ? odd++ : even++;
  const units = n / 2;
  if (odd >= units / 3 && even <= units / 20) return 'utf-16le';
  if (even >= units / 3 && odd <= units / 20) return 'utf-16be';
  return null;
}

/** The .xlsx reader's caps (a CSV is no cheaper to hold): data rows, characters in one cell, columns with a value. */
const CSV_LIMITS = { rows: XLSX_LIMITS.rows, cellChars: XLSX_LIMITS.cellChars, columns: XLSX_LIMITS.columns };

function csvCapError(vi: string, en: string): AppError {
  return new AppError('FILE_TOO_LARGE', `Tệp CSV vượt giới hạn: ${vi}`, { en: `The CSV file exceeds a limit: ${en}` });
}

/** A cell over the cap; `linesInQuote` ≥ 0 when it is a quoted cell (often a quote never closed). */
const cellTooLong = (line: number, column: number, linesInQuote: number) => {
  const max = formatNumber(CSV_LIMITS.cellChars);
  return linesInQuote >= 0
    ? csvCapError(
        `dòng ${line}, cột ${column} mở dấu ngoặc kép (") mà không đóng: ô đã kéo dài hơn ${max} ký tự qua ${linesInQuote} dòng sau của tệp — hãy xoá hoặc đóng dấu ngoặc kép đó`,
        `row ${line}, column ${column} opens a quote (") that is not closed: the cell ran past ${CSV_LIMITS.cellChars} characters over ${linesInQuote} more lines of the file — delete or close that quote`,
      )
    : csvCapError(
        `dòng ${line}, cột ${column} dài hơn ${max} ký tự — tệp có đúng là bảng danh sách không?`,
        `row ${line}, column ${column} is longer than ${CSV_LIMITS.cellChars} characters — is this the roster file?`,
      );
};

/**
 * Splits text into records of fields (RFC 4180), each numbered as Excel and LibreOffice number the rows when they
 * open the file: a record whose quoted cell holds line breaks is one row, an empty line is an (empty) row. A quote
 * still open at the end of the file has taken the rest of it into one cell, as RFC 4180 and Python's csv module read
 * it (LibreOffice keeps such a quote as a character instead): that record says so (`unclosed`: the cell, and the line
 * breaks it swallowed), and the import refuses it.
 */
function* records(
  text: string,
  delimiter: string,
  start = 0,
  /** Longest field in `text`'s units: a UTF-8 file is split as bytes, up to 4 a character. */
  maxField = CSV_LIMITS.cellChars,
): Generator<{ line: number; fields: string[]; unclosed?: { column: number; lines: number } }> {
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let record = 1;
  let breaksInQuote = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    // The .xlsx reader's cap on a cell, checked as the cell grows: a 20 MB file of one "cell" (NUL bytes, a disk image
    // named .csv) had taken 850 MB, its text built a character at a time. Decoded cells are measured again after.
    if (field.length > maxField) throw cellTooLong(record, fields.length + 1, quoted ? breaksInQuote : -1);
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) breaksInQuote++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      breaksInQuote = 0;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      yield { line: record++, fields };
      fields = [];
      field = '';
    } else field += c;
  }
  if (field.length > maxField) throw cellTooLong(record, fields.length + 1, quoted ? breaksInQuote : -1);
  if (quoted) {
    fields.push(field);
    // The file's last line break ends its last line: it swallowed no line of its own.
    const trailing = field.endsWith('\n') || field.endsWith('\r') ? 1 : 0;
    yield { line: record, fields, unclosed: { column: fields.length - 1, lines: breaksInQuote - trailing } };
  } else if (field !== '' || fields.length) {
    fields.push(field);
    yield { line: record, fields };
  }
}

/** Excel's separator line: `sep=;` alone on the first line (also quoted, as some writers quote every field). */
const SEP_LINE = /^"?sep=([,;\t])"?[,;\t]*(\r\n|\r|\n)/i;

/** Excel's formula-text trick: `="0123"` is the text 0123 (quotes inside doubled, as in any Excel string literal). */
const FORMULA_TEXT = /^="((?:[^"]|"")*)"$/;

function detectDelimiter(text: string): ',' | ';' | '\t' {
  const lines = text.split(/\r?\n/, 20);
  let best: ',' | ';' | '\t' = ',';
  let bestCount = 0;
  for (const d of ['\t', ';', ','] as const) {
    let max = 0;
    for (const l of lines) {
      let n = 0;
      let q = false;
      for (const c of l) {
        if (c === '"') q = !q;
        else if (!q && c === d) n++;
      }
      max = Math.max(max, n);
    }
    if (max > bestCount) {
      best = d;
      bestCount = max;
    }
  }
  return best;
}

const C1 = /[\u0080-\u009f]/;
/** Tab and printable ASCII: a field of only these needs no further look (most fields). */
const SUSPECT = /[^\t\x20-\x7e]/;
/**
 * C0 controls other than tab and line breaks (a NUL from a damaged export…): no text a clerk typed, and no character
 * XML 1.0 can carry (§2.2 Char), so the declarations could not hold them. The row is refused naming the byte.
 */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;

/** A UTF-16 code unit as the file's two bytes. */
const unitBytes = (unit: number, encoding: TextEncoding) =>
  encoding === 'utf-16le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function readCsv(bytes: Uint8Array): CsvSheet {
  const { encoding, bom } = detectEncoding(bytes);
  const body = bytes.subarray(bom);
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // Single-byte and UTF-8 files are split on their ASCII delimiters first (as Latin-1, one char per byte), then each
  // field is decoded strictly, so a bad byte is found in its own row and column. UTF-16 is decoded whole (Node keeps
  // lone surrogates, which are then found per field).
  let text: string;
  if (encoding === 'utf-16le') text = buf.toString('utf16le');
  else if (encoding === 'utf-16be') text = Buffer.from(buf).swap16().toString('utf16le');
  else text = buf.toString('latin1');
  const sep = SEP_LINE.exec(text);
  const delimiter = sep ? (sep[1] as ',' | ';' | '\t') : detectDelimiter(text);
  const strict =
    encoding === 'utf-8' || encoding === 'windows-1258' ? new TextDecoder(encoding, { fatal: true }) : null;
  const rows: SheetRow[] = [];
  const maxField = encoding === 'utf-8' ? CSV_LIMITS.cellChars * 4 : CSV_LIMITS.cellChars;
  for (const { line, fields, unclosed } of records(text, delimiter, sep ? sep[0].length : 0, maxField)) {
    // Empty fields after the last value are no cells: Excel writes a separator for every column of the sheet's used
    // range, and a range stretched to column XFD by formatting gave each line 16,383 of them — kept, a 32 MB file of
    // 2,000 rows took 840 MB. A value past the .xlsx reader's column cap refuses the file, as there.
    let width = fields.length;
    while (width > 0 && fields[width - 1] === '' && !(unclosed && unclosed.column === width - 1)) width--;
    if (width > CSV_LIMITS.columns)
      throw csvCapError(
        `dòng ${line} có giá trị ở cột ${width}, ngoài ${formatNumber(CSV_LIMITS.columns)} cột đầu: hãy xoá các cột thừa bên phải bảng rồi lưu lại`,
        `row ${line} has a value in column ${width}, beyond the first ${CSV_LIMITS.columns} columns: delete the extra columns right of the table and save again`,
      );
    fields.length = width;
    const cells: CellValue[] = new Array(fields.length);
    let invalid: SheetRow['invalid'];
    let empty = true;
    for (let c = 0; c < fields.length; c++) {
      let f = fields[c]!;
      if (f.charCodeAt(0) === 61 && f.charCodeAt(1) === 34) {
        const m = FORMULA_TEXT.exec(f);
        if (m) f = m[1]!.replace(/""/g, '"');
      }
      const control = SUSPECT.test(f) ? CONTROL.exec(f) : null;
      if (control) {
        const unit = control[0].charCodeAt(0);
        (invalid ??= []).push({ column: c, bytes: hex(strict ? [unit] : unitBytes(unit, encoding)) });
        f = '';
      } else if (strict && /[^\x00-\x7f]/.test(f)) {
        const raw = Buffer.from(f, 'latin1');
        try {
          f = strict.decode(raw);
          if (encoding === 'windows-1258' && C1.test(f)) throw new Error('unassigned');
        } catch {
          (invalid ??= []).push({ column: c, bytes: badBytes(raw, encoding) });
          f = '';
        }
      } else if (!strict && LONE_SURROGATE.test(f)) {
        const unit = LONE_SURROGATE.exec(f)![0].charCodeAt(0);
        (invalid ??= []).push({ column: c, bytes: hex(unitBytes(unit, encoding)) });
        f = '';
      }
      if (f.length > CSV_LIMITS.cellChars) throw cellTooLong(line, c + 1, unclosed?.column === c ? unclosed.lines : -1);
      if (f !== '') {
        empty = false;
        cells[c] = /[^\x00-\x7f]/.test(f) ? f.normalize('NFC') : f;
      } else cells[c] = null;
    }
    const row: SheetRow = { row: line, cells };
    if (invalid) row.invalid = invalid;
    if (unclosed) row.unclosedQuote = unclosed;
    if (!empty || invalid || unclosed) {
      if (rows.length === CSV_LIMITS.rows)
        throw csvCapError(
          `có hơn ${formatNumber(CSV_LIMITS.rows)} dòng dữ liệu`,
          `it has more than ${CSV_LIMITS.rows} data rows`,
        );
      rows.push(row);
    }
  }
  return { rows, encoding, delimiter };
}

/** The first bytes that do not decode, as "0xC3 0x28". */
function badBytes(raw: Uint8Array, encoding: TextEncoding): string {
  if (encoding === 'windows-1258') {
    const d = new TextDecoder('windows-1258');
    for (let i = 0; i < raw.length; i++) if (C1.test(d.decode(raw.subarray(i, i + 1)))) return hex([raw[i]!]);
    return hex(raw.subarray(0, 1));
  }
  const strict = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < raw.length;) {
    const b = raw[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 1;
    const seq = raw.subarray(i, Math.min(raw.length, i + len));
    try {
      strict.decode(seq);
    } catch {
      return hex(seq);
    }
    i += len;
  }
  return hex(raw.subarray(0, 1));
}
