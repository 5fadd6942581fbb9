import type { EmployeeField, EmployeeFields } from '../contract/roster';
import {
  hospitalKey,
  isHistoricProvince,
  isKnownEthnicity,
  isKnownNationality,
  listCheck,
  listDateVN,
} from '../codes/known';
import { cleanText } from '../text/normalize';
import { parseBirthDate, parseFullDate } from './birth-date';
import { validateCccd, validateCmnd } from './cccd';
import { validateInsuranceNumber } from './insurance-number';
import { EMPLOYEE_FIELD_LABELS } from './employee-labels';
import { isoDayVN } from '../format';

export interface EmployeeProblem {
  field: EmployeeField;
  code: string;
  message: string;
  messageEn: string;
}

/** Module-level (not a closure per call): the import checks 50,000 rows. */
function addProblem(problems: EmployeeProblem[], field: EmployeeField, code: string, vi: string, en: string): void {
  problems.push({
    field,
    code,
    message: `${EMPLOYEE_FIELD_LABELS[field].vi}: ${vi}`,
    messageEn: `${EMPLOYEE_FIELD_LABELS[field].en}: ${en}`,
  });
}

let memoTime = NaN;
let memoDay = '';
/** `today` as yyyy-mm-dd in Vietnam time, remembered: an import checks 50,000 rows against the same day. */
function isoDay(today: Date): string {
  if (today.getTime() !== memoTime) {
    memoTime = today.getTime();
    memoDay = isoDayVN(today);
  }
  return memoDay;
}

/**
 * Normalises an employee (names NFC and single-spaced, dates padded, codes trimmed) and lists every problem by
 * field. Used by the form (inline), `employee.save` and the import, so all three say the same thing.
 * `today` bounds the birth date (the clock is injected: tests and `--now` set it).
 */
