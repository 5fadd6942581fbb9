import { z } from 'zod';
import { defineMethods } from './define';
import { fileBlob } from './common';
import { previewReportFields, resultReportFields } from './import-report';

/** Units (đơn vị) and employees (người lao động), and the spreadsheet import/export. */

const opt = z.string().max(500).optional();
const unitCodeSchema = z.string().regex(/^[A-Z0-9]{7}$/, 'Mã đơn vị gồm 7 chữ in hoa hoặc số');

/** Fields a clerk enters for a unit. Deep checks (MST check digit…) run in the service with Vietnamese messages. */
export const unitFields = z.object({
  code: unitCodeSchema,
  name: z.string().min(1).max(300),
  taxCode: z.string().max(20),
  agencyCode: z.string().max(10),
  address: opt,
  phone: opt,
  email: opt,
  signer: opt,
  wageRegion: z.string().max(4),
  /** MaIVAN of the chosen I-VAN provider, e.g. 00020 (VNPT-Vinaphone). */
  ivanProvider: z.string().max(10).optional(),
});
export type UnitFields = z.infer<typeof unitFields>;

export const unitRecord = unitFields.extend({
  id: z.number().int(),
  employeeCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitRecord = z.infer<typeof unitRecord>;

export const EMPLOYEE_STATUSES = ['working', 'sick', 'maternity', 'unpaid', 'left'] as const;
export const employeeStatus = z.enum(EMPLOYEE_STATUSES);
export type EmployeeStatus = z.infer<typeof employeeStatus>;

/**
 * Every field of an employee. Empty strings mean "not given". `birthDate` is dd/mm/yyyy, mm/yyyy or yyyy as the
 * forms allow; contract dates dd/mm/yyyy; `salary` is a VND amount, or a coefficient ≤ 100 when
 * `salaryKind = 'coefficient'` (state pay scale). Allowances follow D02-TS: PhuCapCV, PhuCapTNVK (%),
 * PhuCapTNNghe (%), PhuCapLuong, PhuCapBosung.
 */
export const employeeFields = z.object({
  fullName: z.string().max(100),
  insuranceNumber: z.string().max(20).default(''),
  birthDate: z.string().max(10),
  gender: z.enum(['M', 'F']),
  cccd: z.string().max(20).default(''),
  cmnd: z.string().max(20).default(''),
  nationality: z.string().max(2).default('VN'),
  ethnicity: z.string().max(2).default(''),
  birthProvince: z.string().max(3).default(''),
  birthDistrict: z.string().max(3).default(''),
  birthWard: z.string().max(5).default(''),
  address: z.string().max(500).default(''),
  phone: z.string().max(30).default(''),
  email: z.string().max(200).default(''),
  jobTitle: z.string().max(500).default(''),
  workplace: z.string().max(500).default(''),
  department: z.string().max(200).default(''),
  contractType: z.string().max(50).default(''),
  contractNumber: z.string().max(100).default(''),
  contractSigned: z.string().max(10).default(''),
  contractStart: z.string().max(10).default(''),
  contractEnd: z.string().max(10).default(''),
  salaryKind: z.enum(['amount', 'coefficient']).default('amount'),
  salary: z.number().nullable().default(null),
  allowancePosition: z.number().default(0),
  allowanceSeniorityExcess: z.number().default(0),
  allowanceSeniorityJob: z.number().default(0),
  allowanceSalary: z.number().default(0),
  allowanceOther: z.number().default(0),
  wageRegion: z.string().max(2).default(''),
  hospitalCode: z.string().max(10).default(''),
  status: employeeStatus.default('working'),
});
/** Every employee field at its schema default, the required ones blank: the one source for a new record's values. */
export const BLANK_EMPLOYEE: EmployeeFields = Object.freeze(
  employeeFields.parse({ fullName: '', birthDate: '', gender: 'M' }),
) as EmployeeFields;

export type EmployeeFields = z.output<typeof employeeFields>;
export type EmployeeField = keyof EmployeeFields;

export const employeeRecord = employeeFields.extend({
  id: z.number().int(),
  unitCode: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EmployeeRecord = z.output<typeof employeeRecord>;

export const historyEntry = z.object({
  id: z.number().int(),
  changedAt: z.string(),
  effectiveDate: z.string().nullable(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  source: z.enum(['form', 'import', 'cli']),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/** Field → spreadsheet column header (as written in the file). */
export const columnMapping = z.record(z.string(), z.string());
export type ColumnMapping = z.infer<typeof columnMapping>;

export const importProblem = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string().optional(),
  severity: z.enum(['error', 'warning']),
});
export type ImportProblem = z.infer<typeof importProblem>;

const importInput = z.object({
  unitCode: unitCodeSchema,
  file: fileBlob,
  /** Omitted: the unit's remembered mapping, then the header recogniser. */
  mapping: columnMapping.optional(),
  /** .xlsx: the sheet to read; omitted = the sheet whose first rows look most like a roster. */
  sheet: z.string().max(100).optional(),
  /** The header row as the sheet numbers it (1 = first); omitted = found in the first 20 rows. */
  headerRow: z.number().int().min(1).max(1000).optional(),
  /**
   * .xlsx: leave out the data rows Excel hides (hidden by the clerk, filtered out, in a collapsed group). Omitted:
   * they are read like any other row, with a HIDDEN_ROWS warning naming them.
   */
  skipHiddenRows: z.boolean().optional(),
});

export const importPreview = z.object({
  headers: z.array(z.string()),
  mapping: columnMapping,
  /** Headers the recogniser could not place. */
  unmapped: z.array(z.string()),
  totalRows: z.number().int(),
  toInsert: z.number().int(),
  toUpdate: z.number().int(),
  rejectedRows: z.number().int(),
  /** Why rows will be refused (severity error). */
  problems: z.array(importProblem),
  /** What the clerk should check although it refuses no row (a merged cell read as empty). */
  warnings: z.array(importProblem).optional(),
  /** Cells converted from TCVN3/VNI legacy encodings. */
  convertedCells: z.number().int(),
  sample: z.array(z.record(z.string(), z.string())),
  ...previewReportFields,
  /** The sheet read (.xlsx) and the header row found or given, as the sheet numbers it. */
  sheet: z.string().optional(),
  headerRow: z.number().int().optional(),
  /** Data rows Excel hides (read, or left out with `skipHiddenRows`), when there are any. */
  hiddenRows: z.number().int().optional(),
  /** Problems beyond the listed ones (the list is capped). */
  problemsOmitted: z.number().int().optional(),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importResult = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string() })),
  /** What the clerk should check although no row was refused for it (a merged cell read as empty). */
  warnings: z
    .array(z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string() }))
    .optional(),
  ...resultReportFields,
  /** Data rows Excel hides (imported, or left out with `skipHiddenRows`), when there are any. */
  hiddenRows: z.number().int().optional(),
  /** Problems beyond the listed ones (the list is capped). */
  rejectedOmitted: z.number().int().optional(),
});
export type ImportResult = z.infer<typeof importResult>;

