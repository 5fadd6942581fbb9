import { isBenefitLevel } from '../codes/benefit-levels';
import { FOREIGNER_ETHNICITY } from '../codes/ethnicities';
import { VIETNAM } from '../codes/nationalities';
import { isKnownEthnicity, isKnownNationality } from '../codes/known';
import { validateRowCodes } from './draft-codes';
import { planByCode } from '../codes/plans';
import { isWageRegion, LIVING_AREAS } from '../codes/wage-regions';
import { isCoefficient, insuredSalary } from '../contributions/insured-salary';
import type { Draft, DraftRow } from '../draft/schema';
import { formatMoney, parseDmy } from '../format';
import { validateCccd, validateCmnd, validateInsuranceNumber } from '../identity';
import { parseBirthDate } from '../identity/birth-date';
import { capFor, floorDetail, rulesFor, type FloorPart, type MonthRules } from '../rules/lookup';
import { isoMonth, monthDiff } from '../rules/month';
import type { ProblemList } from './draft-problems';
import { checkRowNumbers } from './number-range';

/** Portal limits (FINIZI `api-docs/code-600.md`): HoTen ≤ 100, chucVu ≤ 500, ghiChu ≤ 500. */
const MAX_NAME = 100;
const MAX_POSITION = 500;
const MAX_NOTE = 500;

/** dd/mm/yyyy, mm/yyyy or yyyy (the forms accept all three; bhxh-domain.md addendum 2 item 7) → birth year, or null. */
export function birthYearOf(s: string): number | null {
  const b = parseBirthDate(s);
  // Only the canonical forms (padded, slash-separated) are written to the XML as they are.
  return b && b.text === s ? b.year : null;
}

const UPLIFT_NAMES: Record<FloorPart['rule'], string> = {
  trained: 'cho lao động đã qua học nghề, đào tạo nghề',
  heavy: 'cho công việc nặng nhọc, độc hại, nguy hiểm',
  especiallyHeavy: 'cho công việc đặc biệt nặng nhọc, độc hại, nguy hiểm',
  '': '',
};

function rulesOrNull(month: string | null): MonthRules | null {
  if (!month) return null;
  try {
    return rulesFor(month);
  } catch {
    return null;
  }
}

