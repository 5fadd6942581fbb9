import type { Draft, DraftRow } from '../draft/schema';
import { formatMoney } from '../format';
import type { ProblemList } from './draft-problems';

/**
 * The forms' numeric fields hold plain decimals (TienLuong, PhuCap…: the .NET serializer's integers and dotted
 * coefficients). A number JavaScript would print in exponent form (`3.5e+58`, `1e-7`) or beyond a monthly amount
 * any payroll can have is refused here, with the field named, instead of reaching the XML (issue #12, item 7).
 */
export const MAX_AMOUNT = 999_999_999_999;
/** Percent allowances (PhuCapTNVK, PhuCapTNNghe) are percentages. */
export const MAX_PERCENT = 100;
/** Counts on the cover (đợt, tờ, thẻ): four digits are already more than any unit files. */
export const MAX_COUNT = 9_999;

const printsPlain = (n: number) => Number.isFinite(n) && !/e/i.test(String(n));

const ROW_FIELDS: readonly { field: string; value: (r: DraftRow) => number | undefined; max: number }[] = [
  { field: 'salary', value: (r) => r.salary, max: MAX_AMOUNT },
  { field: 'previousSalary', value: (r) => r.previousSalary, max: MAX_AMOUNT },
  { field: 'allowances.position', value: (r) => r.allowances.position, max: MAX_AMOUNT },
  { field: 'allowances.salary', value: (r) => r.allowances.salary, max: MAX_AMOUNT },
  { field: 'allowances.other', value: (r) => r.allowances.other, max: MAX_AMOUNT },
  { field: 'allowances.seniorityExcessPct', value: (r) => r.allowances.seniorityExcessPct, max: MAX_PERCENT },
  { field: 'allowances.seniorityJobPct', value: (r) => r.allowances.seniorityJobPct, max: MAX_PERCENT },
];

/** Range of every number of one row; returns true when all are writable (the other money rules can then run). */
export function checkRowNumbers(p: ProblemList, row: DraftRow, i: number): boolean {
  let ok = true;
  for (const f of ROW_FIELDS) {
    const v = f.value(row);
    if (v === undefined) continue;
    if (!printsPlain(v) || Math.abs(v) > f.max) {
      ok = false;
      const limit = f.max === MAX_PERCENT ? `${MAX_PERCENT} %` : formatMoney(f.max);
      p.row(
        i,
        row.fullName,
        f.field,
        'NUMBER_OUT_OF_RANGE',
        `giá trị ${String(v)} vượt quá giới hạn của mẫu (tối đa ${limit}); hãy nhập đúng số`,
        `value ${String(v)} is beyond the form's range (at most ${f.max}); enter the real figure`,
      );
    }
  }
  return ok;
}

/** The draft-level counts (đợt and the attachment counts of the cover). */
export function checkDraftNumbers(p: ProblemList, draft: Draft): void {
  const counts: [string, number | undefined][] = [['batch', draft.batch]];
  if (draft.sheet) for (const [k, v] of Object.entries(draft.sheet)) counts.push([`sheet.${k}`, v]);
  for (const [field, v] of counts) {
    if (v !== undefined && (!printsPlain(v) || v > MAX_COUNT))
      p.top(
        field,
        'NUMBER_OUT_OF_RANGE',
        `giá trị ${String(v)} vượt quá giới hạn (tối đa ${MAX_COUNT})`,
        `value ${String(v)} is out of range (at most ${MAX_COUNT})`,
      );
  }
}
