import type Database from 'better-sqlite3';
import type { EmployeeFields, EmployeeStatus } from '../../shared/contract/roster';
import type { EventKind } from '../../shared/ledger/propose';
import { AppError } from '../core/app-error';
import { isoDayVN } from '../../shared/format';
import { EmployeeStore } from '../roster/employee-store';
import { getUnitByCode } from '../roster/units';
import { employeeIdByRef, eventOut, insertEvent, isoDate, isoToDmy, type EventRow } from './store';

export interface EventInput {
  unitCode: string;
  employee: string | number;
  kind: EventKind;
  effective: string;
  salary?: number;
  end?: string;
}

const STATUS_OF: Partial<Record<EventKind, EmployeeStatus>> = {
  leave: 'left',
  maternity: 'maternity',
  sick: 'sick',
  unpaid: 'unpaid',
  return: 'working',
  hire: 'working',
};

/**
 * Records a dated roster event and brings the roster record up to date (status, salary, contract start), writing the
 * roster's history with the same effective date. The event's own date decides its month; when it was typed does not.
 */
export function recordEvent(db: Database.Database, input: EventInput, now: Date, source: 'form' | 'cli') {
  const unit = getUnitByCode(db, input.unitCode);
  const who = employeeIdByRef(db, unit.id, input.employee);
  const effective = isoDate(input.effective, 'effective');
  const end = input.end ? isoDate(input.end, 'end') : null;
  if (end && end < effective)
    throw new AppError('VALIDATION', `Ngày kết thúc ${input.end} trước ngày hiệu lực ${input.effective}`, {
      en: `End ${input.end} is before the effective date ${input.effective}`,
    });
  if (input.kind === 'salary' && !input.salary) {
    throw new AppError('VALIDATION', 'Biến động lương cần --salary (mức lương mới)', {
      en: 'A salary event needs --salary (the new salary)',
      details: { problems: [{ field: 'salary', code: 'REQUIRED', message: 'bắt buộc nhập' }] },
    });
  }
  if (end && !['maternity', 'sick', 'unpaid'].includes(input.kind)) {
    throw new AppError('VALIDATION', '--end chỉ dùng cho thai sản, ốm đau, nghỉ không lương', {
      en: '--end applies to maternity, sick and unpaid leave only',
    });
  }
  const store = new EmployeeStore(db);
  return db.transaction(() => {
    // The same event recorded again right after itself (a retry once the window closed or the command was killed
    // after it had committed) is the one already there: a second row would propose its D02-TS change twice. Only
    // the employee's latest event counts — A, then B, then A again is a real change back.
    const last = db
      .prepare('SELECT * FROM roster_events WHERE employee_id = ? ORDER BY id DESC LIMIT 1')
      .get(who.id) as EventRow | undefined;
    if (
      last &&
      last.kind === input.kind &&
      last.effective_date === effective &&
      last.end_date === end &&
      last.salary === (input.salary ?? null)
    )
      return {
        event: eventOut(last),
        employee: { id: who.id, fullName: who.full_name, insuranceNo: who.insurance_number ?? '' },
      };
    const before = store.get(who.id)!;
    const next: EmployeeFields = { ...before };
    const status = STATUS_OF[input.kind];
    // An absence already over when it is recorded (its end before today in Vietnam) leaves the person working.
    if (status && !(end && end < isoDayVN(now))) next.status = status;
    if (input.kind === 'salary' || (input.kind === 'hire' && input.salary)) next.salary = input.salary!;
    if (input.kind === 'hire' && !before.contractStart) next.contractStart = input.effective;
    const previous = input.kind === 'salary' ? before.salary : null;
    const event = insertEvent(
      db,
      {
        employee_id: who.id,
        kind: input.kind,
        effective_date: effective,
        end_date: end,
        salary: input.salary ?? null,
        previous_salary: previous,
      },
      source,
      now,
    );
    store.update(before, next, now.toISOString(), source, isoToDmy(effective));
    // A dated hire contradicts a "participating since" statement from before it (e.g. an import that covered every
    // row without a start date): the hire wins, so its TM is proposed.
    if (input.kind === 'hire') {
      for (const t of ['ledger_participation', 'ledger_salary'])
        db.prepare(`DELETE FROM ${t} WHERE employee_id = ? AND source = 'statement' AND from_month < ?`).run(
          who.id,
          effective.slice(0, 7),
        );
    }
    return {
      event: eventOut(event),
      employee: { id: who.id, fullName: who.full_name, insuranceNo: who.insurance_number ?? '' },
    };
  })();
}
