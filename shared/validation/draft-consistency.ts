import type { FieldProblem } from '../contract/result';
import { planByCode } from '../codes/plans';
import type { Draft } from '../draft/schema';
import { ProblemList } from './draft-problems';

/** Whether a person is currently participating through this unit, per the roster and earlier submitted dossiers. */
export interface PersonState {
  active: boolean;
  /** Where the state comes from, for the message, e.g. "hồ sơ kỳ 09/2015 đợt 1" or "danh sách lao động". */
  source: string;
}

/** Another open dossier (not yet accepted/rejected/cancelled) of the same unit and period. */
export interface OpenDossier {
  id: string;
  period: string;
  batch: number;
  insuranceNos: readonly string[];
}

/** Plans that start participation in the unit / end it (TM … ON vs GH … TS). Fund-only rows (TT, TU, TV, GV) are neutral. */
const STARTS = new Set(['TM', 'TC', 'TD', 'TH', 'ON', 'AD']);
const ENDS = new Set(['GH', 'GC', 'GD', 'OF', 'KL', 'TS', 'SB']);

/**
 * Roster and draft stay consistent: nobody is decreased twice or increased while already active in the unit, and the
 * same mã số in two open dossiers of the same period is flagged (a warning: hired and leaving in one month is real).
 */
export function checkConsistency(
  draft: Draft,
  states: ReadonlyMap<string, PersonState>,
  others: readonly OpenDossier[],
): FieldProblem[] {
  const p = new ProblemList();
  draft.rows.forEach((row, i) => {
    const plan = planByCode(row.plan);
    if (!plan || !row.insuranceNo) return;
    const st = states.get(row.insuranceNo);
    if (st && STARTS.has(plan.code) && st.active) {
      p.row(
        i,
        row.fullName,
        'plan',
        'INCREASE_WHILE_ACTIVE',
        `${row.insuranceNo} đang tham gia tại đơn vị (${st.source}), không thể báo tăng ${plan.code}`,
        `${row.insuranceNo} is already active in the unit (${st.source}); cannot increase`,
      );
    }
    if (st && ENDS.has(plan.code) && !st.active) {
      p.row(
        i,
        row.fullName,
        'plan',
        'DECREASE_TWICE',
        `${row.insuranceNo} đã được báo giảm (${st.source}), không thể báo giảm ${plan.code} lần nữa`,
        `${row.insuranceNo} was already decreased (${st.source})`,
      );
    }
    for (const o of others) {
      if (o.insuranceNos.includes(row.insuranceNo)) {
        p.row(
          i,
          row.fullName,
          'insuranceNo',
          'IN_OTHER_OPEN_DOSSIER',
          `${row.insuranceNo} cũng có trong hồ sơ đang mở kỳ ${o.period} đợt ${o.batch}`,
          `${row.insuranceNo} is also in the open dossier ${o.period} batch ${o.batch}`,
          'warning',
        );
      }
    }
  });
  return p.items;
}
