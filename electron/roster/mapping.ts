import type { ColumnMapping } from '../../shared/contract/roster';
import type { ImportColumn } from '../../shared/ledger/import-columns';
import { foldKey } from '../../shared/text/fold';
import { toUnicode } from '../../shared/text/legacy/decode';
import { HEADER_ALIASES, IGNORED_HEADERS } from './header-aliases';
import { isVnptNamesRow } from '../../shared/vnpt/layout';
import { AppError } from '../core/app-error';
import { cellText } from './cells';
import type { CellValue, SheetRow } from './sheet';

/** Folded key of a header: legacy encodings decoded, "(dd/mm/yyyy)"-style hints dropped. */
export function headerKey(header: string): string {
  return foldKey(toUnicode(header).text.replace(/\([^)]*\)/g, ''));
}

/** An exact alias outranks any prefix match (whose rank is the alias's length). */
const EXACT = 1000;

/** The field a header names and how closely: an exact alias, else the longest alias it starts with. */
function matchHeader(header: string): { field: ImportColumn; rank: number } | null {
  const key = headerKey(header);
  if (!key || IGNORED_HEADERS.includes(key)) return null;
  let best: { field: ImportColumn; rank: number } | null = null;
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [ImportColumn, readonly string[]][]) {
    for (const a of aliases) {
      if (key === a) return { field, rank: EXACT };
      if (key.startsWith(a) && a.length >= 4 && (!best || a.length > best.rank)) best = { field, rank: a.length };
    }
  }
  return best;
}

/** The field a header names, or null. Exact alias first, then the longest alias the header starts with. */
export function recogniseHeader(header: string): ImportColumn | null {
  return matchHeader(header)?.field ?? null;
}

/**
 * Maps each recognised header to its field. When two headers name one field, the closer name wins ("Mã số BHXH"
 * over an HR export's "Mã số NV" before it, which only starts like "mã số"), then the first column.
 */
export function recogniseMapping(headers: string[]): { mapping: ColumnMapping; unmapped: string[] } {
  const mapping: ColumnMapping = {};
  const rank: Partial<Record<string, number>> = {};
  const unmapped: string[] = [];
  for (const h of headers) {
    if (!h) continue;
    const m = matchHeader(h);
    if (m && (rank[m.field] ?? 0) < m.rank) {
      mapping[m.field] = h;
      rank[m.field] = m.rank;
    } else if (!m && !IGNORED_HEADERS.includes(headerKey(h))) unmapped.push(h);
  }
  return { mapping, unmapped };
}

/** Rows looked at for the header (title blocks above the table are a few rows at most). */
export const HEADER_SCAN_ROWS = 20;

export interface HeaderFound {
  /** Index in `rows` of the (last) header row; data starts after it. */
  at: number;
  /** The header row as the sheet numbers it (the first line of a two-line header). */
  row: number;
  /** One label per column (two-line headers joined). */
  headers: string[];
}

/** A header cell's text on one line: a label broken inside its cell ("Ngày sinh\n(dd/mm/yyyy)") names its column
 * in messages and in the mapping as one line. */
const label = (c: CellValue | undefined) => (typeof c === 'string' ? cellText(c).text.replace(/\s+/g, ' ') : '');

function score(headers: readonly string[]): number {
  let n = 0;
  for (const h of headers) if (h && recogniseHeader(h)) n++;
  return n;
}

/**
 * A two-line header: a group label above (merged across its columns, so only its first cell holds it) and the
 * sub-labels below ("Hợp đồng lao động" over "Số" | "Ngày ký"). A column's label is the one of the two orders that
 * names a field ("Số hợp đồng lao động"), else the lower line alone, else "upper lower".
 */
