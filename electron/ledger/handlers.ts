import type { ledgerMethods } from '../../shared/contract/ledger';
import type { Handlers } from '../core/handlers';
import { getUnitByCode } from '../roster/units';
import { getEmployee } from '../roster/employees';
import { recordEvent } from './events';
import { proposeForPeriod } from './propose';
import { unitStatement } from './statement';
import {
  employeeIdByRef,
  eventOut,
  eventsOf,
  getCalendar,
  isoPeriod,
  participatingSince,
  setCalendar,
  setParticipatingSince,
} from './store';
import { mmYyyy } from '../../shared/rules/month';

export const ledgerHandlers: Handlers<typeof ledgerMethods> = {
  'employee.event': (input, ctx) => recordEvent(ctx.db, input, ctx.now(), ctx.face === 'cli' ? 'cli' : 'form'),

  'employee.events': ({ id }, ctx) => {
    getEmployee(ctx.db, id);
    return { items: eventsOf(ctx.db, id).map(eventOut) };
  },

  'ledger.participatingSince': ({ unitCode, employeeId, since }, ctx) => {
    const unit = getUnitByCode(ctx.db, unitCode);
    const e = employeeIdByRef(ctx.db, unit.id, employeeId);
    setParticipatingSince(ctx.db, e.id, since ? isoPeriod(since, 'since') : null, ctx.now());
    return { employeeId: e.id, since };
  },

  'ledger.get': ({ id }, ctx) => {
    getEmployee(ctx.db, id);
    const m = (v: string | null) => (v ? mmYyyy(v) : '');
    const participation = ctx.db
      .prepare(
        'SELECT fund, from_month, to_month, source, dossier_id FROM ledger_participation WHERE employee_id = ? ORDER BY from_month, id',
      )
      .all(id) as {
      fund: string;
      from_month: string;
      to_month: string | null;
      source: string;
      dossier_id: string | null;
    }[];
    const salaries = ctx.db
      .prepare('SELECT from_month, salary, source FROM ledger_salary WHERE employee_id = ? ORDER BY from_month, id')
      .all(id) as { from_month: string; salary: number; source: string }[];
    const absences = ctx.db
      .prepare(
        'SELECT kind, from_month, to_month, source FROM ledger_absence WHERE employee_id = ? ORDER BY from_month, id',
      )
      .all(id) as { kind: string; from_month: string; to_month: string | null; source: string }[];
    return {
      employeeId: id,
      participatingSince: participatingSince(ctx.db, id),
      participation: participation.map((p) => ({
        fund: p.fund,
        fromMonth: m(p.from_month),
        toMonth: m(p.to_month),
        source: p.source,
        dossierId: p.dossier_id,
      })),
      salaries: salaries.map((s) => ({ fromMonth: m(s.from_month), salary: s.salary, source: s.source })),
      absences: absences.map((a) => ({
        kind: a.kind,
        fromMonth: m(a.from_month),
        toMonth: m(a.to_month),
        source: a.source,
      })),
    };
  },

  'ledger.calendar': ({ unitCode, calendar }, ctx) => {
    const unit = getUnitByCode(ctx.db, unitCode);
    if (calendar) setCalendar(ctx.db, unit.id, calendar, ctx.now());
    return { unitCode, calendar: getCalendar(ctx.db, unit.id) };
  },

  'dossier.propose': (input, ctx) => {
    const r = proposeForPeriod(ctx.db, input, ctx.now());
    return { rows: r.rows, skipped: r.skipped, draft: r.draft };
  },

  'ledger.statement': ({ unitCode, period }, ctx) => {
    const s = unitStatement(ctx.db, unitCode, period);
    return {
      period: s.period,
      employees: s.employees,
      employer: s.employer,
      employee: s.employee,
      total: s.total,
      rows: s.rows,
    };
  },
};