/** Every rule of one D02-TS row. `period` is the draft's ISO month (null when unreadable). */
export function validateRow(p: ProblemList, draft: Draft, row: DraftRow, i: number, period: string | null): void {
  const name = row.fullName;
  const err = (field: string, code: string, vi: string, en: string) => p.row(i, name, field, code, vi, en, 'error');
  const warn = (field: string, code: string, vi: string, en: string) => p.row(i, name, field, code, vi, en, 'warning');

  const plan = planByCode(row.plan.trim());
  if (!row.plan.trim()) err('plan', 'REQUIRED', 'bắt buộc chọn phương án', 'required');
  else if (!plan)
    err(
      'plan',
      'PLAN_UNKNOWN',
      `mã phương án "${row.plan}" không có trong danh mục`,
      `unknown plan code "${row.plan}"`,
    );

  if (!name.trim()) err('fullName', 'REQUIRED', 'bắt buộc nhập', 'required');
  else if (name.length > MAX_NAME)
    err('fullName', 'TOO_LONG', `tối đa ${MAX_NAME} ký tự`, `at most ${MAX_NAME} characters`);

  if (row.insuranceNo) {
    const c = validateInsuranceNumber(row.insuranceNo);
    if (!c.ok) err('insuranceNo', c.code ?? 'FORMAT', c.reason ?? 'không hợp lệ', c.reasonEn ?? 'invalid');
  } else if (plan?.needsInsuranceNo) {
    err(
      'insuranceNo',
      'INSURANCE_NO_REQUIRED',
      `phương án ${plan.code} bắt buộc có mã số BHXH`,
      `plan ${plan.code} needs the social-insurance number`,
    );
  }

  // Birth date: dd/mm/yyyy or yyyy; must match the CCCD's century/gender/year digits.
  const birthYear = birthYearOf(row.birthDate);
  if (!row.birthDate) err('birthDate', 'REQUIRED', 'bắt buộc nhập', 'required');
  else if (birthYear === null)
    err(
      'birthDate',
      'DATE_FORMAT',
      `"${row.birthDate}" không phải ngày dd/mm/yyyy, tháng mm/yyyy hoặc năm yyyy`,
      `"${row.birthDate}" is not dd/mm/yyyy, mm/yyyy or yyyy`,
    );
  else if (period && `${birthYear}` > period.slice(0, 4))
    err('birthDate', 'BIRTH_AFTER_PERIOD', 'ngày sinh sau kỳ kê khai', 'birth date after the period');
  else if (period && Number(period.slice(0, 4)) - birthYear < 15)
    warn('birthDate', 'UNDER_15', 'người lao động chưa đủ 15 tuổi', 'employee under 15');

  const vietnamese = row.nationality === VIETNAM;
  if (row.idNumber) {
    if (/^\d{12}$/.test(row.idNumber)) {
      const c = validateCccd(row.idNumber, { birthYear: birthYear ?? undefined, gender: row.gender });
      if (!c.ok) err('idNumber', c.code ?? 'CCCD', c.reason ?? 'không hợp lệ', c.reasonEn ?? 'invalid');
    } else if (vietnamese) {
      const c = validateCmnd(row.idNumber);
      if (!c.ok)
        err(
          'idNumber',
          'ID_FORMAT',
          'số CCCD phải gồm 12 chữ số, CMND 9 chữ số',
          'CCCD must be 12 digits, CMND 9 digits',
        );
    }
  } else if (!row.insuranceNo) {
    err(
      'idNumber',
      'ID_REQUIRED',
      'người chưa có mã số BHXH phải có số CCCD/CMND/hộ chiếu',
      'a participant without a social-insurance number needs an ID number',
    );
  }

  // Code lists as dated data (resources/codes): the list in force in the period; built-in tables without a period.
  const day = period ?? '2015-01';
  const knownNationality = isKnownNationality(row.nationality, day);
  if (!knownNationality)
    err(
      'nationality',
      'NATIONALITY_UNKNOWN',
      `mã quốc tịch "${row.nationality}" không có trong danh mục quốc tịch`,
      `unknown nationality code "${row.nationality}"`,
    );
  if (!isKnownEthnicity(row.ethnicity, day))
    err(
      'ethnicity',
      'ETHNICITY_UNKNOWN',
      `mã dân tộc "${row.ethnicity}" không có trong danh mục BHXH`,
      `unknown ethnicity code "${row.ethnicity}"`,
    );
  else if (vietnamese && row.ethnicity === FOREIGNER_ETHNICITY)
    warn(
      'ethnicity',
      'ETHNICITY_FOREIGNER',
      'mã 99 dành cho người nước ngoài nhưng quốc tịch là VN',
      'code 99 is for foreigners but nationality is VN',
    );
  else if (!vietnamese && knownNationality && row.ethnicity !== FOREIGNER_ETHNICITY)
    warn(
      'ethnicity',
      'ETHNICITY_NOT_FOREIGNER',
      'người nước ngoài dùng mã dân tộc 99',
      'foreigners use ethnicity code 99',
    );

  validateRowCodes(row, period, err, warn);

  if (!row.position.trim()) err('position', 'REQUIRED', 'bắt buộc nhập', 'required');
  else if (row.position.length > MAX_POSITION)
    err('position', 'TOO_LONG', `tối đa ${MAX_POSITION} ký tự`, `at most ${MAX_POSITION} characters`);
  if (row.note.length > MAX_NOTE) err('note', 'TOO_LONG', `tối đa ${MAX_NOTE} ký tự`, `at most ${MAX_NOTE} characters`);

  const region = row.wageRegion || draft.unit.wageRegion;
  if (row.wageRegion && !isWageRegion(row.wageRegion))
    err('wageRegion', 'WAGE_REGION', 'phải là 01, 02, 03 hoặc 04', 'must be 01, 02, 03 or 04');

  // Months.
  const from = isoMonth(row.fromMonth);
  const to = row.toMonth ? isoMonth(row.toMonth) : null;
  if (!row.fromMonth) err('fromMonth', 'REQUIRED', 'bắt buộc nhập', 'required');
  else if (!from)
    err(
      'fromMonth',
      'MONTH_FORMAT',
      `"${row.fromMonth}" không phải tháng mm/yyyy`,
      `"${row.fromMonth}" is not mm/yyyy`,
    );
  if (row.toMonth && !to)
    err('toMonth', 'MONTH_FORMAT', `"${row.toMonth}" không phải tháng mm/yyyy`, `"${row.toMonth}" is not mm/yyyy`);
  if (from && to && to < from)
    err(
      'toMonth',
      'MONTHS_OUT_OF_ORDER',
      `đến tháng ${row.toMonth} trước từ tháng ${row.fromMonth}`,
      `to-month ${row.toMonth} is before from-month ${row.fromMonth}`,
    );
  if (plan?.backDated && period) {
    if (!row.toMonth)
      err(
        'toMonth',
        'REQUIRED',
        `phương án ${plan.code} (truy đóng/truy giảm) bắt buộc nhập đến tháng`,
        `plan ${plan.code} (back-dated) needs a to-month`,
      );
    else if (to && to >= period)
      err(
        'toMonth',
        'BACKDATED_NOT_PAST',
        `phương án ${plan.code} chỉ dùng cho các tháng trước kỳ kê khai`,
        `plan ${plan.code} is only for months before the period`,
      );
  }
  if (plan && from && period && from > period) {
    warn(
      'fromMonth',
      'FROM_AFTER_PERIOD',
      `từ tháng ${row.fromMonth} sau kỳ kê khai`,
      `from-month ${row.fromMonth} is after the period`,
    );
  }
  if (plan && !plan.backDated && from && period && plan.kind === 'increase' && monthDiff(from, period) > 0) {
    warn(
      'fromMonth',
      'RETROACTIVE',
      `tăng từ tháng ${row.fromMonth}, trước kỳ kê khai: cần bảng kê D01-TS kèm văn bản`,
      `retroactive from ${row.fromMonth}: a D01-TS list of documents is attached`,
    );
  }

  // Salary: amount vs coefficient, regional floor, caps.
  const rules = rulesOrNull(from);
  if (from && !rules)
    err(
      'fromMonth',
      'NO_RULES',
      `chưa có quy định tỷ lệ đóng, lương cơ sở cho tháng ${row.fromMonth} (từ 01/2015)`,
      `no rules for ${row.fromMonth} (from 01/2015)`,
    );
  // A number the forms cannot carry (3.5e+58) is refused with its field, before it can reach the XML.
  checkRowNumbers(p, row, i);
  if (!(row.salary > 0)) err('salary', 'SALARY_NOT_POSITIVE', 'phải lớn hơn 0', 'must be greater than 0');
  else if (isCoefficient(row.salary)) {
    // With a coefficient salary the position and salary allowances are coefficients too (NĐ 204/2004/NĐ-CP).
    for (const k of ['position', 'salary'] as const) {
      if (row.allowances[k] > 100)
        err(
          `allowances.${k}`,
          'ALLOWANCE_NOT_COEFFICIENT',
          `tiền lương là hệ số (${row.salary}) nên phụ cấp này cũng phải là hệ số (≤ 100), không phải số tiền`,
          `the salary is a coefficient, so this allowance must be a coefficient (≤ 100) too`,
        );
    }
    if (row.salary < 1)
      warn(
        'salary',
        'COEFFICIENT_LOW',
        `hệ số ${row.salary} nhỏ hơn 1 — giá trị ≤ 100 được hiểu là hệ số lương, không phải số tiền`,
        `coefficient ${row.salary} below 1 — values ≤ 100 are read as coefficients`,
      );
  } else {
    if (!Number.isInteger(row.salary))
      err('salary', 'SALARY_NOT_WHOLE', 'số tiền phải là số đồng nguyên', 'amount must be whole đồng');
    if (row.allowances.seniorityExcessPct || row.allowances.seniorityJobPct) {
      warn(
        'allowances.seniorityExcessPct',
        'PCT_WITH_AMOUNT',
        'phụ cấp theo % chỉ dùng khi tiền lương là hệ số; bị bỏ qua',
        'percent allowances apply to coefficients only; ignored',
      );
    }
    if (rules && plan && plan.kind !== 'decrease' && isWageRegion(region)) {
      const insured = insuredSalary(row, rules);
      const hazard = row.hazardLevel || (row.hazardous.from ? 'heavy' : '');
      const f = floorDetail(rules, region, { trained: row.trained, hazard });
      if (insured < f.minimum) {
        err(
          'salary',
          'SALARY_BELOW_REGIONAL_MINIMUM',
          `${formatMoney(insured)} thấp hơn mức tối thiểu ${formatMoney(f.minimum)} của vùng ${region} tháng ${row.fromMonth}`,
          `${insured} is below the minimum ${f.minimum} of region ${region} in ${row.fromMonth}`,
        );
      } else if (insured < f.floor) {
        // The uplifts are warnings: agreements more favourable than the decree continue (CV 2086/BLĐTBXH-TLĐLĐVN), and
        // the clerk may know the worker's classification better (legal-rules.md §3).
        const why = f.parts.map((p) => `+${p.percent} % ${UPLIFT_NAMES[p.rule]} (${p.source})`).join('; ');
        const code = f.parts.some((p) => p.rule === 'trained')
          ? 'SALARY_BELOW_TRAINED_FLOOR'
          : 'SALARY_BELOW_HAZARD_FLOOR';
        warn(
          'salary',
          code,
          `${formatMoney(insured)} thấp hơn mức sàn ${formatMoney(f.floor)} tháng ${row.fromMonth}: lương tối thiểu vùng ${region} ${formatMoney(f.minimum)} ${why}`,
          `${insured} is below the floor ${f.floor} in ${row.fromMonth}: regional minimum ${f.minimum} ${f.parts.map((p) => `+${p.percent} % ${p.rule}`).join(', ')}`,
        );
      }
    }
  }
  for (const k of ['position', 'seniorityExcessPct', 'seniorityJobPct', 'salary', 'other'] as const) {
    if (row.allowances[k] < 0) err(`allowances.${k}`, 'NEGATIVE', 'không được âm', 'must not be negative');
  }
  if (rules && row.salary > 0 && isWageRegion(region)) {
    const insured = insuredSalary(row, rules);
    const scheme = isCoefficient(row.salary) ? 'state' : 'employerSet';
    const capSocial = capFor(rules, 'social', region, scheme);
    const capBhtn = capFor(rules, 'unemployment', region, scheme);
    if (insured > capSocial)
      warn(
        'salary',
        'SALARY_OVER_CAP',
        `${formatMoney(insured)} vượt mức trần 20 lần lương cơ sở (${formatMoney(capSocial)}); BHXH, BHYT tính trên mức trần`,
        `${insured} exceeds the cap of 20 × base salary (${capSocial}); contributions use the cap`,
      );
    else if (insured > capBhtn)
      warn(
        'salary',
        'SALARY_OVER_BHTN_CAP',
        `${formatMoney(insured)} vượt mức trần BHTN 20 lần lương tối thiểu vùng (${formatMoney(capBhtn)}); BHTN tính trên mức trần`,
        `${insured} exceeds the unemployment cap (${capBhtn})`,
      );
  }

  // Contract (HĐLĐ): TM "HĐLĐ số {0} ngày {1}" (WEBAPP constant-valid.ts).
  const c = row.contract;
  if (plan?.needsContract) {
    if (!c.number.trim())
      err(
        'contract.number',
        'CONTRACT_NUMBER_REQUIRED',
        `phương án ${plan.code} bắt buộc nhập số hợp đồng lao động (hoặc phụ lục)`,
        `plan ${plan.code} needs the contract (or appendix) number`,
      );
    if (!c.signedOn.trim())
      err(
        'contract.signedOn',
        'CONTRACT_DATE_REQUIRED',
        `phương án ${plan.code} bắt buộc nhập ngày ký hợp đồng`,
        `plan ${plan.code} needs the contract date`,
      );
  }
  for (const k of ['signedOn', 'from', 'to'] as const) {
    if (c[k] && !parseDmy(c[k]))
      err(`contract.${k}`, 'DATE_FORMAT', `"${c[k]}" không phải ngày dd/mm/yyyy`, `"${c[k]}" is not dd/mm/yyyy`);
  }
  const cFrom = parseDmy(c.from);
  const cTo = parseDmy(c.to);
  if (cFrom && cTo && cTo < cFrom)
    err(
      'contract.to',
      'CONTRACT_DATES_OUT_OF_ORDER',
      'ngày kết thúc trước ngày bắt đầu hợp đồng',
      'contract ends before it starts',
    );
  if (c.type === 'fixed' && c.from && !c.to)
    warn(
      'contract.to',
      'CONTRACT_END_MISSING',
      'hợp đồng xác định thời hạn cần ngày kết thúc',
      'a fixed-term contract needs an end date',
    );
  if (plan?.code === 'TH' && cFrom && cTo && monthDiff(cFrom.slice(0, 7), cTo.slice(0, 7)) >= 3) {
    warn(
      'contract.to',
      'TH_CONTRACT_TOO_LONG',
      'phương án TH dành cho hợp đồng dưới 3 tháng',
      'plan TH is for contracts under 3 months',
    );
  }
  if (plan?.code === 'TH' && rules && rules.shortContract.funds.length === 0) {
    err(
      'plan',
      'TH_NOT_COMPULSORY',
      `tháng ${row.fromMonth}: hợp đồng dưới 3 tháng chưa thuộc diện BHXH bắt buộc (chỉ từ 01/01/2018 — ${rules.shortContract.source})`,
      `${row.fromMonth}: contracts under 3 months were outside compulsory insurance before 01/01/2018`,
    );
  }
  if (plan?.effect === 'change' && plan.code === 'DC') {
    const prev = row.previousSalary;
    if (prev === undefined || !(prev > 0)) {
      warn(
        'previousSalary',
        'PREVIOUS_SALARY_MISSING',
        'phương án DC cần mức lương cũ để tính số tiền thay đổi (chỉ tính phần chênh lệch)',
        'plan DC needs the previous salary: its amount is the difference',
      );
    } else if (prev === row.salary) {
      warn(
        'salary',
        'SALARY_UNCHANGED',
        `mức lương mới bằng mức lương cũ ${formatMoney(prev)}`,
        'the new salary equals the previous one',
      );
    }
  }
  if (plan && plan.kind === 'increase' && cFrom && from && cFrom.slice(0, 7) > from) {
    warn(
      'fromMonth',
      'BEFORE_CONTRACT',
      `tăng từ tháng ${row.fromMonth}, trước ngày hợp đồng có hiệu lực ${c.from}`,
      `increase from ${row.fromMonth}, before the contract starts ${c.from}`,
    );
  }

  if (row.deathDate) {
    const d = parseDmy(row.deathDate);
    if (!d)
      err(
        'deathDate',
        'DATE_FORMAT',
        `"${row.deathDate}" không phải ngày dd/mm/yyyy`,
        `"${row.deathDate}" is not dd/mm/yyyy`,
      );
    if (plan && plan.code !== 'GH')
      err(
        'deathDate',
        'DEATH_NOT_GH',
        'ngày chết chỉ dùng với phương án GH (giảm do chết)',
        'date of death only with plan GH',
      );
  }
  if (row.livingArea && !(LIVING_AREAS as readonly string[]).includes(row.livingArea))
    err('livingArea', 'LIVING_AREA', 'phải là K1, K2, K3 hoặc để trống', 'must be K1, K2, K3 or empty');
  if (row.benefitLevel && !isBenefitLevel(row.benefitLevel))
    err('benefitLevel', 'BENEFIT_LEVEL', 'phải từ 1 đến 5', 'must be 1 to 5');
  if (row.hospital.province && !/^\d{2}$/.test(row.hospital.province))
    err('hospital.province', 'FORMAT', 'mã tỉnh gồm 2 chữ số', 'province code is 2 digits');
  if (row.hospital.code && !/^\d{3}(\d{2})?$/.test(row.hospital.code))
    err('hospital.code', 'FORMAT', 'mã bệnh viện gồm 3 hoặc 5 chữ số', 'hospital code is 3 or 5 digits');
}
