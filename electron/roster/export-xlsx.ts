import type { EmployeeField, EmployeeRecord } from '../../shared/contract/roster';
import { EMPLOYEE_FIELD_LABELS, EMPLOYEE_STATUS_LABELS } from '../../shared/identity/employee-labels';
import { FIELDS } from './columns';
import { writeXlsx, type XlsxCell } from './write-xlsx';

const MONEY = (f: EmployeeField) => f === 'salary' || f.startsWith('allowance');

/**
 * The roster as .xlsx: one header row with the Vietnamese field names (the same names the import recognises, so an
 * export re-imports unchanged), identifiers as text so leading zeros survive, dates as dd/mm/yyyy text as BHXH
 * forms write them.
 */
export function exportRosterXlsx(employees: Iterable<EmployeeRecord>): Buffer {
  const cols: EmployeeField[] = FIELDS;
  const rows: XlsxCell[][] = [['STT', ...cols.map((f) => EMPLOYEE_FIELD_LABELS[f].vi)]];
  let i = 0;
  for (const e of employees) {
    const row: XlsxCell[] = [++i];
    for (const f of cols) {
      const v = e[f];
      if (f === 'gender') row.push(v === 'M' ? 'Nam' : 'Nữ');
      else if (f === 'status') row.push(EMPLOYEE_STATUS_LABELS[v as keyof typeof EMPLOYEE_STATUS_LABELS].vi);
      else if (f === 'salaryKind') row.push(v === 'coefficient' ? 'Hệ số' : 'Số tiền');
      else row.push(v as XlsxCell);
    }
    rows.push(row);
  }
  const bytes = writeXlsx([
    {
      name: 'Danh sách lao động',
      rows,
      boldRows: 1,
      frozenRows: 1,
      widths: [6, ...cols.map((f) => (f === 'fullName' ? 28 : 16))],
      formats: [undefined, ...cols.map((f) => (MONEY(f) ? ('money' as const) : ('text' as const)))],
    },
  ]);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
