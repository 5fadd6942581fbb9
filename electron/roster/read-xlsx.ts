import { AppError } from '../core/app-error';
import type { CellValue, Sheet, SheetRow } from './sheet';
import { columnName } from './write-xlsx';
import { badFile, UNPACK_LIMITS, ZipReader, type PartStream, type UnpackLimits } from './xlsx-zip';
import { XmlPartReader, type XmlAttributes, type XmlHandler } from './xlsx-xml';
import { PackedStrings } from './packed-strings';
import { PartDecoder } from './part-decoder';

/**
 * The .xlsx reader: parts located through the package relationships (any order in the zip), each XML part streamed
 * through the XML reader (xlsx-xml.ts) straight from the inflater, rows handed out in batches as they are parsed. It reads shared, inline
 * and rich-text strings (phonetic runs left out), booleans, error values (as empty), formula cells by their cached
 * value (empty when none), dates by their cell style in the 1900 or 1904 system, sheets with or without `dimension`.
 * Any other cell shape is an error naming the cell — never an object where text is expected.
 */
export interface XlsxLimits {
  /** Data rows per sheet. */
  rows: number;
  /** Characters in one cell (Excel's own limit is 32,767). */
  cellChars: number;
  /**
   * Columns a value may be in (A…). A row is handed out as a dense array up to its last value, so one value in column
   * XFD made every row of a 37 KB crafted file cost 16,384 slots: 1 GB and 12 s for 2,000 rows. 1,024 (…AMJ) was
   * LibreOffice's own limit until 7.4; a roster never comes near it.
   */
  columns: number;
  /** Merged ranges of a sheet (kept until the rows are planned: each is a warning on the data rows it covers). */
  merges: number;
  /** Entries in the shared-strings table. */
  sharedStrings: number;
  /** Characters in the whole shared-strings table. */
  sharedChars: number;
  unpack: UnpackLimits;
}

export const XLSX_LIMITS: XlsxLimits = {
  rows: 200_000,
  cellChars: 32_767,
  columns: 1024,
  merges: 200_000,
  sharedStrings: 2_000_000,
  sharedChars: 40_000_000,
  unpack: UNPACK_LIMITS,
};

export interface SheetInfo {
  name: string;
  /** Part path inside the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
  hidden: boolean;
}

/** Thrown by a row handler's `false` to stop reading early. */
class Stop extends Error {}

/**
 * A zip part fed through an XML handler a compressed slice per `pump()`, decoding UTF-8 (or UTF-16 with a BOM) as it
 * streams, strictly (part-decoder.ts); `pump()` returns false once the part is read whole and its XML checked complete.
 */
function openPart(zip: ZipReader, path: string, handler: XmlHandler): PartStream {
  const reader = new XmlPartReader(handler, path);
  const decoder = new PartDecoder(path);
  const part = zip.open(path, (chunk) => reader.write(decoder.decode(chunk)));
  return {
    pump() {
      if (part.pump()) return true;
      const rest = decoder.end();
      if (rest) reader.write(rest);
      reader.end();
      return false;
    },
  };
}

/** Feeds a whole zip part through an XML handler. */
function parsePart(zip: ZipReader, path: string, handler: XmlHandler): void {
  const part = openPart(zip, path, handler);
  while (part.pump());
}

/**
 * The shared-strings table (rich text runs joined, phonetic runs left out), within the caps, read only as far as the
 * cells asked for so far need (`at`): writers number the strings in the order the sheet first uses them, so a sheet
 * is read with the table growing alongside instead of after the whole table — on the parsing thread, without
 * delaying the first rows by the ~0.1 s a 50,000-row table takes. `readAll()` reads the rest: once the sheet is read,
 * so that a table damaged, cut short or over the caps past the last string used is refused as when it was read first.
 */
class SharedStrings {
  private readonly list = new PackedStrings();
  private part: PartStream | null = null;

