import type Database from 'better-sqlite3';
import { parseDmy } from '../../shared/format';
import { draftRowFromEmployee } from '../../shared/ledger/draft-row';
import type { PersonEvent, PersonFacts } from '../../shared/ledger/propose';
import { fromRow, SELECT_EMPLOYEE, type EmployeeRow } from '../roster/columns';
import { eventsOf, knownPeriod } from './store';

/**
 * The facts the proposals work from, per employee of a unit: what BHXH knows (ledger) and the dated events — the
 * recorded roster events, the employee form's changes that carry an effective date, and the contract start as the
 * hire date. A change saved without an effective date has no month and is not an event.
 */

interface HistoryRow {
  employee_id: number;
  effective_date: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
}

const AWAY = new Set(['maternity', 'sick', 'unpaid']);

function formEvents(h: HistoryRow[]): PersonEvent[] {
  const out: PersonEvent[] = [];
  for (const r of h) {
    const date = parseDmy(r.effective_date) ?? (/^\d{4}-\d{2}-\d{2}$/.test(r.effective_date) ? r.effective_date : null);
    if (!date) continue;
    const base = { date, end: null, salary: null, previousSalary: null, origin: 'form' as const };
    if (r.field === 'status' && r.new_value === 'left') out.push({ ...base, kind: 'leave' });
    else if (r.field === 'status' && r.new_value && AWAY.has(r.new_value))
      out.push({ ...base, kind: r.new_value as 'maternity' });
    else if (r.field === 'status' && r.new_value === 'working' && r.old_value && AWAY.has(r.old_value))
      out.push({ ...base, kind: 'return' });
    else if (r.field === 'salary' && r.new_value && Number(r.new_value) > 0) {
      out.push({
        ...base,
        kind: 'salary',
        salary: Number(r.new_value),
        previousSalary: r.old_value && Number(r.old_value) > 0 ? Number(r.old_value) : null,
      });
    }
  }
  return out;
}

export function unitFacts(db: Database.Database, unitId: number): PersonFacts[] {
  const employees = (
    db.prepare(`${SELECT_EMPLOYEE} WHERE e.unit_id = ? ORDER BY e.search, e.id`).all(unitId) as EmployeeRow[]
  ).map(fromRow);
  const history = db
    .prepare(
      `SELECT h.employee_id, h.effective_date, h.field, h.old_value, h.new_value FROM employee_history h JOIN employees e ON e.id = h.employee_id
       WHERE e.unit_id = ? AND h.effective_date IS NOT NULL AND h.field IN ('status', 'salary') ORDER BY h.id`,
    )
    .all(unitId) as HistoryRow[];
  const byEmployee = new Map<number, HistoryRow[]>();
  for (const h of history) byEmployee.set(h.employee_id, [...(byEmployee.get(h.employee_id) ?? []), h]);
  return employees.map((e) => {
    const recorded: PersonEvent[] = eventsOf(db, e.id).map((r) => ({
      kind: r.kind,
      date: r.effective_date,
      end: r.end_date,
      salary: r.salary,
      previousSalary: r.previous_salary,
      origin: 'event',
    }));
    // A recorded event wins over the form's change of the same kind on the same day (recording one writes both).
    const seen = new Set(recorded.map((r) => `${r.kind}|${r.date}`));
    const events = [
      ...recorded,
      ...formEvents(byEmployee.get(e.id) ?? []).filter((f) => !seen.has(`${f.kind}|${f.date}`)),
    ];
    const start = parseDmy(e.contractStart);
    if (!events.some((x) => x.kind === 'hire') && start)
      events.push({ kind: 'hire', date: start, end: null, salary: null, previousSalary: null, origin: 'contract' });
    const known = knownPeriod(db, e.id);
    return {
      employeeId: e.id,
      fullName: e.fullName,
      insuranceNo: e.insuranceNumber,
      idNumber: e.cccd || e.cmnd,
      salary: e.salary ?? 0,
      knownFrom: known?.from ?? null,
      knownTo: known?.to ?? null,
      knownBy: known?.source ?? null,
      events,
      template: draftRowFromEmployee(e),
    };
  });
}
