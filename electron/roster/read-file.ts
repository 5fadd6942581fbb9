import { AppError } from '../core/app-error';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import type { Sheet } from './sheet';

/** An .xlsx is a zip: "PK" signature. */
export function isXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/** Picks the reader by the file's content (zip signature = .xlsx), falling back to the name's extension. */
export async function readSpreadsheet(name: string, bytes: Buffer): Promise<Sheet> {
  if (isXlsx(bytes)) return readXlsx(bytes);
  if (/\.xls$/i.test(name) && bytes[0] === 0xd0) {
    throw new AppError('BAD_FILE', 'Tệp .xls (Excel 97–2003) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv', {
      en: 'Excel 97–2003 .xls files are not supported: save the file as .xlsx or .csv',
    });
  }
  return readCsv(bytes);
}
