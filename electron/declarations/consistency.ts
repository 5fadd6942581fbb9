import type Database from 'better-sqlite3';
import type { FieldProblem } from '../../shared/contract/result';
import { planByCode } from '../../shared/codes/plans';
import type { Draft } from '../../shared/draft/schema';
import { isoMonth } from '../../shared/rules/month';
import { checkConsistency, type PersonState } from '../../shared/validation/draft-consistency';
import { parseDraft } from '../../shared/draft/parse';

const STARTS = new Set(['TM', 'TC', 'TD', 'TH', 'ON', 'AD']);
const ENDS = new Set(['GH', 'GC', 'GD', 'OF', 'KL', 'TS', 'SB']);

/**
 * Who is active in the unit before this period, replayed from the dossiers already signed or submitted
 * (rejected and cancelled ones never took effect). The roster's current status is not used: it already shows this
 * month's change the draft is declaring.
 */
export function personStates(
  db: Database.Database,
  unitCode: string,
  period: string,
  exceptId?: string,
): Map<string, PersonState> {
  const key = isoMonth(period);
  const states = new Map<string, PersonState>();
  if (!key) return states;
  const rows = db
    .prepare(
      `SELECT * FROM dossiers WHERE unit_code = ? AND state IN ('signed', 'queued', 'sent', 'received', 'accepted')
         AND (period_key < ? OR (period_key = ? AND state = 'accepted')) AND id <> ? ORDER BY period_key, batch, created_at`,
    )
    .all(unitCode, key, key, exceptId ?? '') as { id: string; period: string; batch: number; draft: string }[];
  for (const r of rows) {
    const parsed = parseDraft(JSON.parse(r.draft));
    if (!parsed.ok) continue;
    for (const row of parsed.draft.rows) {
      const plan = planByCode(row.plan);
      if (!plan || !row.insuranceNo) continue;
      const source = `hồ sơ kỳ ${r.period} đợt ${r.batch}`;
      if (STARTS.has(plan.code)) states.set(row.insuranceNo, { active: true, source });
      else if (ENDS.has(plan.code)) states.set(row.insuranceNo, { active: false, source });
    }
  }
  return states;
}

/** Roster/draft consistency and the "same mã số in two open dossiers of the same period" check. */
export function consistencyProblems(db: Database.Database, draft: Draft, dossierId?: string): FieldProblem[] {
  const others = (
    db
      .prepare(
        `SELECT id, period, batch, insurance_numbers FROM dossiers WHERE unit_code = ? AND period = ? AND state NOT IN ('accepted', 'rejected', 'cancelled') AND id <> ?`,
      )
      .all(draft.unit.code, draft.period, dossierId ?? '') as {
      id: string;
      period: string;
      batch: number;
      insurance_numbers: string;
    }[]
  ).map((o) => ({
    id: o.id,
    period: o.period,
    batch: o.batch,
    insuranceNos: JSON.parse(o.insurance_numbers) as string[],
  }));
  return checkConsistency(draft, personStates(db, draft.unit.code, draft.period, dossierId), others);
}
