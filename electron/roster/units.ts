import type Database from 'better-sqlite3';
import type { UnitFields, UnitRecord } from '../../shared/contract/roster';
import { checkUnit } from '../../shared/identity/unit-record';
import { AppError, invalidRecord } from '../core/app-error';
import { nextStamp, staleError } from '../core/stale';

interface UnitRow {
  id: number;
  code: string;
  name: string;
  tax_code: string;
  agency_code: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  signer: string | null;
  wage_region: string;
  ivan_provider: string | null;
  created_at: string;
  updated_at: string;
  employee_count: number;
}

const SELECT = `SELECT u.*, (SELECT count(*) FROM employees e WHERE e.unit_id = u.id) AS employee_count FROM units u`;

function toRecord(r: UnitRow): UnitRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    taxCode: r.tax_code,
    agencyCode: r.agency_code,
    address: r.address ?? undefined,
    phone: r.phone ?? undefined,
    email: r.email ?? undefined,
    signer: r.signer ?? undefined,
    wageRegion: r.wage_region,
    ivanProvider: r.ivan_provider ?? undefined,
    employeeCount: r.employee_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checked(fields: UnitFields): UnitFields {
  const { value, problems } = checkUnit(fields);
  if (problems.length) {
    throw invalidRecord(problems, 'đơn vị', 'unit');
  }
  return value;
}

/** The stored columns name … ivan_provider, in the order INSERT and UPDATE list them; empty optional text as NULL. */
function storedColumns(v: UnitFields): (string | null)[] {
  return [
    v.name,
    v.taxCode,
    v.agencyCode,
    v.address || null,
    v.phone || null,
    v.email || null,
    v.signer || null,
    v.wageRegion,
    v.ivanProvider || null,
  ];
}

export function listUnits(db: Database.Database): UnitRecord[] {
  return (db.prepare(`${SELECT} ORDER BY u.code`).all() as UnitRow[]).map(toRecord);
}

export function getUnitByCode(db: Database.Database, code: string): UnitRecord {
  const r = db.prepare(`${SELECT} WHERE u.code = ?`).get(code) as UnitRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `Không tìm thấy đơn vị có mã ${code}`, { en: `No unit with code ${code}` });
  return toRecord(r);
}

/** The unit's row id, without the employee count (hot paths: list, import). */
export function unitIdByCode(db: Database.Database, code: string): number {
  const r = db.prepare('SELECT id FROM units WHERE code = ?').get(code) as { id: number } | undefined;
  if (!r) throw new AppError('NOT_FOUND', `Không tìm thấy đơn vị có mã ${code}`, { en: `No unit with code ${code}` });
  return r.id;
}

export function addUnit(db: Database.Database, fields: UnitFields, now: Date): UnitRecord {
  const v = checked(fields);
  if (db.prepare('SELECT 1 FROM units WHERE code = ?').get(v.code)) {
    throw new AppError('CONFLICT', `Đơn vị có mã ${v.code} đã tồn tại`, {
      en: `A unit with code ${v.code} already exists`,
    });
  }
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO units (code, name, tax_code, agency_code, address, phone, email, signer, wage_region, ivan_provider, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(v.code, ...storedColumns(v), at, at);
  return getUnitByCode(db, v.code);
}

export function updateUnit(
  db: Database.Database,
  code: string,
  patch: Partial<Omit<UnitFields, 'code'>>,
  now: Date,
  expectedUpdatedAt?: string,
): UnitRecord {
  // IMMEDIATE: the version check and the write hold the write lock together (another process cannot slip between).
  db.transaction(() => {
    const cur = getUnitByCode(db, code);
    const merged: UnitFields = {
      ...cur,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      code: cur.code,
    };
    const v = checked(merged);
    const same = storedColumns(v).join('\u0000') === storedColumns(cur).join('\u0000');
    if (expectedUpdatedAt !== undefined && cur.updatedAt !== expectedUpdatedAt && !same)
      throw staleError(`Đơn vị ${cur.code}`, `Unit ${cur.code}`, cur);
    if (same) return; // nothing changes: the version stays
    db.prepare(
      `UPDATE units SET name = ?, tax_code = ?, agency_code = ?, address = ?, phone = ?, email = ?, signer = ?, wage_region = ?, ivan_provider = ?, updated_at = ? WHERE id = ?`,
    ).run(...storedColumns(v), nextStamp(now.toISOString(), cur.updatedAt), cur.id);
  }).immediate();
  return getUnitByCode(db, code);
}
