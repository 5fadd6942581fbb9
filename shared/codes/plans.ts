/**
 * Phương án (PA) codes of form D02-TS, procedure 600.
 * Source: docs reference §3.1 — labels as in vuongtaquoc/insurrance-webapp `src/app/shared/constant-valid.ts`
 * and the Thái Sơn `phuong_an` enum; the set is closed ("don't invent more codes").
 */

/** A contribution fund, as the C12-TS statement and the rate tables split them. */
export type Fund = 'pension' | 'sickness' | 'accident' | 'health' | 'unemployment';
export const ALL_FUNDS: readonly Fund[] = ['pension', 'sickness', 'accident', 'health', 'unemployment'];

export type PlanKind = 'increase' | 'decrease' | 'adjust';

export interface PlanCode {
  code: string;
  name: string;
  nameEn: string;
  kind: PlanKind;
  /** Funds the row moves. A BHYT-only row (TT/TU) moves health only, TV/GV only the pension fund. */
  funds: readonly Fund[];
  /** `D02-TS/LaoDong/Loai`: 1 = tăng, 2 = giảm / điều chỉnh [INFERENCE, reference §1.3]. */
  loai: 1 | 2;
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
const NO_BHTN: readonly Fund[] = ['pension', 'sickness', 'accident', 'health'];

export const PLANS: readonly PlanCode[] = [
  { code: 'TM', name: 'Tăng mới', nameEn: 'New participant', kind: 'increase', funds: ALL, loai: 1, noteTemplate: 'HĐLĐ số {0} ngày {1}', needsContract: true, needsInsuranceNo: false, backDated: false },
  { code: 'TC', name: 'Tăng do chuyển tỉnh', nameEn: 'Increase: moved from another province', kind: 'increase', funds: ALL, loai: 1, noteTemplate: 'HĐLĐ số {0} ngày {1}', needsContract: true, needsInsuranceNo: true, backDated: false },
  { code: 'TD', name: 'Tăng do chuyển đơn vị', nameEn: 'Increase: moved from another unit', kind: 'increase', funds: ALL, loai: 1, noteTemplate: 'HĐLĐ số {0} ngày {1}', needsContract: true, needsInsuranceNo: true, backDated: false },
  // HĐLĐ under 3 months: no BHTN (Luật Việc làm 2013 Điều 43 — BHTN from contracts of 3 months).
  { code: 'TH', name: 'Tăng – HĐLĐ dưới 3 tháng', nameEn: 'Increase: contract under 3 months', kind: 'increase', funds: NO_BHTN, loai: 1, noteTemplate: 'HĐLĐ dưới 3 tháng số {0} ngày {1}', needsContract: true, needsInsuranceNo: false, backDated: false },
  { code: 'AD', name: 'Tăng nguyên lương (truy tăng)', nameEn: 'Back-dated increase', kind: 'increase', funds: ALL, loai: 1, noteTemplate: 'Truy tăng theo HĐLĐ số {0} ngày {1}', needsContract: true, needsInsuranceNo: false, backDated: true },
  { code: 'AT', name: 'Truy đóng theo mức lương cơ sở', nameEn: 'Back payment at the base salary', kind: 'increase', funds: ALL, loai: 1, noteTemplate: 'Truy đóng theo văn bản số {0} ngày {1}', needsContract: false, needsInsuranceNo: false, backDated: true },
  { code: 'TT', name: 'Tăng BHYT (truy thu BHYT)', nameEn: 'Health insurance increase', kind: 'increase', funds: ['health'], loai: 1, noteTemplate: 'Truy thu BHYT', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'TU', name: 'Giảm BHYT', nameEn: 'Health insurance decrease', kind: 'decrease', funds: ['health'], loai: 2, noteTemplate: 'Giảm BHYT', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'DC', name: 'Điều chỉnh tiền lương', nameEn: 'Salary adjustment', kind: 'adjust', funds: ALL, loai: 2, noteTemplate: 'Phụ lục HĐLĐ số {0} ngày {1}', needsContract: true, needsInsuranceNo: true, backDated: false },
  { code: 'CD', name: 'Điều chỉnh chức danh', nameEn: 'Job title adjustment', kind: 'adjust', funds: ALL, loai: 2, noteTemplate: 'Quyết định số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'DL', name: 'Điều chỉnh tham gia BHTNLĐ-BNN', nameEn: 'Occupational accident insurance adjustment', kind: 'adjust', funds: ['accident'], loai: 2, noteTemplate: 'Văn bản số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'DN', name: 'Điều chỉnh tham gia BHTN', nameEn: 'Unemployment insurance adjustment', kind: 'adjust', funds: ['unemployment'], loai: 2, noteTemplate: 'Văn bản số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'TV', name: 'Tăng quỹ HTTT', nameEn: 'Pension fund increase', kind: 'increase', funds: ['pension'], loai: 1, noteTemplate: 'Văn bản số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'GV', name: 'Giảm quỹ HTTT', nameEn: 'Pension fund decrease', kind: 'decrease', funds: ['pension'], loai: 2, noteTemplate: 'Văn bản số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'GH', name: 'Giảm hẳn', nameEn: 'Leaving', kind: 'decrease', funds: ALL, loai: 2, noteTemplate: 'Quyết định nghỉ việc số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'GC', name: 'Giảm do chuyển tỉnh', nameEn: 'Decrease: moving to another province', kind: 'decrease', funds: ALL, loai: 2, noteTemplate: 'Quyết định số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'GD', name: 'Giảm do chuyển đơn vị', nameEn: 'Decrease: moving to another unit', kind: 'decrease', funds: ALL, loai: 2, noteTemplate: 'Quyết định số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'SB', name: 'Giảm nguyên lương (truy giảm)', nameEn: 'Back-dated decrease', kind: 'decrease', funds: ALL, loai: 2, noteTemplate: 'Truy giảm theo văn bản số {0} ngày {1}', needsContract: false, needsInsuranceNo: true, backDated: true },
  { code: 'OF', name: 'Nghỉ ốm', nameEn: 'Sick leave (14 days or more)', kind: 'decrease', funds: ALL, loai: 2, noteTemplate: 'Nghỉ ốm', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'KL', name: 'Nghỉ không lương', nameEn: 'Unpaid leave', kind: 'decrease', funds: ALL, loai: 2, noteTemplate: 'Nghỉ không lương', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'TS', name: 'Nghỉ thai sản', nameEn: 'Maternity leave', kind: 'decrease', funds: ALL, loai: 2, noteTemplate: 'Nghỉ thai sản', needsContract: false, needsInsuranceNo: true, backDated: false },
  { code: 'ON', name: 'Đi làm lại', nameEn: 'Back to work', kind: 'increase', funds: ALL, loai: 1, noteTemplate: 'Đi làm lại', needsContract: false, needsInsuranceNo: true, backDated: false },
];

const byCode = new Map(PLANS.map((p) => [p.code, p]));

export const PLAN_CODES = PLANS.map((p) => p.code) as readonly string[];

export function planByCode(code: string): PlanCode | undefined {
  return byCode.get(code);
}

/** +1 increase, −1 decrease, +1 adjustment (the row carries the new salary). */
export function planSign(plan: PlanCode): 1 | -1 {
  return plan.kind === 'decrease' ? -1 : 1;
}

/** `HĐLĐ số 12/2015 ngày 01/10/2015` from the plan's template. */
export function composeNote(plan: PlanCode, number: string, date: string): string {
  if (!plan.noteTemplate.includes('{0}')) return plan.noteTemplate;
  if (!number) return '';
  return plan.noteTemplate.replace('{0}', number).replace(' ngày {1}', date ? ` ngày ${date}` : '');
}