export function joinHeaderLines(upper: readonly CellValue[], lower: readonly CellValue[]): string[] {
  const out: string[] = [];
  let group = '';
  for (let c = 0; c < Math.max(upper.length, lower.length); c++) {
    const u = label(upper[c]);
    const l = label(lower[c]);
    if (u) group = u;
    const parent = u || (l ? group : '');
    if (!l) out.push(parent);
    else if (!parent) out.push(l);
    else
      out.push(
        [`${l} ${parent}`, `${parent} ${l}`].find((x) => recogniseHeader(x)) ??
          (recogniseHeader(l) ? l : `${parent} ${l}`),
      );
  }
  return out;
}

/**
 * Whether `lower` can be a header's second line: some column is labelled below and not above, as under a group
 * label merged across columns (only its first cell holds it). A data row under a complete header has no such column —
 * and joined to it, "Họ và tên" + "Nguyễn Văn Bảo" would still start like a field name.
 */
function hasSubLabels(upper: readonly CellValue[], lower: readonly CellValue[]): boolean {
  for (let c = 0; c < lower.length; c++) if (label(lower[c]) && !label(upper[c])) return true;
  return false;
}

/**
 * The header row: given (`headerRow`, the sheet's own number), else the best of the first 20 rows by the number of
 * cells naming a field — a two-line header when joining a row with the next names more fields, and the later of two
 * adjacent rows that name as many (the VNPT workbook's row 3 of XML names under its row 2 of labels).
 */
export function findHeader(rows: readonly SheetRow[], headerRow?: number): HeaderFound {
  if (headerRow !== undefined) {
    const at = rows.findIndex((r) => r.row === headerRow);
    if (at < 0) {
      throw new AppError('BAD_REQUEST', `Dòng tiêu đề ${headerRow} trống hoặc không có trong tệp`, {
        en: `Header row ${headerRow} is empty or not in the file`,
      });
    }
    // The given row may be the first line of a two-line header (a merged group label over its sub-labels): the
    // same join as when the header is found, else row 3 of a sheet whose header is rows 2–3 is read as a person.
    const single = rows[at]!.cells.map(label);
    const next = rows[at + 1];
    if (next && next.row === headerRow + 1 && hasSubLabels(rows[at]!.cells, next.cells)) {
      const joined = joinHeaderLines(rows[at]!.cells, next.cells);
      const j = score(joined);
      if (j > score(single) && j > score(next.cells.map(label))) return { at: at + 1, row: headerRow, headers: joined };
    }
    return { at, row: headerRow, headers: single };
  }
  // The VNPT-BHXH workbook: row 3 holds the XML names, the one reliable key (row 2's labels repeat).
  const vnpt = rows.slice(0, HEADER_SCAN_ROWS).findIndex((r) => isVnptNamesRow(r.cells));
  if (vnpt >= 0) return { at: vnpt, row: rows[vnpt]!.row, headers: rows[vnpt]!.cells.map(label) };
  let best: HeaderFound = { at: 0, row: rows[0]?.row ?? 1, headers: (rows[0]?.cells ?? []).map(label) };
  let bestScore = 0;
  for (let i = 0; i < Math.min(HEADER_SCAN_ROWS, rows.length); i++) {
    const single = rows[i]!.cells.map(label);
    const s = score(single);
    if (s >= 2 && s >= bestScore && (s > bestScore || i === best.at + 1)) {
      best = { at: i, row: rows[i]!.row, headers: single };
      bestScore = s;
    }
    const next = rows[i + 1];
    if (next && next.row === rows[i]!.row + 1 && s >= 1 && hasSubLabels(rows[i]!.cells, next.cells)) {
      const joined = joinHeaderLines(rows[i]!.cells, next.cells);
      const j = score(joined);
      if (j > s && j > score(next.cells.map(label)) && j > bestScore) {
        best = { at: i + 1, row: rows[i]!.row, headers: joined };
        bestScore = j;
      }
    }
  }
  return best;
}

/** The number of fields the best header row of these rows names (0 = nothing like a roster). */
export function headerScore(rows: readonly SheetRow[]): number {
  if (!rows.length) return 0;
  return score(findHeader(rows).headers);
}