  constructor(zip: ZipReader, path: string | null, limits: XlsxLimits) {
    if (!path) return;
    const list = this.list;
    const { sharedStrings, sharedChars } = limits;
    let chars = 0;
    let cur = '';
    let inT = false;
    let phonetic = 0;
    this.part = openPart(zip, path, {
      open: (n) => {
        if (n === 't') inT = phonetic === 0;
        else if (n === 'si') cur = '';
        else if (n === 'rPh') phonetic++;
      },
      close: (n) => {
        if (n === 't') inT = false;
        else if (n === 'rPh') phonetic--;
        else if (n === 'si') {
          if (list.length >= sharedStrings)
            throw capError(
              `bảng chuỗi dùng chung có hơn ${sharedStrings.toLocaleString('vi-VN')} mục`,
              `the shared-strings table has more than ${sharedStrings} entries`,
            );
          list.push(cur.includes('_x') ? unescapeXstring(cur) : cur);
        }
      },
      text: (piece) => {
        if (!inT) return;
        cur += piece;
        chars += piece.length;
        if (chars > sharedChars)
          throw capError(
            `bảng chuỗi dùng chung vượt ${sharedChars.toLocaleString('vi-VN')} ký tự`,
            `the shared-strings table exceeds ${sharedChars} characters`,
          );
      },
    });
  }

  /** String number `i`, reading the table as far as it; undefined when the table has no such entry. */
  at(i: number): string | undefined {
    while (i >= this.list.length && this.part) this.more();
    return this.list.at(i);
  }

  /** Reads the rest of the table. */
  readAll(): void {
    while (this.part) this.more();
  }

  private more(): void {
    const part = this.part!;
    try {
      if (!part.pump()) this.part = null;
    } catch (e) {
      this.part = null;
      throw e;
    }
  }
}

const ignore = () => undefined;

/** Collects the attributes of the elements named in `want` (local names), in document order. */
function elements(zip: ZipReader, path: string, want: readonly string[]): { name: string; attrs: XmlAttributes }[] {
  const out: { name: string; attrs: XmlAttributes }[] = [];
  parsePart(zip, path, {
    open: (name, attrs) => {
      if (want.includes(name)) out.push({ name, attrs: attrs.copy() });
    },
    close: ignore,
    text: ignore,
  });
  return out;
}

/** A relationship target relative to the part that owns the .rels file. */
function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(zip: ZipReader, part: string): { id: string; type: string; target: string }[] {
  const dir = part.split('/').slice(0, -1).join('/');
  const file = part.split('/').pop()!;
  const relsPath = `${dir ? dir + '/' : ''}_rels/${file}.rels`;
  if (!zip.has(relsPath)) return [];
  return elements(zip, relsPath, ['Relationship']).map((e) => ({
    id: e.attrs.get('Id') ?? '',
    type: e.attrs.get('Type') ?? '',
    target: resolve(part, e.attrs.get('Target') ?? ''),
  }));
}

/** Built-in number formats that show dates (ECMA-376 Part 1 §18.8.30; 27–36 and 50–58 are the East Asian ones). */
function builtinDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A custom format shows a date when it has d, m, y (or h, s) outside quoted text, escapes and [colour] brackets. */
function customDate(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '');
  return /[dmyhs]/i.test(bare.split(';')[0] ?? '') && !/^general$/i.test(bare.trim());
}

/**
 * ST_Xstring escapes (ECMA-376 Part 1 §22.9.2.19): "_xHHHH_" in a string is the UTF-16 code unit HHHH. Excel writes
 * a carriage return pasted into a cell as "_x000D_", and both Excel and LibreOffice keep a typed "_x0041_" as
 * "_x005F_x0041_" (the escaped underscore). Control characters other than tab and line breaks stay escaped: no text a
 * clerk typed, and nothing XML 1.0 could carry into a declaration. Called only for text that holds "_x".
 */
