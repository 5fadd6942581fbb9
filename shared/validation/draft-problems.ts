import type { FieldProblem } from '../contract/result';

/** Vietnamese labels of the draft fields, as the clerk sees them in the grid and on the paper form. */
export const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  plan: { vi: 'Phương án', en: 'Plan' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  insuranceNo: { vi: 'Mã số BHXH', en: 'Social-insurance number' },
  birthDate: { vi: 'Ngày sinh', en: 'Birth date' },
  gender: { vi: 'Giới tính', en: 'Gender' },
  idNumber: { vi: 'Số CCCD/CMND', en: 'ID number' },
  nationality: { vi: 'Quốc tịch', en: 'Nationality' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  position: { vi: 'Chức vụ, chức danh nghề', en: 'Position' },
  workplace: { vi: 'Nơi làm việc', en: 'Workplace' },
  salary: { vi: 'Tiền lương', en: 'Salary' },
  previousSalary: { vi: 'Tiền lương trước điều chỉnh', en: 'Previous salary' },
  'allowances.position': { vi: 'Phụ cấp chức vụ', en: 'Position allowance' },
  'allowances.seniorityExcessPct': {
    vi: 'Phụ cấp thâm niên vượt khung (%)',
    en: 'Seniority-beyond-scale allowance (%)',
  },
  'allowances.seniorityJobPct': { vi: 'Phụ cấp thâm niên nghề (%)', en: 'Job seniority allowance (%)' },
  'allowances.salary': { vi: 'Phụ cấp lương', en: 'Salary allowance' },
  'allowances.other': { vi: 'Các khoản bổ sung', en: 'Other supplements' },
  fromMonth: { vi: 'Từ tháng', en: 'From month' },
  toMonth: { vi: 'Đến tháng', en: 'To month' },
  wageRegion: { vi: 'Vùng lương tối thiểu', en: 'Wage region' },
  'contract.number': { vi: 'Số hợp đồng lao động', en: 'Contract number' },
  'contract.signedOn': { vi: 'Ngày ký hợp đồng', en: 'Contract date' },
  'contract.from': { vi: 'Hợp đồng từ ngày', en: 'Contract start' },
  'contract.to': { vi: 'Hợp đồng đến ngày', en: 'Contract end' },
  note: { vi: 'Ghi chú', en: 'Note' },
  deathDate: { vi: 'Ngày chết', en: 'Date of death' },
  livingArea: { vi: 'Vùng sinh sống', en: 'Living area' },
  benefitLevel: { vi: 'Mức hưởng BHYT', en: 'Health benefit level' },
  'hospital.province': { vi: 'Tỉnh nơi KCB ban đầu', en: 'Hospital province' },
  'hospital.code': { vi: 'Nơi KCB ban đầu', en: 'Primary hospital' },
  'unit.code': { vi: 'Mã đơn vị', en: 'Unit code' },
  'unit.name': { vi: 'Tên đơn vị', en: 'Unit name' },
  'unit.taxCode': { vi: 'Mã số thuế', en: 'Tax code' },
  'unit.agencyCode': { vi: 'Mã cơ quan BHXH', en: 'BHXH agency code' },
  'unit.wageRegion': { vi: 'Vùng lương tối thiểu của đơn vị', en: 'Unit wage region' },
  'unit.signer': { vi: 'Người ký', en: 'Signer' },
  period: { vi: 'Kỳ kê khai', en: 'Period' },
  batch: { vi: 'Đợt', en: 'Batch' },
  createdOn: { vi: 'Ngày lập', en: 'Creation date' },
  ivan: { vi: 'Mã I-VAN', en: 'I-VAN code' },
  rows: { vi: 'Danh sách lao động', en: 'Employee rows' },
};

/** Collects problems; row problems are prefixed "Dòng n (Họ tên), <field>: …" so each message names its place. */
export class ProblemList {
  readonly items: FieldProblem[] = [];

  row(
    index: number,
    name: string,
    field: string,
    code: string,
    vi: string,
    en: string,
    severity: 'error' | 'warning' = 'error',
  ): void {
    const label = FIELD_LABELS[field] ?? { vi: field, en: field };
    const who = name.trim() ? ` (${name.trim()})` : '';
    this.items.push({
      row: index,
      field: `rows[${index}].${field}`,
      code,
      severity,
      message: `Dòng ${index + 1}${who}, ${label.vi}: ${vi}`,
      messageEn: `Row ${index + 1}${who}, ${label.en}: ${en}`,
    });
  }

  top(field: string, code: string, vi: string, en: string, severity: 'error' | 'warning' = 'error'): void {
    const label = FIELD_LABELS[field] ?? { vi: field, en: field };
    this.items.push({ field, code, severity, message: `${label.vi}: ${vi}`, messageEn: `${label.en}: ${en}` });
  }
}

export function errorCount(problems: readonly FieldProblem[]): number {
  return problems.filter((p) => p.severity !== 'warning').length;
}
