import type Database from 'better-sqlite3';
import { ALL_FUNDS } from '../../shared/codes/plans';
import { parseDmy } from '../../shared/format';
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from '../../shared/ledger/working-days';
import type { EventKind } from '../../shared/ledger/propose';
import { isoMonth, mmYyyy } from '../../shared/rules/month';
import { AppError } from '../core/app-error';

/** Reads and writes of the ledger tables (migration 0070). Months ISO yyyy-mm, dates ISO yyyy-mm-dd inside. */

export type LedgerSource = 'statement' | 'dossier';

export interface EventRow {
  id: number;
  employee_id: number;
  kind: EventKind;
  effective_date: string;
  end_date: string | null;
  salary: number | null;
  previous_salary: number | null;
}

export const isoToDmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** dd/mm/yyyy → ISO, or a validation error naming the field. */
export function isoDate(dmy: string, field: string): string {
  const iso = parseDmy(dmy);
  if (!iso)
    throw new AppError('VALIDATION', `${field}: "${dmy}" không phải ngày dd/mm/yyyy`, {
      en: `${field}: "${dmy}" is not a dd/mm/yyyy date`,
      details: { problems: [{ field, code: 'DATE_FORMAT', message: `"${dmy}" không phải ngày dd/mm/yyyy` }] },
    });
  return iso;
}

export function isoPeriod(mmYyyyText: string, field = 'period'): string {
  const iso = isoMonth(mmYyyyText);
  if (!iso)
    throw new AppError('VALIDATION', `${field}: "${mmYyyyText}" không phải tháng mm/yyyy`, {
      en: `${field}: "${mmYyyyText}" is not mm/yyyy`,
    });
  return iso;
}

export function eventOut(r: EventRow) {
  return {
    id: r.id,
    employeeId: r.employee_id,
    kind: r.kind,
    effective: isoToDmy(r.effective_date),
    end: r.end_date ? isoToDmy(r.end_date) : null,
    salary: r.salary,
    previousSalary: r.previous_salary,
  };
}

export function eventsOf(db: Database.Database, employeeId: number): EventRow[] {
  return db
    .prepare('SELECT * FROM roster_events WHERE employee_id = ? ORDER BY effective_date, id')
    .all(employeeId) as EventRow[];
}

export function insertEvent(
  db: Database.Database,
  e: Omit<EventRow, 'id'>,
  source: 'form' | 'import' | 'cli',
  at: Date,
): EventRow {
  const info = db
    .prepare(
      'INSERT INTO roster_events (employee_id, kind, effective_date, end_date, salary, previous_salary, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(e.employee_id, e.kind, e.effective_date, e.end_date, e.salary, e.previous_salary, source, at.toISOString());
  return db.prepare('SELECT * FROM roster_events WHERE id = ?').get(Number(info.lastInsertRowid)) as EventRow;
}

export function getCalendar(db: Database.Database, unitId: number): WorkCalendar {
  const r = db.prepare('SELECT calendar FROM unit_work_calendar WHERE unit_id = ?').get(unitId) as
    { calendar: WorkCalendar } | undefined;
  return r?.calendar ?? DEFAULT_WORK_CALENDAR;
}

export function setCalendar(db: Database.Database, unitId: number, calendar: WorkCalendar, at: Date): void {
  db.prepare(
    'INSERT INTO unit_work_calendar (unit_id, calendar, updated_at) VALUES (?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET calendar = excluded.calendar, updated_at = excluded.updated_at',
  ).run(unitId, calendar, at.toISOString());
}

/** The "participating since" statement: every fund from that month, replacing an earlier statement. '' clears it. */
export function setParticipatingSince(
  db: Database.Database,
  employeeId: number,
  sinceIso: string | null,
  at: Date,
): void {
  db.transaction(() => {
    db.prepare("DELETE FROM ledger_participation WHERE employee_id = ? AND source = 'statement'").run(employeeId);
    db.prepare("DELETE FROM ledger_salary WHERE employee_id = ? AND source = 'statement'").run(employeeId);
    if (!sinceIso) return;
    const ins = db.prepare(
      "INSERT INTO ledger_participation (employee_id, fund, from_month, to_month, source, recorded_at) VALUES (?, ?, ?, NULL, 'statement', ?)",
    );
    for (const f of ALL_FUNDS) ins.run(employeeId, f, sinceIso, at.toISOString());
    const e = db.prepare('SELECT * FROM employees WHERE id = ?').get(employeeId) as
      Record<string, number | null> | undefined;
    if (e?.salary) {
      db.prepare(
        `INSERT INTO ledger_salary (employee_id, from_month, salary, allowance_position, allowance_seniority_excess, allowance_seniority_job, allowance_salary, allowance_other, source, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'statement', ?)`,
      ).run(
        employeeId,
        sinceIso,
        e.salary,
        e.allowance_position ?? 0,
        e.allowance_seniority_excess ?? 0,
        e.allowance_seniority_job ?? 0,
        e.allowance_salary ?? 0,
        e.allowance_other ?? 0,
        at.toISOString(),
      );
    }
  })();
}

export function participatingSince(db: Database.Database, employeeId: number): string {
  const r = db
    .prepare("SELECT MIN(from_month) AS m FROM ledger_participation WHERE employee_id = ? AND source = 'statement'")
    .get(employeeId) as { m: string | null };
  return r.m ? mmYyyy(r.m) : '';
}

/** The latest pension-fund participation period: what BHXH knows about the person's start and end. */
export function knownPeriod(
  db: Database.Database,
  employeeId: number,
): { from: string; to: string | null; source: LedgerSource } | null {
  const r = db
    .prepare(
      "SELECT from_month, to_month, source FROM ledger_participation WHERE employee_id = ? AND fund = 'pension' ORDER BY from_month DESC, id DESC LIMIT 1",
    )
    .get(employeeId) as { from_month: string; to_month: string | null; source: LedgerSource } | undefined;
  return r ? { from: r.from_month, to: r.to_month, source: r.source } : null;
}

export function employeeIdByRef(
  db: Database.Database,
  unitId: number,
  ref: string | number,
): { id: number; full_name: string; insurance_number: string | null } {
  const r =
    typeof ref === 'number'
      ? db
          .prepare('SELECT id, full_name, insurance_number FROM employees WHERE unit_id = ? AND id = ?')
          .get(unitId, ref)
      : db
          .prepare(
            'SELECT id, full_name, insurance_number FROM employees WHERE unit_id = ? AND (insurance_number = ? OR cccd = ? OR cmnd = ?) ORDER BY id LIMIT 1',
          )
          .get(unitId, ref, ref, ref);
  if (!r) {
    throw new AppError('NOT_FOUND', `Không tìm thấy người lao động có mã số BHXH hoặc CCCD "${ref}" trong đơn vị`, {
      en: `No employee with social-insurance number or ID "${ref}" in this unit`,
    });
  }
  return r as { id: number; full_name: string; insurance_number: string | null };
}
