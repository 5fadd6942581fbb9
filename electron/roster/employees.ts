import type Database from 'better-sqlite3';
import type { EmployeeFields, EmployeeRecord, EmployeeStatus, HistoryEntry } from '../../shared/contract/roster';
import { checkEmployee } from '../../shared/identity/employee-record';
import { foldForSearch } from '../../shared/text/fold';
import { AppError, invalidRecord } from '../core/app-error';
import { staleError } from '../core/stale';
import { fromRow, SELECT_EMPLOYEE, type EmployeeRow } from './columns';
import { changedFields, EmployeeStore, type HistorySource } from './employee-store';
import { getUnitByCode, unitIdByCode } from './units';
import { identifiersAgree, personKey } from './seen-persons';

export interface ListQuery {
  unitCode: string;
  search?: string;
  status?: EmployeeStatus;
  department?: string;
  gender?: 'M' | 'F';
  offset: number;
  limit: number;
}

/**
 * A search matching fewer employees than this is counted and paged in one walk of the `(unit_id, search)` index, by
 * listing the matches' ids (the index holds them: no table reads until the page). A name or a mã số matches a few
 * hundred of 50,000, and a second walk for the count took a third of the time (`npm run bench`: the median search).
 * A broader one (a common syllable) stops here and is counted and paged by the two queries after, as before.
 */
const ONE_PASS_MATCHES = 500;

/**
 * Paged, filtered list. Search folds the query the way the search column was folded, so "nguyen van a" finds
 * "Nguyễn Văn A" and "dang" finds "Đặng"; digits find mã số and CCCD. Rows come in folded-name order, which is the
 * order of the (unit_id, search) index: the filter and the sort both walk that one index (no table lookups until a
 * row matches, no sort step), and the count reads only the index.
 */
