import type Database from 'better-sqlite3';
import type { Fund } from '../../shared/codes/plans';
import {
  monthlyStatement,
  type Absence,
  type MonthlyStatement,
  type StatementPerson,
} from '../../shared/contributions/engine';
import { AppError } from '../core/app-error';
import { getUnitByCode } from '../roster/units';
import { isoPeriod } from './store';

interface Row {
  id: number;
  full_name: string;
  insurance_number: string | null;
  wage_region: string | null;
  salary: number | null;
  allowance_position: number;
  allowance_seniority_excess: number;
  allowance_seniority_job: number;
  allowance_salary: number;
  allowance_other: number;
}

interface SalaryRow {
  salary: number;
  allowance_position: number;
  allowance_seniority_excess: number;
  allowance_seniority_job: number;
  allowance_salary: number;
  allowance_other: number;
}

/**
 * Everyone the ledger shows participating in a month, as the contribution engine's persons: the funds whose
 * periods cover the month, the insured salary in force that month (else the roster's), an absence of that month.
 */
export function participantsIn(
  db: Database.Database,
  unitId: number,
  unitRegion: string,
  monthIso: string,
): StatementPerson[] {
  const employees = db.prepare('SELECT * FROM employees WHERE unit_id = ? ORDER BY search, id').all(unitId) as Row[];
  const fundsStmt = db.prepare(
    'SELECT DISTINCT fund FROM ledger_participation WHERE employee_id = ? AND from_month <= ? AND (to_month IS NULL OR to_month >= ?)',
  );
  const salaryStmt = db.prepare(
    'SELECT * FROM ledger_salary WHERE employee_id = ? AND from_month <= ? ORDER BY from_month DESC, id DESC LIMIT 1',
  );
  const absenceStmt = db.prepare(
    'SELECT kind FROM ledger_absence WHERE employee_id = ? AND from_month <= ? AND (to_month IS NULL OR to_month >= ?) ORDER BY id DESC LIMIT 1',
  );
  const out: StatementPerson[] = [];
  for (const e of employees) {
    const funds = (fundsStmt.all(e.id, monthIso, monthIso) as { fund: Fund }[]).map((f) => f.fund);
    if (!funds.includes('pension')) continue;
    const s = (salaryStmt.get(e.id, monthIso) as SalaryRow | undefined) ?? { ...e, salary: e.salary ?? 0 };
    const absence = (absenceStmt.get(e.id, monthIso, monthIso) as { kind: Absence } | undefined)?.kind ?? null;
    out.push({
      insuranceNo: e.insurance_number ?? '',
      fullName: e.full_name,
      salary: s.salary,
      allowances: {
        position: s.allowance_position,
        seniorityExcessPct: s.allowance_seniority_excess,
        seniorityJobPct: s.allowance_seniority_job,
        salary: s.allowance_salary,
        other: s.allowance_other,
      },
      funds,
      wageRegion: e.wage_region ?? unitRegion,
      absence,
    });
  }
  return out;
}

export function unitStatement(
  db: Database.Database,
  unitCode: string,
  period: string,
): Omit<MonthlyStatement, 'byFund'> & Partial<Pick<MonthlyStatement, 'byFund'>> {
  const unit = getUnitByCode(db, unitCode);
  const iso = isoPeriod(period);
  try {
    return monthlyStatement(participantsIn(db, unit.id, unit.wageRegion, iso), iso);
  } catch (e) {
    throw new AppError('NOT_FOUND', `Chưa có quy định tỷ lệ đóng cho tháng ${period}: ${(e as Error).message}`, {
      en: `No contribution rules for ${period}`,
    });
  }
}
