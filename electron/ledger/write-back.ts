import type Database from 'better-sqlite3';
import { planByCode } from '../../shared/codes/plans';
import { isoMonth } from '../../shared/rules/month';
import { prevMonth } from '../../shared/ledger/working-days';
import { getDossier } from '../declarations/dossier-repo';
import { UnitPeople } from './unit-people';

/**
 * An accepted dossier becomes what BHXH knows: its D02-TS rows are written into the ledger (participation from a TM's
 * TuThang, ended by a GH, absences, salaries from a DC) and the mã số BHXH that BHXH assigned to new participants are
 * written onto the roster. Idempotent: a dossier's earlier write-back is replaced.
 */

export interface AssignedNumber {
  idNumber: string;
  fullName: string;
  insuranceNo: string;
}

const ABSENCE: Record<string, 'maternity' | 'sick' | 'unpaid'> = { TS: 'maternity', OF: 'sick', KL: 'unpaid' };
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function applyAcceptedDossier(
  db: Database.Database,
  dossierId: string,
  at: Date,
  assigned: readonly AssignedNumber[] = [],
): { rows: number; numbers: number } {
  const d = getDossier(db, dossierId);
  if (!d) return { rows: 0, numbers: 0 };
  const unit = db.prepare('SELECT id FROM units WHERE code = ?').get(d.unitCode) as { id: number } | undefined;
  if (!unit) return { rows: 0, numbers: 0 };
  const iso = at.toISOString();
  let rows = 0;
  let numbers = 0;
  const giveNumber = db.prepare(
    // updated_at is the record's version (employee.save's expectedUpdatedAt): it moves even under a fixed clock.
    `UPDATE employees SET insurance_number = ?, search = search || ' ' || ?,
       updated_at = max(?, strftime('%Y-%m-%dT%H:%M:%fZ', updated_at, '+0.001 seconds'))
       WHERE id = ? AND (insurance_number IS NULL OR insurance_number = '')`,
  );
  db.transaction(() => {
    for (const t of ['ledger_participation', 'ledger_salary', 'ledger_absence'])
      db.prepare(`DELETE FROM ${t} WHERE dossier_id = ?`).run(dossierId);
    // The unit's people read once: a lookup per row in SQL scanned the unit (the OR over mã số, CCCD and CMND uses no
    // index), 2,600 rows × 11,500 employees held the poller's write transaction for a minute.
    const people = UnitPeople.read(db, unit.id);
    for (const a of assigned) {
      if (!/^\d{10}$/.test(a.insuranceNo) || !a.idNumber) continue;
      // A number already held by someone else in the unit is left for the clerk (the roster keeps numbers unique).
      if (people.holderOf(a.insuranceNo) !== undefined) continue;
      const id = people.withoutNumber(a.idNumber);
      if (id === undefined) continue;
      numbers += giveNumber.run(a.insuranceNo, a.insuranceNo, iso, id).changes;
      people.numberGiven(id, a.insuranceNo);
    }
    const draftRows = Array.isArray(d.draft.rows) ? (d.draft.rows as Record<string, unknown>[]) : [];
    for (const r of draftRows) {
      const plan = planByCode(str(r.plan));
      const from = isoMonth(str(r.fromMonth));
      if (!plan || !from) continue;
      const to = isoMonth(str(r.toMonth));
      const e = people.find(str(r.insuranceNo), str(r.idNumber), str(r.fullName), str(r.birthDate));
      if (!e) continue;
      rows++;
      const salary = () => {
        const a = (r.allowances ?? {}) as Record<string, unknown>;
        db.prepare(
          `INSERT INTO ledger_salary (employee_id, from_month, salary, allowance_position, allowance_seniority_excess, allowance_seniority_job, allowance_salary, allowance_other, source, dossier_id, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'dossier', ?, ?)`,
        ).run(
          e.id,
          from,
          num(r.salary),
          num(a.position),
          num(a.seniorityExcessPct),
          num(a.seniorityJobPct),
          num(a.salary),
          num(a.other),
          dossierId,
          iso,
        );
      };
      if (plan.kind === 'increase' && plan.code !== 'ON' && !plan.backDated) {
        const ins = db.prepare(
          "INSERT INTO ledger_participation (employee_id, fund, from_month, to_month, source, dossier_id, recorded_at) VALUES (?, ?, ?, ?, 'dossier', ?, ?)",
        );
        for (const f of plan.funds) ins.run(e.id, f, from, to, dossierId, iso);
        salary();
      } else if (plan.code === 'ON') {
        db.prepare(
          'UPDATE ledger_absence SET to_month = ? WHERE employee_id = ? AND from_month <= ? AND (to_month IS NULL OR to_month >= ?)',
        ).run(prevMonth(from), e.id, prevMonth(from), from);
      } else if (ABSENCE[plan.code]) {
        db.prepare(
          "INSERT INTO ledger_absence (employee_id, kind, from_month, to_month, source, dossier_id, recorded_at) VALUES (?, ?, ?, ?, 'dossier', ?, ?)",
        ).run(e.id, ABSENCE[plan.code], from, to, dossierId, iso);
      } else if (plan.kind === 'decrease' && !plan.backDated) {
        // GH, GC, GD (and fund-only decreases): the plan's funds end the month before TuThang.
        const last = prevMonth(from);
        for (const f of plan.funds) {
          db.prepare(
            'UPDATE ledger_participation SET to_month = ? WHERE employee_id = ? AND fund = ? AND from_month <= ? AND (to_month IS NULL OR to_month > ?)',
          ).run(last, e.id, f, last, last);
        }
      } else if (plan.code === 'DC') {
        salary();
      }
    }
  })();
  return { rows, numbers };
}