export function listEmployees(
  db: Database.Database,
  q: ListQuery,
): { total: number; offset: number; items: EmployeeRecord[] } {
  const where = ['e.unit_id = ?'];
  const params: (string | number)[] = [unitIdByCode(db, q.unitCode)];
  const needle = q.search ? foldForSearch(q.search) : '';
  if (needle) {
    where.push('instr(e.search, ?) > 0');
    params.push(needle);
  }
  if (q.status) {
    where.push('e.status = ?');
    params.push(q.status);
  }
  if (q.department) {
    where.push('e.department = ?');
    params.push(q.department);
  }
  if (q.gender) {
    where.push('e.gender = ?');
    params.push(q.gender);
  }
  const w = where.join(' AND ');
  if (needle) {
    // One walk of the index when the search is narrow: the matches' ids give the count and the page at once.
    const ids = db
      .prepare(`SELECT e.id FROM employees e WHERE ${w} ORDER BY e.search, e.id LIMIT ?`)
      .pluck()
      .all(...params, ONE_PASS_MATCHES) as number[];
    if (ids.length < ONE_PASS_MATCHES) {
      const page = ids.slice(q.offset, q.offset + q.limit);
      const rows = page.length
        ? (db
            .prepare(`${SELECT_EMPLOYEE} WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.search, e.id`)
            .all(JSON.stringify(page)) as EmployeeRow[])
        : [];
      return { total: ids.length, offset: q.offset, items: rows.map(fromRow) };
    }
  }
  const total = (db.prepare(`SELECT count(*) AS n FROM employees e WHERE ${w}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`${SELECT_EMPLOYEE} WHERE ${w} ORDER BY e.search, e.id LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as EmployeeRow[];
  return { total, offset: q.offset, items: rows.map(fromRow) };
}

export function getEmployee(db: Database.Database, id: number): EmployeeRecord {
  const e = new EmployeeStore(db).get(id);
  if (!e) throw new AppError('NOT_FOUND', `Không tìm thấy người lao động #${id}`, { en: `Employee #${id} not found` });
  return e;
}

/** Validates and stores one employee (new or changed), with a history row per changed field. */
export function saveEmployee(
  db: Database.Database,
  input: {
    unitCode: string;
    id?: number;
    employee: EmployeeFields;
    effectiveDate?: string;
    expectedUpdatedAt?: string;
    requestId?: string;
    confirmSamePerson?: boolean;
  },
  now: Date,
  source: HistorySource,
): EmployeeRecord {
  if (input.id === undefined && input.requestId) {
    // The same "Lưu" delivered twice (double click, Enter twice): the first save's record, not a second person.
    const done = recentCreates.get(input.requestId);
    if (done !== undefined) return getEmployee(db, done);
  }
  const unit = getUnitByCode(db, input.unitCode);
  const { value, problems } = checkEmployee(input.employee, now);
  if (problems.length) {
    throw invalidRecord(problems, 'người lao động', 'employee');
  }
  const store = new EmployeeStore(db);
  const at = now.toISOString();
  const run = db.transaction((): number => {
    if (input.id !== undefined && input.expectedUpdatedAt !== undefined) {
      const cur = store.get(input.id);
      if (cur && cur.updatedAt !== input.expectedUpdatedAt) {
        // Already exactly these values (the same save sent twice): nothing is lost, nothing to write.
        if (!changedFields(cur, value).length) return input.id;
        throw staleError(`Người lao động ${cur.fullName}`, `Employee ${cur.fullName}`, cur);
      }
    }
    const clash = (col: 'insurance_number' | 'cccd', val: string, label: string, labelEn: string) => {
      if (!val) return;
      const other = db
        .prepare(`SELECT id, full_name FROM employees WHERE unit_id = ? AND ${col} = ? AND id IS NOT ?`)
        .get(unit.id, val, input.id ?? null) as { id: number; full_name: string } | undefined;
      if (other) {
        throw new AppError('CONFLICT', `${label} ${val} đã thuộc về ${other.full_name} trong đơn vị này`, {
          en: `${labelEn} ${val} already belongs to ${other.full_name} in this unit`,
          details: {
            problems: [
              {
                field: col === 'cccd' ? 'cccd' : 'insuranceNumber',
                code: 'DUPLICATE',
                message: `${label} ${val} đã thuộc về ${other.full_name}`,
              },
            ],
          },
        });
      }
    };
    clash('insurance_number', value.insuranceNumber, 'Mã số BHXH', 'Social-insurance number');
    clash('cccd', value.cccd, 'Số CCCD', 'Citizen ID');
    if (input.id === undefined) {
      if (!input.confirmSamePerson) refuseSamePerson(db, unit.id, value);
      const id = store.insert(unit.id, value, at, source, input.effectiveDate ?? null);
      if (input.requestId) rememberCreate(input.requestId, id);
      return id;
    }
    const before = store.get(input.id);
    if (!before || before.unitCode !== unit.code)
      throw new AppError('NOT_FOUND', `Không tìm thấy người lao động #${input.id} trong đơn vị ${unit.code}`, {
        en: `Employee #${input.id} not found in unit ${unit.code}`,
      });
    store.update(before, value, at, source, input.effectiveDate ?? null);
    return input.id;
  });
  // IMMEDIATE: the version check and the write hold the write lock together (another process cannot slip between).
  return getEmployee(db, run.immediate());
}

/**
 * Before a new employee is added: the unit's employees with the same name (letter case aside), birth date and gender
 * whose mã số and CCCD do not contradict the new one's — the same rule as an import's POSSIBLE_DUPLICATE. Typed
 * twice (a form filled again after a rehire, two clerks), one person gets two records, both reported and paid for.
 */
function refuseSamePerson(db: Database.Database, unitId: number, e: EmployeeFields): void {
  const key = personKey(e);
  const same = (
    db
      .prepare(`${SELECT_EMPLOYEE} WHERE e.unit_id = ? AND e.birth_date = ? AND e.gender = ? ORDER BY e.id`)
      .all(unitId, e.birthDate, e.gender) as EmployeeRow[]
  )
    .map(fromRow)
    .filter((o) => personKey(o) === key && identifiersAgree(o, e));
  if (!same.length) return;
  const who = same.map((o) => describePerson(o, 'vi')).join('; ');
  const whoEn = same.map((o) => describePerson(o, 'en')).join('; ');
  throw new AppError(
    'POSSIBLE_DUPLICATE',
    `Có thể trùng với người đã có trong danh sách: ${who}. Nếu là cùng một người, hãy mở và sửa hồ sơ đó thay vì thêm mới; nếu là hai người khác nhau, hãy điền mã số BHXH hoặc số CCCD, hoặc xác nhận vẫn thêm.`,
    {
      en: `May be someone already on the roster: ${whoEn}. If it is the same person, open and edit that record instead of adding one; if they are two people, fill in the social-insurance number or citizen ID, or confirm adding anyway.`,
      details: { candidates: same },
    },
  );
}

function describePerson(e: EmployeeRecord, lang: 'vi' | 'en'): string {
  const ids = [
    e.insuranceNumber && `${lang === 'vi' ? 'mã số' : 'no.'} ${e.insuranceNumber}`,
    e.cccd && `CCCD ${e.cccd}`,
  ]
    .filter(Boolean)
    .join(', ');
  const status = e.status === 'left' ? (lang === 'vi' ? ', đã nghỉ việc' : ', left') : '';
  return `${e.fullName} (${lang === 'vi' ? 'sinh' : 'born'} ${e.birthDate}${ids ? `, ${ids}` : ''}${status})`;
}

/** requestId → the employee a save created, for the saves of the last minutes in this process (a form's resend). */
const recentCreates = new Map<string, number>();
function rememberCreate(requestId: string, id: number): void {
  recentCreates.set(requestId, id);
  if (recentCreates.size > 500) recentCreates.delete(recentCreates.keys().next().value!);
}

export function employeeHistory(db: Database.Database, id: number): HistoryEntry[] {
  getEmployee(db, id);
  const rows = db
    .prepare(
      'SELECT id, changed_at, effective_date, field, old_value, new_value, source FROM employee_history WHERE employee_id = ? ORDER BY changed_at, id',
    )
    .all(id) as {
    id: number;
    changed_at: string;
    effective_date: string | null;
    field: string;
    old_value: string | null;
    new_value: string | null;
    source: HistoryEntry['source'];
  }[];
  return rows.map((r) => ({
    id: r.id,
    changedAt: r.changed_at,
    effectiveDate: r.effective_date,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    source: r.source,
  }));
}
