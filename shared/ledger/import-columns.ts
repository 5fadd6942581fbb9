import type { EmployeeField } from '../contract/roster';
import { EMPLOYEE_FIELD_LABELS } from '../identity/employee-labels';

/**
 * A roster import's column that is no employee field: "Đã tham gia BHXH từ tháng" — the month from which BHXH already
 * knows the person (issue 10). It goes to the participation ledger, never to the employees table.
 */
export const PARTICIPATION_COLUMN = 'participatingSince';

/** Every field a column of an imported file can be mapped to: the employee fields and the participation month. */
export type ImportColumn = EmployeeField | typeof PARTICIPATION_COLUMN;

export const IMPORT_COLUMN_LABELS: Readonly<Record<ImportColumn, { vi: string; en: string }>> = {
  ...EMPLOYEE_FIELD_LABELS,
  [PARTICIPATION_COLUMN]: { vi: 'Đã tham gia BHXH từ tháng', en: 'Participating in BHXH since (month)' },
};
