import type Database from 'better-sqlite3';
import type { DraftRowInput } from '../../shared/draft/schema';
import { isoMonth } from '../../shared/rules/month';

/**
 * D02-TS rows from the roster's events in a period (read-only over the roster tables of migration 0020):
 * hire → TM, leaving → GH, maternity → TS, sick leave → OF, unpaid leave → KL, back to work → ON, salary change → DC.
 * An event's month is its effective date when the roster recorded one, else the day it was entered.
 */

interface EmployeeRow {
  id: number; full_name: string; insurance_number: string | null; birth_date: string; gender: 'M' | 'F'; cccd: string | null;
  cmnd: string | null; nationality: string; ethnicity: string | null; birth_province: string | null; birth_district: string | null;
  birth_ward: string | null; address: string | null; phone: string | null; email: string | null; job_title: string | null;
  workplace: string | null; department: string | null; contract_type: string | null; contract_number: string | null;
  contract_signed: string | null; contract_start: string | null; contract_end: string | null; salary: number | null;
  allowance_position: number; allowance_seniority_excess: number; allowance_seniority_job: number; allowance_salary: number;
  allowance_other: number; wage_region: string | null; hospital_code: string | null; status: string;
}

interface HistoryRow {
  employee_id: number; changed_at: string; effective_date: string | null; field: string; old_value: string | null; new_value: string | null;
}

/** dd/mm/yyyy or ISO → yyyy-mm. */
function monthOf(s: string | null): string | null {
  if (!s) return null;
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(s);
  if (dmy) return `${dmy[3]}-${dmy[2]}`;
  const isoD = /^(\d{4})-(\d{2})/.exec(s);
  return isoD ? `${isoD[1]}-${isoD[2]}` : null;
}

const STATUS_PLAN: Record<string, string> = { left: 'GH', maternity: 'TS', sick: 'OF', unpaid: 'KL' };
const AWAY = new Set(['maternity', 'sick', 'unpaid']);

function contractType(t: string | null): 'indefinite' | 'fixed' | 'other' | '' {
  const s = (t ?? '').toLowerCase();
  if (!s) return '';
  if (/indefinite|không xác định|khong xac dinh|kxđ/.test(s)) return 'indefinite';
  if (/fixed|xác định|xac dinh/.test(s)) return 'fixed';
  return 'other';
}

function toRow(e: EmployeeRow, plan: string, period: string, note = ''): DraftRowInput {
  return {
    plan,
    fullName: e.full_name,
    insuranceNo: e.insurance_number ?? '',
    birthDate: e.birth_date,
    gender: e.gender,
    idNumber: e.cccd ?? e.cmnd ?? '',
    nationality: e.nationality || 'VN',
    ethnicity: e.ethnicity || '01',
    position: e.job_title ?? '',
    workplace: e.workplace ?? '',
    salary: e.salary ?? 0,
    allowances: {
      position: e.allowance_position, seniorityExcessPct: e.allowance_seniority_excess, seniorityJobPct: e.allowance_seniority_job,
      salary: e.allowance_salary, other: e.allowance_other,
    },
    fromMonth: period,
    toMonth: '',
    wageRegion: e.wage_region ?? '',
    contract: { number: e.contract_number ?? '', signedOn: e.contract_signed ?? '', type: contractType(e.contract_type), from: e.contract_start ?? '', to: e.contract_end ?? '' },
    note,
    department: e.department ?? '',
    phone: e.phone ?? '',
    email: e.email ?? '',
    birthPlace: { province: e.birth_province ?? '', district: e.birth_district ?? '', ward: e.birth_ward ?? '', address: '' },
    residence: { province: '', district: '', ward: '', address: e.address ?? '' },
    hospital: { province: '', code: e.hospital_code ?? '' },
  };
}

export interface RosterEventsResult {
  rows: DraftRowInput[];
  skipped: { employee: string; reason: string }[];
}

function hasTable(db: Database.Database, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

export function rowsFromRosterEvents(db: Database.Database, unitCode: string, period: string): RosterEventsResult {
  const month = isoMonth(period);
  if (!month || !hasTable(db, 'employees')) return { rows: [], skipped: [] };
  const unit = db.prepare('SELECT id FROM units WHERE code = ?').get(unitCode) as { id: number } | undefined;
  if (!unit) return { rows: [], skipped: [] };
  const employees = db.prepare('SELECT * FROM employees WHERE unit_id = ? ORDER BY full_name, id').all(unit.id) as EmployeeRow[];
  const byId = new Map(employees.map((e) => [e.id, e]));
  const history = db
    .prepare(
      `SELECT h.employee_id, h.changed_at, h.effective_date, h.field, h.old_value, h.new_value FROM employee_history h
       JOIN employees e ON e.id = h.employee_id WHERE e.unit_id = ? AND h.field IN ('*', 'status', 'salary') ORDER BY h.changed_at, h.id`,
    )
    .all(unit.id) as HistoryRow[];
  const rows: DraftRowInput[] = [];
  const skipped: RosterEventsResult['skipped'] = [];
  const done = new Set<string>();
  for (const h of history) {
    if ((monthOf(h.effective_date) ?? monthOf(h.changed_at)) !== month) continue;
    const e = byId.get(h.employee_id);
    if (!e) continue;
    let plan: string | null = null;
    let note = '';
    if (h.field === '*' && h.new_value === 'created') {
      if (e.status === 'left') {
        skipped.push({ employee: e.full_name, reason: 'Đã nghỉ việc trước khi báo tăng' });
        continue;
      }
      plan = 'TM';
    } else if (h.field === 'status' && h.new_value) {
      if (STATUS_PLAN[h.new_value]) plan = STATUS_PLAN[h.new_value]!;
      else if (h.new_value === 'working' && h.old_value && AWAY.has(h.old_value)) plan = 'ON';
    } else if (h.field === 'salary' && h.old_value !== h.new_value) {
      plan = 'DC';
      note = '';
    }
    if (!plan) continue;
    const key = `${e.id}:${plan}`;
    if (done.has(key)) continue;
    done.add(key);
    if (plan !== 'TM' && !e.insurance_number) {
      skipped.push({ employee: e.full_name, reason: `Chưa có mã số BHXH, không thể báo ${plan}` });
      continue;
    }
    rows.push(toRow(e, plan, period, note));
  }
  return { rows, skipped };
}
