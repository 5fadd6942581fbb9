import type { ColumnMapping, EmployeeField } from '../../shared/contract/roster';
import { foldKey } from '../../shared/text/fold';
import { toUnicode } from '../../shared/text/legacy/decode';
import { HEADER_ALIASES, IGNORED_HEADERS } from './header-aliases';
import type { Sheet } from './sheet';

/** Folded key of a header: legacy encodings decoded, "(dd/mm/yyyy)"-style hints dropped. */
export function headerKey(header: string): string {
  return foldKey(toUnicode(header).text.replace(/\([^)]*\)/g, ''));
}

/** The field a header names, or null. Exact alias first, then the longest alias the header starts with. */
export function recogniseHeader(header: string): EmployeeField | null {
  const key = headerKey(header);
  if (!key || IGNORED_HEADERS.includes(key)) return null;
  let best: { field: EmployeeField; len: number } | null = null;
  for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [EmployeeField, readonly string[]][]) {
    for (const a of aliases) {
      if (key === a) return field;
      if (key.startsWith(a) && a.length >= 4 && (!best || a.length > best.len)) best = { field, len: a.length };
    }
  }
  return best?.field ?? null;
}

/** Maps each recognised header to its field (first column wins when two headers name the same field). */
export function recogniseMapping(headers: string[]): { mapping: ColumnMapping; unmapped: string[] } {
  const mapping: ColumnMapping = {};
  const unmapped: string[] = [];
  for (const h of headers) {
    if (!h) continue;
    const f = recogniseHeader(h);
    if (f && !(f in mapping)) mapping[f] = h;
    else if (!f && !IGNORED_HEADERS.includes(headerKey(h))) unmapped.push(h);
  }
  return { mapping, unmapped };
}

/**
 * Finds the header row: the first of the first 15 rows in which at least two cells are recognised headers (real
 * templates put a title block above the table). Defaults to the first row.
 */
export function findHeaderRow(sheet: Sheet): number {
  for (let i = 0; i < Math.min(15, sheet.rows.length); i++) {
    const hits = sheet.rows[i]!.cells.filter((c) => typeof c === 'string' && recogniseHeader(c) !== null).length;
    if (hits >= 2) return i;
  }
  return 0;
}
