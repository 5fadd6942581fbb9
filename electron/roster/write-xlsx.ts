import { zipSync, strToU8 } from 'fflate';

/**
 * A small .xlsx writer on the zip library the reader uses (fflate): SpreadsheetML parts written as strings, shared
 * strings, three styles. It replaces exceljs (issue #14): the roster export, the VNPT-layout workbook and the import's
 * error list need values, bold header rows, frozen panes, column widths and a text/date/money format — nothing more.
 * Parts follow ECMA-376 Part 1 (§18.2 workbook, §18.3 worksheet, §18.4 shared strings, §18.8 styles).
 */
export type XlsxCell = string | number | Date | boolean | null | undefined;

export interface XlsxSheet {
  /** Sheet name: 1–31 characters, none of `[]:*?/\`. */
  name: string;
  rows: readonly (readonly XlsxCell[])[];
  /** Column widths in characters (index = column). */
  widths?: readonly (number | undefined)[];
  /** The first N rows are bold (header rows). */
  boldRows?: number;
  /** The first N rows stay in view when scrolling. */
  frozenRows?: number;
  /** Per column: 'text' keeps typed digits as text in Excel ("079…"), 'money' groups thousands, 'date' dd/mm/yyyy. */
  formats?: readonly ('text' | 'money' | 'date' | undefined)[];
}

// Style indexes into cellXfs below.
const S_BOLD = 1;
const S_DATE = 2;
const S_TEXT = 3;
const S_MONEY = 4;
const FORMAT_STYLE = { text: S_TEXT, money: S_MONEY, date: S_DATE } as const;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.##"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel's epoch for the 1900 date system (absorbs its fictitious 29/02/1900, ECMA-376 Part 1 §18.17.4.1). */
const EPOCH_MS = Date.UTC(1899, 11, 30);
/** Fixed zip timestamps: the same rows give the same bytes. */
const MTIME = new Date(Date.UTC(2020, 0, 1));

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// XML 1.0 forbids most C0 controls even escaped; Excel itself drops them.
const INVALID_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlEscape(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

function checkName(name: string, seen: Set<string>): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || seen.has(name.toLowerCase())) {
    throw new Error(`Tên trang tính không hợp lệ hoặc trùng: "${name}" / invalid or repeated sheet name`);
  }
  seen.add(name.toLowerCase());
}

/** Excel's limit per cell ("Excel specifications and limits"), in UTF-16 units; read-xlsx.ts refuses longer cells. */
const MAX_CELL_CHARS = 32_767;

/** A longer text ends in "…" at the limit (an import's reason can quote several long cells), never mid-pair. */
function fitCell(s: string): string {
  if (s.length <= MAX_CELL_CHARS) return s;
  let cut = MAX_CELL_CHARS - 1;
  if (/[\ud800-\udbff]/.test(s[cut - 1]!)) cut--;
  return `${s.slice(0, cut)}…`;
}

class SharedStrings {
  private index = new Map<string, number>();
  private list: string[] = [];
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
  xml(): string {
    const items = this.list.map(
      (s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${xmlEscape(s)}</t></si>`,
    );
    return `${XML_HEAD}<sst xmlns="${NS}" count="${this.list.length}" uniqueCount="${this.list.length}">${items.join('')}</sst>`;
  }
}

function sheetXml(sheet: XlsxSheet, strings: SharedStrings): string {
  const out: string[] = [`${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">`];
  if (sheet.frozenRows) {
    out.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${sheet.frozenRows}" topLeftCell="A${sheet.frozenRows + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`,
    );
  }
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  const widths = sheet.widths ?? [];
  const formats = sheet.formats ?? [];
  const ncols = Math.max(widths.length, formats.length);
  if (ncols) {
    const cols: string[] = [];
    for (let c = 0; c < ncols; c++) {
      const w = widths[c];
      const f = formats[c];
      if (w === undefined && f === undefined) continue;
      cols.push(
        `<col min="${c + 1}" max="${c + 1}" width="${w ?? 10}"${w !== undefined ? ' customWidth="1"' : ''}${f ? ` style="${FORMAT_STYLE[f]}"` : ''}/>`,
      );
    }
    if (cols.length) out.push(`<cols>${cols.join('')}</cols>`);
  }
  out.push('<sheetData>');
  const bold = sheet.boldRows ?? 0;
  const names: string[] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]!;
    const n = r + 1;
    const parts: string[] = [`<row r="${n}">`];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || v === '') continue;
      const ref = (names[c] ??= columnName(c)) + n;
      const f = formats[c];
      const s = r < bold ? S_BOLD : f ? FORMAT_STYLE[f] : 0;
      const sa = s ? ` s="${s}"` : '';
      if (typeof v === 'string')
        parts.push(`<c r="${ref}" t="s"${sa}><v>${strings.of(fitCell(v.normalize('NFC')))}</v></c>`);
      else if (typeof v === 'number') {
        if (Number.isFinite(v)) parts.push(`<c r="${ref}"${s === S_TEXT ? '' : sa}><v>${v}</v></c>`);
        else parts.push(`<c r="${ref}" t="s"${sa}><v>${strings.of(String(v))}</v></c>`);
      } else if (typeof v === 'boolean')
        parts.push(`<c r="${ref}" t="b"${s === S_BOLD ? sa : ''}><v>${v ? 1 : 0}</v></c>`);
      else
        parts.push(
          `<c r="${ref}" s="${s === S_BOLD ? S_BOLD : S_DATE}"><v>${(v.getTime() - EPOCH_MS) / 86_400_000}</v></c>`,
        );
    }
    parts.push('</row>');
    out.push(parts.join(''));
  }
  out.push(
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
  );
  return out.join('');
}

/**
 * Writes a workbook: one worksheet per entry, in order. Strings are stored NFC in the shared-strings table (as Excel
 * writes them); numbers as numbers; Dates as date serials shown dd/mm/yyyy; booleans as TRUE/FALSE; empty cells are
 * left out. The bytes are deterministic for the same input.
 */
export function writeXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
  if (!sheets.length) throw new Error('Cần ít nhất một trang tính / a workbook needs a sheet');
  const seen = new Set<string>();
  for (const s of sheets) checkName(s.name, seen);
  const strings = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, strings));
  });
  const sheetList = sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  files['xl/workbook.xml'] = strToU8(
    `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheetList}</sheets></workbook>`,
  );
  const n = sheets.length;
  const rels = sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(
    `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(STYLES);
  files['xl/sharedStrings.xml'] = strToU8(strings.xml());
  files['_rels/.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const ml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${ml}.sheet.main+xml"/>`,
    ...sheets.map(
      (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ml}.worksheet+xml"/>`,
    ),
    `<Override PartName="/xl/styles.xml" ContentType="${ml}.styles+xml"/>`,
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${ml}.sharedStrings+xml"/>`,
  ];
  const types = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`;
  // [Content_Types].xml first, as Excel writes it (some readers look for it there).
  const ordered: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8(types) };
  for (const k of [
    '_rels/.rels',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/styles.xml',
    'xl/sharedStrings.xml',
  ])
    ordered[k] = files[k]!;
  for (let i = 1; i <= n; i++) ordered[`xl/worksheets/sheet${i}.xml`] = files[`xl/worksheets/sheet${i}.xml`]!;
  return zipSync(ordered, { level: 6, mtime: MTIME });
}
