/** A spreadsheet as the import sees it: raw cell values by sheet row number (header row included). */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** Row number as the spreadsheet shows it (1-based). */
  row: number;
  cells: CellValue[];
  /** Cells whose bytes are no text in the file's encoding (CSV): the row is refused naming column and bytes. */
  invalid?: { column: number; bytes: string }[];
  /**
   * CSV: this row's cell `column` opens a quote never closed, so the reader took the rest of the file (`lines` more
   * line breaks) into it: the row is refused saying so.
   */
  unclosedQuote?: { column: number; lines: number };
  /** .xlsx read with `formulaRows`: every value of the row is a formula's result (a template row, or copied data). */
  formulaOnly?: boolean;
  /**
   * .xlsx: Excel does not show the row — hidden by the clerk, filtered out by an AutoFilter or inside a collapsed
   * outline group: `<row hidden="1">` (ECMA-376 Part 1 §18.3.1.73). Its cells are data all the same.
   */
  hidden?: boolean;
}

export interface Sheet {
  rows: SheetRow[];
}
