import type { EmployeeField } from '../../shared/contract/roster';
import { foldKey } from '../../shared/text/fold';
import { cellGender, cellText } from './cells';
import type { CellValue } from './sheet';

/**
 * A total row's label, folded: "Tổng cộng", "Tổng", "Tổng số", "Total"; "Cộng" alone or before a group
 * ("Cộng phòng Kế toán"), which also starts "Công…" folded, hence only with no person data in the row.
 */
const TOTAL_WORDS = ['tongcong', 'tong', 'tongso', 'total', 'cong', 'congphong', 'congbophan', 'congto'];

/**
 * A payroll or HR export's rows that are no person: the row numbering the columns under the header ("(1)",
 * "(2)"… or "A", "B", "1"…), a group heading ("Phòng Kế toán" alone in its row), a total ("Tổng cộng", "Cộng"
 * under a department, "Total") and, after a total, the signature block (the signers' titles, "(Ký, họ tên)",
 * their names spread across the columns). None has a birth date, a gender or an identifier — a row with a name
 * and none of those after a total is skipped too, and the import's warning lists every skipped row (`rows`).
 * Refused one by one, they filled the error workbook with "Kế toán trưởng is no gender".
 */
export class NonPersonRows {
  /** The sheet's numbers of the rows skipped so far. */
  readonly rows: number[] = [];
  private afterTotal = false;

  constructor(
    /** Column of each mapped field (the import's own gender columns included). */
    private readonly idx: Partial<Record<EmployeeField, number>>,
    /**
     * Gender is a lone "Nữ" column: it gives every row a gender (empty is a man), so it tells no person row from
     * another row.
     */
    private readonly loneFemaleColumn: boolean,
  ) {}

  /**
   * Whether row `row` is no person (then noted in `rows`): `cells` as the sheet has them, `readCells` with the
   * import's own columns added (see gender-pair.ts).
   */
  passOver(row: number, cells: readonly CellValue[], readCells: readonly CellValue[]): boolean {
    if (!isColumnNumbers(cells) && !this.isFooter(readCells)) return false;
    this.rows.push(row);
    return true;
  }

  private isFooter(cells: readonly CellValue[]): boolean {
    // Called for every row: module functions, not closures made per row.
    const idx = this.idx;
    if (
      filled(cellAt(cells, idx.birthDate)) ||
      filled(cellAt(cells, idx.insuranceNumber)) ||
      filled(cellAt(cells, idx.cccd)) ||
      filled(cellAt(cells, idx.cmnd))
    )
      return false;
    if (!this.loneFemaleColumn && cellGender(cellAt(cells, idx.gender)) !== null) return false;
    if (this.afterTotal || !filled(cellAt(cells, idx.fullName))) return true;
    const first = cells.find((c) => typeof c === 'string' && c.trim() !== '');
    const key = typeof first === 'string' ? foldKey(cellText(first).text) : '';
    if (!TOTAL_WORDS.some((w) => key === w || (w.length > 4 && key.startsWith(w)))) return false;
    if (key.startsWith('tong') || key.startsWith('total')) this.afterTotal = true;
    return true;
  }
}

/** "(1)" "(2)" "(3)"… or "A" "B" "1" "2"…: every filled cell a column's number or letter, at least three. */
function isColumnNumbers(cells: readonly CellValue[]): boolean {
  let n = 0;
  for (const c of cells) {
    if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) continue;
    const ok =
      typeof c === 'number'
        ? Number.isInteger(c) && c <= 99
        : typeof c === 'string' && /^\(?([A-Za-z]|\d{1,2})\)?$/.test(c.trim());
    if (!ok) return false;
    n++;
  }
  return n >= 3;
}

/** The cell of a mapped column (null when the column is not mapped or the row is shorter). */
function cellAt(cells: readonly CellValue[], i: number | undefined): CellValue {
  return i === undefined ? null : (cells[i] ?? null);
}

function filled(v: CellValue): boolean {
  return v !== null && !(typeof v === 'string' && v.trim() === '');
}