function unescapeXstring(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (all, hex: string) => {
    const unit = parseInt(hex, 16);
    return unit >= 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d ? String.fromCharCode(unit) : all;
  });
}

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export class XlsxWorkbook {
  readonly sheets: SheetInfo[] = [];
  private readonly zip: ZipReader;
  private date1904 = false;
  private dateStyles = new Set<number>();
  private stringsPath: string | null = null;
  private strings: SharedStrings | null = null;

  constructor(
    bytes: Uint8Array,
    private readonly limits: XlsxLimits = XLSX_LIMITS,
  ) {
    this.zip = new ZipReader(bytes, limits.unpack);
    const main = relsOf(this.zip, '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    if (!this.zip.has(main) || /\.bin$/i.test(main)) throw this.notSpreadsheetMl();
    const rels = relsOf(this.zip, main);
    const byId = new Map(rels.map((r) => [r.id, r]));
    for (const e of elements(this.zip, main, ['sheet', 'workbookPr'])) {
      if (e.name === 'workbookPr') {
        const date1904 = e.attrs.get('date1904');
        this.date1904 = date1904 === '1' || date1904 === 'true';
        continue;
      }
      const rid = e.attrs.getLocal('id', 'sheetId');
      const rel = rid ? byId.get(rid) : undefined;
      // Chart sheets and dialog sheets have no rows.
      if (!rel || !rel.type.endsWith('/worksheet') || !this.zip.has(rel.target)) continue;
      this.sheets.push({
        name: e.attrs.get('name') ?? rel.target,
        path: rel.target,
        hidden: !!e.attrs.get('state') && e.attrs.get('state') !== 'visible',
      });
    }
    if (!this.sheets.length) throw badFile('không có trang tính nào', 'it has no worksheet');
    this.stringsPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? null;
    if (this.stringsPath && !this.zip.has(this.stringsPath)) this.stringsPath = null;
    const styles = rels.find((r) => r.type.endsWith('/styles'))?.target;
    if (styles && this.zip.has(styles)) this.readStyles(styles);
  }

  /**
   * A zip without a SpreadsheetML workbook: LibreOffice's own .ods (its default format, named by the `mimetype`
   * entry, ODF 1.2 Part 3 §3.3) and Excel's binary .xlsb (xl/workbook.bin) are named, so the clerk knows what to save.
   */
  private notSpreadsheetMl(): Error {
    const ods = 'application/vnd.oasis.opendocument.spreadsheet';
    if (this.zip.has('mimetype') && this.zip.text('mimetype').trim() === ods)
      return new AppError('BAD_FILE', 'Tệp .ods (LibreOffice) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv', {
        en: 'LibreOffice .ods files are not supported: save the file as .xlsx or .csv',
      });
    if (this.zip.has('xl/workbook.bin'))
      return new AppError(
        'BAD_FILE',
        'Tệp .xlsb (Excel nhị phân) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv',
        {
          en: 'Excel binary .xlsb files are not supported: save the file as .xlsx or .csv',
        },
      );
    return badFile('không tìm thấy workbook.xml', 'workbook.xml not found');
  }

  private readStyles(path: string): void {
    const custom = new Map<number, string>();
    let inCellXfs = false;
    let xf = 0;
    parsePart(this.zip, path, {
      open: (n, a) => {
        if (n === 'numFmt') custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
        else if (n === 'cellXfs') inCellXfs = true;
        else if (n === 'xf' && inCellXfs) {
          const id = Number(a.get('numFmtId') ?? 0);
          const code = custom.get(id);
          if (code !== undefined ? customDate(code) : builtinDate(id)) this.dateStyles.add(xf);
          xf++;
        }
      },
      close: (n) => {
        if (n === 'cellXfs') inCellXfs = false;
      },
      text: ignore,
    });
  }

  /** The shared-strings table, read once as far as asked (see SharedStrings). */
  private sharedStrings(): SharedStrings {
    return (this.strings ??= new SharedStrings(this.zip, this.stringsPath, this.limits));
  }

  /** The sheet called `name` (exact, then case- and accent-insensitive), or an error listing the sheets. */
  sheet(name: string): SheetInfo {
    const fold = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/gi, 'd')
        .trim()
        .toLowerCase();
    const found = this.sheets.find((s) => s.name === name) ?? this.sheets.find((s) => fold(s.name) === fold(name));
    if (!found) {
      const names = this.sheets.map((s) => `"${s.name}"`).join(', ');
      throw new AppError('NOT_FOUND', `Không có trang tính "${name}" trong tệp (có: ${names})`, {
        en: `No sheet "${name}" in the file (it has: ${names})`,
      });
    }
    return found;
  }

  /**
   * Streams a sheet's rows to `onRows` in batches (row numbers as the sheet shows them; empty rows left out, and
   * rows whose every value comes from a formula — template rows — unless `formulaRows`, which keeps them flagged
   * `formulaOnly`). `onRows` returning false stops the reading.
   */
  rows(
    sheet: SheetInfo,
    onRows: (rows: SheetRow[]) => void | boolean,
    batchSize = 1000,
    formulaRows = false,
    onMerges?: (refs: string[]) => void,
  ): void {
    const strings = this.sharedStrings();
    const dateStyles = this.dateStyles;
    const epoch = this.date1904 ? EPOCH_1904 : EPOCH_1900;
    const { rows: maxRows, cellChars, columns: maxColumns, merges: maxMerges } = this.limits;
    let batch: SheetRow[] = [];
    let rowNo = 0;
    let count = 0;
    let cells: CellValue[] = [];
    let anyTyped = false;
    let anyValue = false;
    let rowHidden = false;
    let col = 0;
    let nextCol = 0;
    let ref = '';
    let type = 'n';
    let style = 0;
    let formula = false;
    let v = '';
    let inline = '';
    /** 0 none, 1 <v>, 2 <is><t> */
    let collect = 0;
    let inIs = false;
    let phonetic = 0;
    /** The sheet's merged ranges ("H6:H7"); the part lists them after the rows (ECMA-376 Part 1 §18.3.1.55). */
    let merges: string[] | undefined;
    const where = () => ref || `${columnName(col)}${rowNo}`;
    const cellError = (vi: string, en: string) =>
      badFile(`trang "${sheet.name}", ô ${where()}: ${vi}`, `sheet "${sheet.name}", cell ${where()}: ${en}`);
    const flush = () => {
      if (!batch.length) return;
      const b = batch;
      batch = [];
      if (onRows(b) === false) throw new Stop();
    };
    const finishCell = () => {
      let value: CellValue;
      switch (type) {
        case 's': {
          if (v === '') value = null;
          else {
            const s = strings.at(Number(v));
            if (s === undefined)
              throw cellError(`chuỗi dùng chung số ${v} không tồn tại`, `shared string ${v} does not exist`);
            value = s === '' ? null : s;
          }
          break;
        }
        case 'str':
          value = v === '' ? null : v.includes('_x') ? unescapeXstring(v) : v;
          break;
        case 'inlineStr': {
          const t = inline !== '' ? inline : v;
          value = t === '' ? null : t.includes('_x') ? unescapeXstring(t) : t;
          break;
        }
        case 'b':
          value = v === '' ? null : v === '1' || v === 'true';
          break;
        case 'e': // #REF!, #N/A…: no value
          value = null;
          break;
        case 'n': {
          if (v === '') value = null;
          else {
            const n = Number(v);
            if (!Number.isFinite(n))
              throw cellError(`"${v.slice(0, 40)}" không phải số`, `"${v.slice(0, 40)}" is not a number`);
            value = dateStyles.has(style) ? new Date(epoch + Math.round(n * 86_400_000)) : n;
          }
          break;
        }
        case 'd': {
          if (v === '') value = null;
          else {
            const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v) || !v.includes('T') ? v : v + 'Z');
            if (Number.isNaN(d.getTime()))
              throw cellError(`"${v.slice(0, 40)}" không phải ngày`, `"${v.slice(0, 40)}" is not a date`);
            value = d;
          }
          break;
        }
        default:
          throw cellError(`kiểu ô "${type}" không xác định`, `unknown cell type "${type}"`);
      }
      if (typeof value === 'string' && value.length > cellChars)
        throw cellError(
          `ô dài hơn ${cellChars.toLocaleString('vi-VN')} ký tự`,
          `the cell is longer than ${cellChars} characters`,
        );
      if (value !== null) {
        if (col >= maxColumns)
          throw capError(
            `trang "${sheet.name}", ô ${where()} nằm ngoài ${maxColumns.toLocaleString('vi-VN')} cột đầu (A…${columnName(maxColumns - 1)}): hãy xoá các cột thừa bên phải bảng rồi lưu lại`,
            `sheet "${sheet.name}", cell ${where()} is beyond the first ${maxColumns} columns (A…${columnName(maxColumns - 1)}): delete the extra columns right of the table and save again`,
          );
        if (!formula) anyTyped = true;
        anyValue = true;
        // A second cell at the same column (invalid, but seen): the last one counts, as in Excel.
        cells[col] = value;
      }
    };
    const open = (n: string, a: XmlAttributes) => {
      switch (n) {
        case 'c': {
          ref = a.get('r') ?? '';
          col = ref ? colIndex(ref) : nextCol;
          if (col < 0) throw cellError(`địa chỉ ô "${ref}" không hợp lệ`, `invalid cell reference "${ref}"`);
          type = a.get('t') ?? 'n';
          const s = a.get('s');
          style = s ? Number(s) : 0;
          formula = false;
          v = '';
          inline = '';
          break;
        }
        case 'v':
          collect = 1;
          break;
        case 'f':
          formula = true;
          break;
        case 'is':
          inIs = true;
          break;
        case 't':
          if (inIs && phonetic === 0) collect = 2;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'mergeCell': {
          const m = a.get('ref');
          if (m) (merges ??= []).push(m);
          // A crafted part of nothing but ranges (400 MB unpacked from 4 MB) would hold ~16 million strings.
          if (merges && merges.length > maxMerges)
            throw capError(
              `trang "${sheet.name}" có hơn ${maxMerges.toLocaleString('vi-VN')} vùng gộp ô: hãy bỏ gộp ô (Merge & Center) rồi lưu lại`,
              `sheet "${sheet.name}" has more than ${maxMerges} merged ranges: unmerge the cells and save again`,
            );
          break;
        }
        case 'row': {
          const r = a.get('r');
          rowNo = r ? Number(r) : rowNo + 1;
          if (!Number.isInteger(rowNo) || rowNo < 1)
            throw badFile(
              `trang "${sheet.name}": số dòng "${r}" không hợp lệ`,
              `sheet "${sheet.name}": invalid row number "${r}"`,
            );
          cells = [];
          nextCol = 0;
          anyTyped = false;
          anyValue = false;
          const hidden = a.get('hidden'); // xsd:boolean: Excel writes "1", LibreOffice "true"
          rowHidden = hidden === '1' || hidden === 'true';
          break;
        }
      }
    };
    const text = (s: string) => {
      if (collect === 1) v += s;
      else if (collect === 2) inline += s;
      else return;
      // Checked as the text grows: a cell of 400 MB must not be held before it is refused.
      if (v.length + inline.length > cellChars)
        throw cellError(
          `ô dài hơn ${cellChars.toLocaleString('vi-VN')} ký tự`,
          `the cell is longer than ${cellChars} characters`,
        );
    };
    const close = (n: string) => {
      switch (n) {
        case 'v':
        case 't':
          collect = 0;
          break;
        case 'is':
          inIs = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          finishCell();
          nextCol = col + 1;
          ref = '';
          break;
        case 'row': {
          if (!anyTyped && !(formulaRows && anyValue)) break; // empty, or only formula results (template rows)
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          if (++count > maxRows)
            throw capError(
              `trang "${sheet.name}" có hơn ${maxRows.toLocaleString('vi-VN')} dòng dữ liệu`,
              `sheet "${sheet.name}" has more than ${maxRows} data rows`,
            );
          const out: SheetRow = { row: rowNo, cells };
          if (!anyTyped) out.formulaOnly = true;
          if (rowHidden) out.hidden = true;
          batch.push(out);
          if (batch.length >= batchSize) flush();
          break;
        }
      }
    };
    try {
      parsePart(this.zip, sheet.path, { open, close, text });
      strings.readAll(); // the rest of the table: checked whole (CRC, caps, XML) as when it was read first
      flush();
      if (merges && onMerges) onMerges(merges);
    } catch (e) {
      if (e instanceof Stop) return;
      throw e;
    }
  }

  /** The first `n` rows of a sheet (header detection, picking a sheet by content). */
  head(sheet: SheetInfo, n: number): SheetRow[] {
    const out: SheetRow[] = [];
    this.rows(
      sheet,
      (rows) => {
        for (const r of rows) if (out.length < n) out.push(r);
        return out.length < n;
      },
      Math.min(n, 1000),
    );
    return out;
  }
}

