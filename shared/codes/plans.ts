/**
 * Phương án (PA) codes of form D02-TS, procedure 600.
 * Source: docs reference §3.1 — labels as in vuongtaquoc/insurrance-webapp `src/app/shared/constant-valid.ts`
 * and the Thái Sơn `phuong_an` enum; the set is closed ("don't invent more codes").
 */

/** A contribution fund, as the C12-TS statement and the rate tables split them. */
export type Fund = 'pension' | 'sickness' | 'accident' | 'health' | 'unemployment';
export const ALL_FUNDS: readonly Fund[] = ['pension', 'sickness', 'accident', 'health', 'unemployment'];

export type PlanKind = 'increase' | 'decrease' | 'adjust';
/** Loại khai báo: 1 tăng lao động, 2 tăng mức lương, 3 giảm lao động, 4 giảm mức lương, 5 khác. */
export type Loai = 1 | 2 | 3 | 4 | 5;
export const LOAI_NAMES: Readonly<Record<Loai, string>> = {
  1: 'Tăng lao động',
  2: 'Tăng mức lương',
  3: 'Giảm lao động',
  4: 'Giảm mức lương',
  5: 'Khác',
};

export interface PlanCode {
  code: string;
  name: string;
  nameEn: string;
  kind: PlanKind;
  /** Funds the row moves. A BHYT-only row (TT/TU) moves health only, TV/GV only the pension fund. */
  funds: readonly Fund[];
  /**
   * `D02-TS/LaoDong/Loai` by the direction of the change (vnpt-template.md, sheet `Tổng hợp `; bhxh-domain.md
   * addendum 2 item 1): 1 tăng lao động, 2 tăng mức lương, 3 giảm lao động, 4 giảm mức lương, 5 khác. For DC this is
   * the raise; `loaiOf` gives 4 for a cut and 5 when the salary does not change.
   */
  loai: Loai;
  /**
   * How the row changes the unit's monthly amount (bhxh-domain.md addendum 2 item 4): `add` the person's
   * contribution to the plan's funds, `remove` it, or `change` it by the difference between `salary` and
   * `previousSalary` (never the whole new salary).
   */
  effect: 'add' | 'remove' | 'change';
  /** Note template for `Ghichu`; {0} contract number, {1} contract date (WEBAPP constant-valid.ts). */
  noteTemplate: string;
  /** The plan needs a contract / appendix number (TM "HĐLĐ số {0} ngày {1}", DC needs appendix no.). */
  needsContract: boolean;
  /** The plan needs an existing mã số BHXH (a person cannot be decreased or adjusted without one). */
  needsInsuranceNo: boolean;
  /** Back-dated plans (AD, SB): the to-month must be before the period. */
  backDated: boolean;
}

const ALL = ALL_FUNDS;

