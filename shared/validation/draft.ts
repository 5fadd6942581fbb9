import type { FieldProblem } from '../contract/result';
import { IVAN_NAMES } from '../codes/ivan-providers';
import { planByCode } from '../codes/plans';
import { parseDraft } from '../draft/parse';
import type { Draft } from '../draft/schema';
import { parseDmy } from '../format';
import { validateAgencyCode, validateMst, validateUnitCode, validateWageRegion } from '../identity';
import { rulesFor } from '../rules/lookup';
import { isoMonth } from '../rules/month';
import { errorCount, ProblemList } from './draft-problems';
import { validateRow } from './draft-row';
import { checkDraftNumbers } from './number-range';

export interface DraftValidation {
  /** True when no error remains (warnings allowed): only then may the dossier be signed. */
  ok: boolean;
  errors: number;
  warnings: number;
  problems: FieldProblem[];
}

export function summarize(problems: FieldProblem[]): DraftValidation {
  const errors = errorCount(problems);
  return { ok: errors === 0, errors, warnings: problems.length - errors, problems };
}

/** Every rule of a parsed draft: unit, period, each row, and duplicates inside the draft. */
export function validateParsedDraft(draft: Draft): DraftValidation {
  const p = new ProblemList();
  const u = draft.unit;
  const check = (field: string, r: { ok: boolean; code?: string; reason?: string; reasonEn?: string }) => {
    if (!r.ok) p.top(field, r.code ?? 'FORMAT', r.reason ?? 'không hợp lệ', r.reasonEn ?? 'invalid');
  };
  check('unit.code', validateUnitCode(u.code));
  if (!u.name.trim()) p.top('unit.name', 'REQUIRED', 'bắt buộc nhập', 'required');
  if (!u.taxCode) p.top('unit.taxCode', 'REQUIRED', 'bắt buộc nhập', 'required');
  else check('unit.taxCode', validateMst(u.taxCode));
  if (!u.agencyCode) p.top('unit.agencyCode', 'REQUIRED', 'bắt buộc nhập', 'required');
  else check('unit.agencyCode', validateAgencyCode(u.agencyCode));
  check('unit.wageRegion', validateWageRegion(u.wageRegion));
  if (!u.signer.trim())
    p.top('unit.signer', 'REQUIRED', 'nên ghi tên người ký', 'the signer name should be given', 'warning');

  const period = isoMonth(draft.period);
  if (!period)
    p.top('period', 'MONTH_FORMAT', `"${draft.period}" không phải tháng mm/yyyy`, `"${draft.period}" is not mm/yyyy`);
  else {
    try {
      rulesFor(period);
    } catch {
      p.top('period', 'NO_RULES', 'kỳ kê khai phải từ 01/2015', 'the period must be 01/2015 or later');
    }
  }
  if (!parseDmy(draft.createdOn))
    p.top(
      'createdOn',
      'DATE_FORMAT',
      `"${draft.createdOn}" không phải ngày dd/mm/yyyy`,
      `"${draft.createdOn}" is not dd/mm/yyyy`,
    );
  if (!/^\d{5}$/.test(draft.ivan)) p.top('ivan', 'IVAN_FORMAT', 'mã I-VAN gồm 5 chữ số', 'the I-VAN code is 5 digits');
  else if (!IVAN_NAMES[draft.ivan])
    p.top(
      'ivan',
      'IVAN_UNKNOWN',
      `mã I-VAN ${draft.ivan} không có trong danh sách của BHXH`,
      `I-VAN ${draft.ivan} is not on the BHXH list`,
      'warning',
    );
  if (draft.rows.length === 0) p.top('rows', 'NO_ROWS', 'hồ sơ chưa có dòng nào', 'the dossier has no rows');

  checkDraftNumbers(p, draft);
  draft.rows.forEach((row, i) => validateRow(p, draft, row, i, period));

  // The same person twice in one direction (two increases, two decreases) within the draft.
  const seen = new Map<string, number>();
  draft.rows.forEach((row, i) => {
    const plan = planByCode(row.plan);
    if (!plan) return;
    for (const [field, value] of [
      ['insuranceNo', row.insuranceNo],
      ['idNumber', row.idNumber],
    ] as const) {
      if (!value) continue;
      const key = `${plan.kind}:${field}:${value}:${plan.funds.join()}`;
      const first = seen.get(key);
      if (first !== undefined) {
        p.row(
          i,
          row.fullName,
          field,
          'DUPLICATE_IN_DRAFT',
          `${value} đã có ở dòng ${first + 1} với cùng loại phương án`,
          `${value} already appears on row ${first + 1} with the same kind of plan`,
        );
      } else seen.set(key, i);
    }
  });
  return summarize(p.items);
}

/** Shape and rules in one call: a draft that fails the shape check reports those problems only. */
export function validateDraft(input: unknown): DraftValidation & { draft?: Draft } {
  const parsed = parseDraft(input);
  if (!parsed.ok) return { ...summarize(parsed.problems), ok: false };
  return { ...validateParsedDraft(parsed.draft), draft: parsed.draft };
}