function capError(vi: string, en: string): AppError {
  return new AppError('FILE_TOO_LARGE', `Tệp Excel vượt giới hạn: ${vi}`, {
    en: `The Excel file exceeds a limit: ${en}`,
  });
}

/** "AB12" → 27 (0-based column); -1 when not a cell reference. */
export function colIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 || n > 16_384 ? -1 : n - 1;
}

export interface XlsxReadOptions {
  /** A sheet name; without it, the sheet `pick` scores best (the first sheet without `pick`). */
  sheet?: string;
  /** Scores a sheet by its first rows (higher = more likely the data); ties go to the earlier sheet. */
  pick?: (head: SheetRow[]) => number;
  limits?: XlsxLimits;
  /**
   * Keep rows of formula results only, flagged `formulaOnly`: the import tells a template row (no name) from a sheet
   * that copies its people from another sheet by formulas (see ImportPlanner).
   */
  formulaRows?: boolean;
  /** Receives the sheet's merged ranges ("H6:H7"), once the rows are read, when it has any. */
  onMerges?: (refs: string[]) => void;
}

/** How many rows of each sheet are looked at to pick one by content. */
const PICK_ROWS = 30;

/** The sheet to read: the one named, else the best-scoring one (visible sheets first), else the first. */
export function chooseSheet(wb: XlsxWorkbook, opts: XlsxReadOptions): SheetInfo {
  if (opts.sheet) return wb.sheet(opts.sheet);
  const candidates = wb.sheets.filter((s) => !s.hidden).length ? wb.sheets.filter((s) => !s.hidden) : wb.sheets;
  if (candidates.length === 1 || !opts.pick) return candidates[0]!;
  let best = candidates[0]!;
  let bestScore = -Infinity;
  for (const s of candidates) {
    const score = opts.pick(wb.head(s, PICK_ROWS));
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** Streams the chosen sheet's rows (see XlsxWorkbook.rows); returns the sheet's name. */
export function streamXlsx(
  bytes: Uint8Array,
  opts: XlsxReadOptions,
  onRows: (rows: SheetRow[]) => void | boolean,
  batchSize = 1000,
): string {
  const wb = new XlsxWorkbook(bytes, opts.limits);
  const sheet = chooseSheet(wb, opts);
  wb.rows(sheet, onRows, batchSize, opts.formulaRows, opts.onMerges);
  return sheet.name;
}

/** The chosen sheet in memory (CSV-sized files, tests). */
export function readXlsx(bytes: Uint8Array, opts: XlsxReadOptions = {}): Sheet & { name: string } {
  const rows: SheetRow[] = [];
  const name = streamXlsx(bytes, opts, (batch) => {
    for (const r of batch) rows.push(r);
  });
  return { rows, name };
}

/** Names of the worksheets, in workbook order, with their first rows' size (for a sheet picker). */
export function listXlsxSheets(bytes: Uint8Array): SheetInfo[] {
  return new XlsxWorkbook(bytes).sheets;
}
