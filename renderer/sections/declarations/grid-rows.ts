import { foldForSearch } from '../../../shared/text/fold';

/**
 * Rows the draft grid renders at a time. Each row holds 16 inputs and three code pickers: a garment company's
 * 2,600-row month rendered whole was 40,000 inputs, re-rendered on every keystroke.
 */
export const GRID_PAGE = 100;

/** The text a row is found by: name, mã số BHXH, CCCD/CMND and phương án, folded (no accents, no case). */
function rowText(row: Record<string, unknown>): string {
  return foldForSearch([row.fullName, row.insuranceNo, row.idNumber, row.plan].map((v) => String(v ?? '')).join(' '));
}

/** The indices of the rows matching `query` (every word somewhere in the row), or null when there is no query. */
export function matchingRows(rows: readonly Record<string, unknown>[], query: string): number[] | null {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (!words.length) return null;
  const out: number[] = [];
  rows.forEach((row, i) => {
    const text = rowText(row);
    if (words.every((w) => text.includes(w))) out.push(i);
  });
  return out;
}

/** The draft's row index a field path names (`rows[12].salary` → 12), or null. */
export function rowOfField(field: string | undefined): number | null {
  const m = field ? /^rows\[(\d+)\]/.exec(field) : null;
  return m ? Number(m[1]) : null;
}