export function checkEmployee(
  input: EmployeeFields,
  today: Date,
): { value: EmployeeFields; problems: EmployeeProblem[] } {
  const v: EmployeeFields = { ...input };
  const w = v as unknown as Record<string, unknown>;
  // for…in over a fresh spread = its own keys in the same order as Object.keys, without the key array per call.
  for (const k in w) {
    const x = w[k];
    if (typeof x === 'string' && x !== '') w[k] = cleanText(x);
  }
  v.nationality = v.nationality.toUpperCase() || 'VN';
  const problems: EmployeeProblem[] = [];

  if (!v.fullName) addProblem(problems, 'fullName', 'REQUIRED', 'không được để trống', 'is required');
  else if (/[0-9@#$%^&*_=+<>{}[\]|\\]/.test(v.fullName))
    addProblem(
      problems,
      'fullName',
      'NAME_CHARS',
      'chỉ được chứa chữ cái và dấu cách',
      'may contain only letters and spaces',
    );

  if (v.insuranceNumber) {
    const r = validateInsuranceNumber(v.insuranceNumber);
    if (!r.ok)
      addProblem(
        problems,
        'insuranceNumber',
        r.code!,
        'phải gồm đúng 10 chữ số (để trống nếu tham gia lần đầu)',
        'must be exactly 10 digits (leave empty for a first-time participant)',
      );
  }

  const birth = parseBirthDate(v.birthDate);
  if (!v.birthDate) addProblem(problems, 'birthDate', 'REQUIRED', 'không được để trống', 'is required');
  else if (!birth)
    addProblem(
      problems,
      'birthDate',
      'DATE_FORMAT',
      `"${v.birthDate}" không phải ngày hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy)`,
      `"${v.birthDate}" is not a valid date (dd/mm/yyyy, mm/yyyy or yyyy)`,
    );
  else {
    v.birthDate = birth.text;
    // The year in Vietnam: at 00:30 on 01/01 there, UTC is still in the year before.
    if (birth.year < 1900 || birth.year > Number(isoDay(today).slice(0, 4)))
      addProblem(
        problems,
        'birthDate',
        'DATE_RANGE',
        `năm sinh ${birth.year} không hợp lý`,
        `birth year ${birth.year} is not plausible`,
      );
  }

  if (v.cccd) {
    const r = validateCccd(v.cccd, { birthYear: birth?.year, gender: v.gender });
    if (!r.ok) addProblem(problems, 'cccd', r.code!, r.reason!, r.reasonEn!);
  }
  if (v.cmnd) {
    // Some provinces issued 12-digit CMND with the CCCD structure.
    const r =
      v.cmnd.length === 12 ? validateCccd(v.cmnd, { birthYear: birth?.year, gender: v.gender }) : validateCmnd(v.cmnd);
    if (!r.ok) addProblem(problems, 'cmnd', r.code!, r.reason!, r.reasonEn!);
  }
  // Codes against the dated lists in force today (resources/codes; built-in tables where none is installed).
  const day = isoDay(today);
  if (!/^[A-Z]{2}$/.test(v.nationality))
    addProblem(
      problems,
      'nationality',
      'NATIONALITY',
      'phải là mã quốc gia 2 chữ cái (VN…)',
      'must be a 2-letter country code (VN…)',
    );
  else if (!isKnownNationality(v.nationality, day))
    addProblem(
      problems,
      'nationality',
      'NATIONALITY_UNKNOWN',
      `mã "${v.nationality}" không có trong danh mục quốc tịch`,
      `code "${v.nationality}" is not in the nationality list`,
    );
  if (v.ethnicity) {
    if (/^\d$/.test(v.ethnicity)) v.ethnicity = '0' + v.ethnicity;
    if (!isKnownEthnicity(v.ethnicity, day))
      addProblem(
        problems,
        'ethnicity',
        'ETHNICITY',
        `mã "${v.ethnicity}" không có trong danh mục dân tộc BHXH (01–55, 99)`,
        `code "${v.ethnicity}" is not a BHXH ethnicity code (01–55, 99)`,
      );
  }
  if (v.birthProvince && !/^\d{2}$/.test(v.birthProvince))
    addProblem(problems, 'birthProvince', 'CODE_FORMAT', 'phải gồm 2 chữ số', 'must be 2 digits');
  else if (v.birthProvince && !isHistoricProvince(v.birthProvince))
    addProblem(
      problems,
      'birthProvince',
      'PROVINCE_UNKNOWN',
      `mã "${v.birthProvince}" không có trong danh mục tỉnh`,
      `code "${v.birthProvince}" is not a province code`,
    );
  if (v.hospitalCode && hospitalKey(v.hospitalCode) && listCheck('hospitals', v.hospitalCode, day) === 'unknown')
    addProblem(
      problems,
      'hospitalCode',
      'HOSPITAL_UNKNOWN',
      `mã "${v.hospitalCode}" không có trong danh mục cơ sở KCB áp dụng từ ${listDateVN('hospitals', day)}`,
      `code "${v.hospitalCode}" is not in the hospital list`,
    );
  if (v.birthDistrict && !/^\d{3}$/.test(v.birthDistrict))
    addProblem(problems, 'birthDistrict', 'CODE_FORMAT', 'phải gồm 3 chữ số', 'must be 3 digits');
  if (v.birthWard && !/^\d{5}$/.test(v.birthWard))
    addProblem(problems, 'birthWard', 'CODE_FORMAT', 'phải gồm 5 chữ số', 'must be 5 digits');
  if (v.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email))
    addProblem(problems, 'email', 'EMAIL', 'không đúng dạng thư điện tử', 'is not a valid e-mail address');
  if (v.phone && !/^\+?[0-9 .-]{8,15}$/.test(v.phone))
    addProblem(problems, 'phone', 'PHONE', 'không đúng dạng số điện thoại', 'is not a valid phone number');

  const dates: EmployeeField[] = ['contractSigned', 'contractStart', 'contractEnd'];
  const iso: Partial<Record<EmployeeField, string>> = {};
  for (const f of dates) {
    const raw = v[f] as string;
    if (!raw) continue;
    const d = parseFullDate(raw);
    if (!d)
      addProblem(
        problems,
        f,
        'DATE_FORMAT',
        `"${raw}" không phải ngày hợp lệ dd/mm/yyyy`,
        `"${raw}" is not a valid dd/mm/yyyy date`,
      );
    else {
      (v as Record<string, unknown>)[f] = d.text;
      iso[f] = d.iso;
    }
  }
  if (iso.contractStart && iso.contractEnd && iso.contractEnd < iso.contractStart) {
    addProblem(
      problems,
      'contractEnd',
      'DATE_ORDER',
      'ngày kết thúc trước ngày bắt đầu hợp đồng',
      'the contract ends before it starts',
    );
  }

  if (v.salary !== null) {
    if (!Number.isFinite(v.salary) || v.salary <= 0)
      addProblem(problems, 'salary', 'SALARY', 'phải lớn hơn 0', 'must be greater than 0');
    else if (v.salaryKind === 'coefficient' && v.salary > 100)
      addProblem(
        problems,
        'salary',
        'COEFFICIENT',
        'hệ số lương không được lớn hơn 100',
        'a pay-scale coefficient cannot exceed 100',
      );
    else if (v.salaryKind === 'amount' && v.salary <= 100)
      addProblem(
        problems,
        'salary',
        'SALARY_AMOUNT',
        'mức lương bằng tiền phải lớn hơn 100 đồng (giá trị ≤ 100 là hệ số)',
        'a VND amount must exceed 100 (values ≤ 100 are coefficients)',
      );
    else if (v.salaryKind === 'amount' && !Number.isInteger(v.salary))
      addProblem(
        problems,
        'salary',
        'SALARY_AMOUNT',
        'tiền lương phải là số đồng nguyên',
        'a VND amount must be a whole number',
      );
  }
  const allowances: EmployeeField[] = [
    'allowancePosition',
    'allowanceSeniorityExcess',
    'allowanceSeniorityJob',
    'allowanceSalary',
    'allowanceOther',
  ];
  for (const f of allowances) {
    const n = v[f] as number;
    if (!Number.isFinite(n) || n < 0) addProblem(problems, f, 'ALLOWANCE', 'không được âm', 'cannot be negative');
  }
  if (v.wageRegion && !/^0[1-4]$/.test(v.wageRegion))
    addProblem(problems, 'wageRegion', 'WAGE_REGION', 'phải là 01, 02, 03 hoặc 04', 'must be 01, 02, 03 or 04');
  if (v.hospitalCode && !/^\d{5}$/.test(v.hospitalCode))
    addProblem(
      problems,
      'hospitalCode',
      'HOSPITAL_CODE',
      'phải gồm 5 chữ số (2 số mã tỉnh + 3 số)',
      'must be 5 digits (2-digit province + 3)',
    );
  return { value: v, problems };
}
