import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../core/app-error';
import type { CellValue, Sheet, SheetRow } from './sheet';

/**
 * Reads the first worksheet of an .xlsx with exceljs's streaming reader (shared strings cached, styles ignored —
 * date cells therefore arrive as Excel serial numbers and are converted by the column's type, see cells.ts).
 * Streaming keeps a 50,000-row file well under the memory goal.
 */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const rows: SheetRow[] = [];
  await streamXlsx(bytes, (batch) => {
    for (const r of batch) rows.push(r);
  });
  return { rows };
}

/**
 * Streams the first worksheet's rows to `onRows` in batches of 2,000, so the import validates rows as they are
 * parsed and never holds the whole sheet's cell arrays (memory of a 50,000-row file stays flat).
 */
export async function streamXlsx(bytes: Buffer, onRows: (rows: SheetRow[]) => void): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let batch: SheetRow[] = [];
  try {
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<{ number: number; values: unknown }>) {
        const values = row.values as unknown[];
        const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) cells[i - 1] = plain(values[i]);
        batch.push({ row: row.number, cells });
        if (batch.length === 2000) {
          onRows(batch);
          batch = [];
        }
      }
      break; // first worksheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_FILE', `Không đọc được tệp Excel: ${(e as Error).message}`, { en: `Cannot read the Excel file: ${(e as Error).message}` });
  }
  onRows(batch);
}

/** exceljs cell value → a plain value (rich text joined, formula result, hyperlink text). */
export function plain(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return plain(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error) return null;
  }
  return String(v);
}