export const rosterMethods = defineMethods({
  'unit.add': {
    summary: 'Thêm đơn vị / Add a unit',
    input: unitFields,
    output: unitRecord,
  },
  'unit.list': {
    summary: 'Danh sách đơn vị / List units',
    input: z.object({}).strict(),
    output: z.object({ units: z.array(unitRecord) }),
  },
  'unit.get': {
    summary: 'Xem đơn vị / Show a unit',
    input: z.object({ code: unitCodeSchema }),
    output: unitRecord,
  },
  'unit.update': {
    summary: 'Sửa đơn vị / Update a unit',
    input: z.object({
      code: unitCodeSchema,
      patch: unitFields.omit({ code: true }).partial(),
      /**
       * The unit's `updatedAt` as the form loaded it. Given, the update is refused with STALE when the stored unit
       * changed since (another window or `kekhai`), unless it already holds exactly this patch.
       */
      expectedUpdatedAt: z.string().max(40).optional(),
    }),
    output: unitRecord,
  },
  'employee.list': {
    summary: 'Danh sách lao động (phân trang, tìm kiếm, lọc) / List employees (paged, search, filters)',
    input: z.object({
      unitCode: unitCodeSchema,
      search: z.string().max(100).optional(),
      status: employeeStatus.optional(),
      department: z.string().max(200).optional(),
      gender: z.enum(['M', 'F']).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(2000).default(100),
    }),
    output: z.object({ total: z.number().int(), offset: z.number().int(), items: z.array(employeeRecord) }),
  },
  'employee.get': {
    summary: 'Xem người lao động / Show an employee',
    input: z.object({ id: z.number().int() }),
    output: employeeRecord,
  },
  'employee.save': {
    summary: 'Thêm hoặc sửa người lao động / Add or update an employee',
    input: z.object({
      unitCode: unitCodeSchema,
      id: z.number().int().optional(),
      employee: employeeFields,
      /** Date the change takes effect (dd/mm/yyyy), recorded in the history. */
      effectiveDate: z.string().optional(),
      /**
       * The record's `updatedAt` as the form loaded it (an edit). Given, the save is refused with STALE when the
       * stored record changed since (another window, an import, `kekhai`), unless it already holds exactly these
       * values (the same save sent twice).
       */
      expectedUpdatedAt: z.string().max(40).optional(),
      /**
       * A key the form picks once per new record: a second save of a new employee with the same key (a double
       * click, Enter twice) returns the record the first one added instead of adding the person twice.
       */
      requestId: z.string().max(100).optional(),
      /**
       * A new employee with the name (any letter case), birth date and gender of one already in the unit, and no
       * mã số or CCCD that tells them apart, is refused with POSSIBLE_DUPLICATE (`details.candidates`: those
       * employees) — a second record of one person is a second báo tăng and twice the contributions. True = the
       * clerk has checked: they are two people.
       */
      confirmSamePerson: z.boolean().optional(),
    }),
    output: employeeRecord,
  },
  'employee.history': {
    summary: 'Lịch sử thay đổi của người lao động / Employee change history',
    input: z.object({ id: z.number().int() }),
    output: z.object({ items: z.array(historyEntry) }),
  },
  'roster.importSheets': {
    summary: 'Các trang tính của tệp Excel và trang đề xuất / The sheets of an .xlsx and the suggested one',
    input: z.object({ file: fileBlob }),
    output: z.object({
      sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
      /** The sheet an import reads when none is chosen. */
      suggested: z.string(),
    }),
  },
  'roster.importPreview': {
    summary: 'Xem trước nhập danh sách từ Excel/CSV (chưa ghi gì) / Preview a spreadsheet import (writes nothing)',
    input: importInput,
    output: importPreview,
    progress: true,
  },
  'roster.importCommit': {
    summary: 'Nhập danh sách từ Excel/CSV trong một giao dịch / Import a spreadsheet in one transaction',
    input: importInput.extend({
      dryRun: z.boolean().default(false),
      rememberMapping: z.boolean().default(true),
      /** MM/yyyy: new rows without participation information are known to BHXH from that month (ledger, issue 10). */
      participatingSince: z
        .string()
        .regex(/^(0[1-9]|1[0-2])\/\d{4}$/, 'Tháng phải có dạng mm/yyyy')
        .optional(),
    }),
    output: importResult,
    progress: true,
  },
  'roster.export': {
    summary: 'Xuất danh sách lao động ra Excel / Export the roster to .xlsx',
    input: z.object({ unitCode: unitCodeSchema }),
    output: z.object({ file: fileBlob, count: z.number().int() }),
  },
  'roster.mappingGet': {
    summary: 'Cách ghép cột đã lưu của đơn vị / The unit’s remembered column mapping',
    input: z.object({ unitCode: unitCodeSchema }),
    output: z.object({ mapping: columnMapping.nullable() }),
  },
  'roster.mappingSave': {
    summary: 'Lưu cách ghép cột cho đơn vị / Remember a column mapping for the unit',
    input: z.object({ unitCode: unitCodeSchema, mapping: columnMapping }),
    output: z.object({ mapping: columnMapping }),
  },
});
