import type { EmployeeFields, ImportProblem } from '../../shared/contract/roster';
import type { CellValue } from './sheet';
import { writeXlsx, type XlsxCell } from './write-xlsx';

/** Good rows shown in the preview before anything is written. */
const ACCEPTED_SHOWN = 50;
/** Rejected rows kept, as the clerk wrote them, for the error workbook (a file of 200,000 bad rows is capped). */
export const REJECTED_KEPT = 20_000;

export type RowAction = 'new' | 'update' | 'unchanged';

export interface AcceptedRow {
  row: number;
  action: RowAction;
  fullName: string;
  birthDate: string;
  gender: 'M' | 'F';
  insuranceNumber: string;
  cccd: string;
  jobTitle: string;
}

interface RejectedRow {
  row: number;
  cells: CellValue[];
  reason: string;
}

/**
 * What the import screen shows besides the counts: the first good rows with what each will do, and the rejected rows
 * with the clerk's own cells and the reasons, written as an .xlsx the clerk can correct and import again.
 */
export class ImportReport {
  readonly accepted: AcceptedRow[] = [];
  private readonly rejected: RejectedRow[] = [];
  /** Rejected rows beyond REJECTED_KEPT (counted, not kept). */
  rejectedNotKept = 0;

  constructor(private readonly headers: string[]) {}

  accept(row: number, v: EmployeeFields, action: RowAction): void {
    if (this.accepted.length >= ACCEPTED_SHOWN) return;
    this.accepted.push({
      row,
      action,
      fullName: v.fullName,
      birthDate: v.birthDate,
      gender: v.gender,
      insuranceNumber: v.insuranceNumber,
      cccd: v.cccd,
      jobTitle: v.jobTitle,
    });
  }

  reject(row: number, cells: CellValue[], problems: ImportProblem[]): void {
    if (this.rejected.length >= REJECTED_KEPT) {
      this.rejectedNotKept++;
      return;
    }
    const reason = problems
      .map((p) => (p.message.includes(p.column) ? p.message : `${p.column}: ${p.message}`))
      .join('; ');
    // Only the columns the error workbook writes (the header's): a stray value far to the right is not kept 20,000 times.
    this.rejected.push({ row, cells: cells.slice(0, this.headers.length), reason });
  }

  get hasRejected(): boolean {
    return this.rejected.length > 0;
  }

  /**
   * Sheet "Dòng bị từ chối": the file's header row, then each rejected row as it was with two added columns — the row
   * number in the clerk's file and the reason. The clerk fixes the cells, deletes the two columns (or not: the import
   * ignores columns it does not know) and imports the sheet again.
   */
  errorWorkbook(): Uint8Array {
    const width = this.headers.length;
    const rows: XlsxCell[][] = [[...this.headers, 'Dòng trong tệp', 'Lý do']];
    for (const r of this.rejected) {
      const cells: XlsxCell[] = [];
      for (let i = 0; i < width; i++) cells.push(r.cells[i] ?? null);
      rows.push([...cells, r.row, r.reason]);
    }
    if (this.rejectedNotKept) rows.push([`… và ${this.rejectedNotKept} dòng bị từ chối khác không ghi vào tệp này`]);
    return writeXlsx([
      {
        name: 'Dòng bị từ chối',
        rows,
        boldRows: 1,
        frozenRows: 1,
        widths: [...this.headers.map((h) => Math.min(40, Math.max(10, h.length + 2))), 14, 80],
        // Identifiers stay text ("079…" keeps its zero); the clerk's numbers stay numbers.
        formats: this.headers.map(() => undefined),
      },
    ]);
  }
}
