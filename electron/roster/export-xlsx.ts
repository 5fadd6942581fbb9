import ExcelJS from 'exceljs';
import type { EmployeeField, EmployeeRecord } from '../../shared/contract/roster';
import { EMPLOYEE_FIELD_LABELS, EMPLOYEE_STATUS_LABELS } from '../../shared/identity/employee-labels';
import { FIELDS } from './columns';

/**
 * The roster as .xlsx: one header row with the Vietnamese field names (the same names the import recognises, so an
 * export re-imports unchanged), identifiers as text so leading zeros survive, dates as dd/mm/yyyy text as BHXH
 * forms write them.
 */
export async function exportRosterXlsx(unitName: string, employees: Iterable<EmployeeRecord>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'KêKhai BHXH';
  const ws = wb.addWorksheet('Danh sách lao động');
  const cols: EmployeeField[] = FIELDS;
  ws.columns = [{ header: 'STT', key: 'stt', width: 6 }, ...cols.map((f) => ({ header: EMPLOYEE_FIELD_LABELS[f].vi, key: f, width: f === 'fullName' ? 28 : 16, style: { numFmt: f === 'salary' || f.startsWith('allowance') ? '#,##0.##' : '@' } }))];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  let i = 0;
  for (const e of employees) {
    const row: Record<string, unknown> = { stt: ++i };
    for (const f of cols) {
      const v = e[f];
      if (f === 'gender') row[f] = v === 'M' ? 'Nam' : 'Nữ';
      else if (f === 'status') row[f] = EMPLOYEE_STATUS_LABELS[v as keyof typeof EMPLOYEE_STATUS_LABELS].vi;
      else if (f === 'salaryKind') row[f] = v === 'coefficient' ? 'Hệ số' : 'Số tiền';
      else row[f] = v === null ? '' : v;
    }
    ws.addRow(row);
  }
  void unitName;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
