import type { EmployeeField, EmployeeFields, EmployeeRecord } from '../../shared/contract/roster';
import { foldForSearch } from '../../shared/text/fold';

/** Contract field → `employees` column. */
export const EMPLOYEE_COLUMNS: Readonly<Record<EmployeeField, string>> = {
  fullName: 'full_name',
  insuranceNumber: 'insurance_number',
  birthDate: 'birth_date',
  gender: 'gender',
  cccd: 'cccd',
  cmnd: 'cmnd',
  nationality: 'nationality',
  ethnicity: 'ethnicity',
  birthProvince: 'birth_province',
  birthDistrict: 'birth_district',
  birthWard: 'birth_ward',
  address: 'address',
  phone: 'phone',
  email: 'email',
  jobTitle: 'job_title',
  workplace: 'workplace',
  department: 'department',
  contractType: 'contract_type',
  contractNumber: 'contract_number',
  contractSigned: 'contract_signed',
  contractStart: 'contract_start',
  contractEnd: 'contract_end',
  salaryKind: 'salary_kind',
  salary: 'salary',
  allowancePosition: 'allowance_position',
  allowanceSeniorityExcess: 'allowance_seniority_excess',
  allowanceSeniorityJob: 'allowance_seniority_job',
  allowanceSalary: 'allowance_salary',
  allowanceOther: 'allowance_other',
  wageRegion: 'wage_region',
  hospitalCode: 'hospital_code',
  status: 'status',
};

export const FIELDS = Object.keys(EMPLOYEE_COLUMNS) as EmployeeField[];

/** Identifier-like text columns stored as NULL when empty (so the partial unique indexes ignore them). */
const NULL_WHEN_EMPTY = new Set<EmployeeField>(
  FIELDS.filter(
    (f) =>
      f !== 'fullName' &&
      f !== 'birthDate' &&
      f !== 'gender' &&
      f !== 'nationality' &&
      f !== 'salaryKind' &&
      f !== 'status',
  ),
);

/** The search column: folded name + mã số + CCCD + CMND, space-separated. */
export function searchText(e: Pick<EmployeeFields, 'fullName' | 'insuranceNumber' | 'cccd' | 'cmnd'>): string {
  // Concatenated by hand (no array per row): called for every row of an import.
  return joinWord(joinWord(joinWord(foldForSearch(e.fullName), e.insuranceNumber), e.cccd), e.cmnd);
}

function joinWord(out: string, word: string): string {
  return !word ? out : out ? `${out} ${word}` : word;
}

/** Field values as SQLite parameters, in FIELDS order. */
export function toParams(e: EmployeeFields): (string | number | null)[] {
  return FIELDS.map((f) => {
    const v = e[f];
    if (typeof v === 'string' && v === '' && NULL_WHEN_EMPTY.has(f)) return null;
    return v as string | number | null;
  });
}

/** A NULL_WHEN_EMPTY value as stored. */
function orNull<T>(v: T): T | null {
  return v === '' ? null : v;
}

/**
 * The same parameters appended to `out` (bulk statements: no array per row), field by field in FIELDS order — read
 * by name through FIELDS, V8's keyed loads cost a 50,000-row import 60–85 ms of its main thread, ~10× this.
 * tests/unit/roster/columns.test.ts checks it gives what toParams gives.
 */
export function pushParams(out: (string | number | null)[], e: EmployeeFields): void {
  out.push(
    e.fullName,
    orNull(e.insuranceNumber),
    e.birthDate,
    e.gender,
    orNull(e.cccd),
    orNull(e.cmnd),
    e.nationality,
    orNull(e.ethnicity),
    orNull(e.birthProvince),
    orNull(e.birthDistrict),
    orNull(e.birthWard),
    orNull(e.address),
    orNull(e.phone),
    orNull(e.email),
    orNull(e.jobTitle),
    orNull(e.workplace),
    orNull(e.department),
    orNull(e.contractType),
    orNull(e.contractNumber),
    orNull(e.contractSigned),
    orNull(e.contractStart),
    orNull(e.contractEnd),
    e.salaryKind,
    orNull(e.salary),
    orNull(e.allowancePosition),
    orNull(e.allowanceSeniorityExcess),
    orNull(e.allowanceSeniorityJob),
    orNull(e.allowanceSalary),
    orNull(e.allowanceOther),
    orNull(e.wageRegion),
    orNull(e.hospitalCode),
    e.status,
  );
}

export interface EmployeeRow {
  id: number;
  unit_code: string;
  created_at: string;
  updated_at: string;
  [column: string]: unknown;
}

export function fromRow(r: EmployeeRow): EmployeeRecord {
  const out: Record<string, unknown> = {
    id: r.id,
    unitCode: r.unit_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  for (const f of FIELDS) {
    const v = r[EMPLOYEE_COLUMNS[f]];
    out[f] = v === null && f !== 'salary' ? '' : v;
  }
  return out as EmployeeRecord;
}

/** Display form of a value in the history table. */
export function historyValue(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  return String(v);
}

export const SELECT_EMPLOYEE = `SELECT e.id, u.code AS unit_code, e.created_at, e.updated_at, ${FIELDS.map((f) => 'e.' + EMPLOYEE_COLUMNS[f]).join(', ')}
  FROM employees e JOIN units u ON u.id = e.unit_id`;