export const PLANS: readonly PlanCode[] = [
  {
    code: 'TM',
    name: 'Tăng mới',
    nameEn: 'New participant',
    kind: 'increase',
    funds: ALL,
    loai: 1,
    effect: 'add',
    noteTemplate: 'HĐLĐ số {0} ngày {1}',
    needsContract: true,
    needsInsuranceNo: false,
    backDated: false,
  },
  {
    code: 'TC',
    name: 'Tăng do chuyển tỉnh',
    nameEn: 'Increase: moved from another province',
    kind: 'increase',
    funds: ALL,
    loai: 1,
    effect: 'add',
    noteTemplate: 'HĐLĐ số {0} ngày {1}',
    needsContract: true,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'TD',
    name: 'Tăng do chuyển đơn vị',
    nameEn: 'Increase: moved from another unit',
    kind: 'increase',
    funds: ALL,
    loai: 1,
    effect: 'add',
    noteTemplate: 'HĐLĐ số {0} ngày {1}',
    needsContract: true,
    needsInsuranceNo: true,
    backDated: false,
  },
  // HĐLĐ from 1 to under 3 months. Its funds depend on the month (RULES.shortContractFunds: refused before 2018,
  // BHXH + TNLĐ-BNN from 2018, + BHYT from 07/2025, + BHTN from 2026); `funds` is the widest set, narrowed by
  // `planFunds` in shared/contributions/engine.ts.
  {
    code: 'TH',
    name: 'Tăng – HĐLĐ từ 1 đến dưới 3 tháng',
    nameEn: 'Increase: contract of 1 to under 3 months',
    kind: 'increase',
    funds: ALL,
    loai: 1,
    effect: 'add',
    noteTemplate: 'HĐLĐ dưới 3 tháng số {0} ngày {1}',
    needsContract: true,
    needsInsuranceNo: false,
    backDated: false,
  },
  {
    code: 'AD',
    name: 'Tăng nguyên lương (truy tăng)',
    nameEn: 'Back-dated increase',
    kind: 'increase',
    funds: ALL,
    loai: 2,
    effect: 'add',
    noteTemplate: 'Truy tăng theo HĐLĐ số {0} ngày {1}',
    needsContract: true,
    needsInsuranceNo: false,
    backDated: true,
  },
  {
    code: 'AT',
    name: 'Truy đóng theo mức lương cơ sở',
    nameEn: 'Back payment at the base salary',
    kind: 'increase',
    funds: ALL,
    loai: 2,
    effect: 'add',
    noteTemplate: 'Truy đóng theo văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: false,
    backDated: true,
  },
  {
    code: 'TT',
    name: 'Tăng BHYT (truy thu BHYT)',
    nameEn: 'Health insurance increase',
    kind: 'increase',
    funds: ['health'],
    loai: 2,
    effect: 'add',
    noteTemplate: 'Truy thu BHYT',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'TU',
    name: 'Giảm BHYT',
    nameEn: 'Health insurance decrease',
    kind: 'decrease',
    funds: ['health'],
    loai: 4,
    effect: 'remove',
    noteTemplate: 'Giảm BHYT',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'DC',
    name: 'Điều chỉnh tiền lương',
    nameEn: 'Salary adjustment',
    kind: 'adjust',
    funds: ALL,
    loai: 2,
    effect: 'change',
    noteTemplate: 'Phụ lục HĐLĐ số {0} ngày {1}',
    needsContract: true,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'CD',
    name: 'Điều chỉnh chức danh',
    nameEn: 'Job title adjustment',
    kind: 'adjust',
    funds: ALL,
    loai: 5,
    effect: 'change',
    noteTemplate: 'Quyết định số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'DL',
    name: 'Điều chỉnh tham gia BHTNLĐ-BNN',
    nameEn: 'Occupational accident insurance adjustment',
    kind: 'adjust',
    funds: ['accident'],
    loai: 2,
    effect: 'add',
    noteTemplate: 'Văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'DN',
    name: 'Điều chỉnh tham gia BHTN',
    nameEn: 'Unemployment insurance adjustment',
    kind: 'adjust',
    funds: ['unemployment'],
    loai: 2,
    effect: 'add',
    noteTemplate: 'Văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'TV',
    name: 'Tăng quỹ HTTT',
    nameEn: 'Pension fund increase',
    kind: 'increase',
    funds: ['pension'],
    loai: 1,
    effect: 'add',
    noteTemplate: 'Văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'GV',
    name: 'Giảm quỹ HTTT',
    nameEn: 'Pension fund decrease',
    kind: 'decrease',
    funds: ['pension'],
    loai: 3,
    effect: 'remove',
    noteTemplate: 'Văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'GH',
    name: 'Giảm hẳn',
    nameEn: 'Leaving',
    kind: 'decrease',
    funds: ALL,
    loai: 3,
    effect: 'remove',
    noteTemplate: 'Quyết định nghỉ việc số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'GC',
    name: 'Giảm do chuyển tỉnh',
    nameEn: 'Decrease: moving to another province',
    kind: 'decrease',
    funds: ALL,
    loai: 3,
    effect: 'remove',
    noteTemplate: 'Quyết định số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'GD',
    name: 'Giảm do chuyển đơn vị',
    nameEn: 'Decrease: moving to another unit',
    kind: 'decrease',
    funds: ALL,
    loai: 3,
    effect: 'remove',
    noteTemplate: 'Quyết định số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'SB',
    name: 'Giảm nguyên lương (truy giảm)',
    nameEn: 'Back-dated decrease',
    kind: 'decrease',
    funds: ALL,
    loai: 4,
    effect: 'remove',
    noteTemplate: 'Truy giảm theo văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: true,
  },
  {
    code: 'OF',
    name: 'Nghỉ ốm',
    nameEn: 'Sick leave (14 days or more)',
    kind: 'decrease',
    funds: ALL,
    loai: 3,
    effect: 'remove',
    noteTemplate: 'Nghỉ ốm',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'KL',
    name: 'Nghỉ không lương',
    nameEn: 'Unpaid leave',
    kind: 'decrease',
    funds: ALL,
    loai: 3,
    effect: 'remove',
    noteTemplate: 'Nghỉ không lương',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'TS',
    name: 'Nghỉ thai sản',
    nameEn: 'Maternity leave',
    kind: 'decrease',
    funds: ALL,
    loai: 3,
    effect: 'remove',
    noteTemplate: 'Nghỉ thai sản',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  // From the VNPT-BHXH workbook (vnpt-template.md; bhxh-domain.md addendum 2 item 2); GN and GL also in another public client.
  {
    code: 'DV',
    name: 'Truy đóng HTTT',
    nameEn: 'Back payment to the pension fund',
    kind: 'increase',
    funds: ['pension'],
    loai: 2,
    effect: 'add',
    noteTemplate: 'Truy đóng HTTT theo văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: true,
  },
  {
    code: 'TL',
    name: 'Tăng tham gia TNLĐ, BNN',
    nameEn: 'Joins occupational accident insurance',
    kind: 'increase',
    funds: ['accident'],
    loai: 1,
    effect: 'add',
    noteTemplate: 'Văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'TN',
    name: 'Tăng tham gia thất nghiệp',
    nameEn: 'Joins unemployment insurance',
    kind: 'increase',
    funds: ['unemployment'],
    loai: 2,
    effect: 'add',
    noteTemplate: 'Văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'GN',
    name: 'Giảm tham gia thất nghiệp',
    nameEn: 'Leaves unemployment insurance',
    kind: 'decrease',
    funds: ['unemployment'],
    loai: 4,
    effect: 'remove',
    noteTemplate: 'Văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'GL',
    name: 'Giảm tham gia TNLĐ, BNN',
    nameEn: 'Leaves occupational accident insurance',
    kind: 'decrease',
    funds: ['accident'],
    loai: 4,
    effect: 'remove',
    noteTemplate: 'Văn bản số {0} ngày {1}',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
  {
    code: 'ON',
    name: 'Đi làm lại',
    nameEn: 'Back to work',
    kind: 'increase',
    funds: ALL,
    loai: 1,
    effect: 'add',
    noteTemplate: 'Đi làm lại',
    needsContract: false,
    needsInsuranceNo: true,
    backDated: false,
  },
];

const byCode = new Map(PLANS.map((p) => [p.code, p]));

export const PLAN_CODES = PLANS.map((p) => p.code) as readonly string[];

export function planByCode(code: string): PlanCode | undefined {
  return byCode.get(code);
}

/**
 * `Loai` of one row by the direction of its change: the plan's own value, except a salary change (`effect`
 * `change`), which is 2 for a raise, 4 for a cut and 5 when the salary stays (title change) — a DC without a known
 * previous salary keeps 2 (validation warns).
 */
export function loaiOf(plan: PlanCode, row: { salary: number; previousSalary?: number | null }): Loai {
  if (plan.effect !== 'change') return plan.loai;
  const prev = row.previousSalary;
  if (prev === undefined || prev === null || !(prev > 0)) return plan.code === 'DC' ? 2 : plan.loai;
  return row.salary > prev ? 2 : row.salary < prev ? 4 : 5;
}

/** `HĐLĐ số 12/2015 ngày 01/10/2015` from the plan's template. */
export function composeNote(plan: PlanCode, number: string, date: string): string {
  if (!plan.noteTemplate.includes('{0}')) return plan.noteTemplate;
  if (!number) return '';
  return plan.noteTemplate.replace('{0}', number).replace(' ngày {1}', date ? ` ngày ${date}` : '');
}
