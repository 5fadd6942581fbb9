import type { Migration } from './types';

/**
 * Roster: units (đơn vị, several per database — accounting firms file for many companies), employees with every
 * field the D02-TS/TK1-TS forms need, a dated history of every change, and the remembered import column mapping per
 * unit. `employees.search` holds the folded name + mã số + CCCD/CMND ("nguyen van a 7912345678 079…") so the search
 * is diacritics- and case-insensitive; it is indexed per unit (the covering index is what a substring scan reads).
 */
export const migration: Migration = {
  version: 20,
  name: 'roster',
  up(db) {
    db.exec(`
      CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (length(code) = 7),
        name TEXT NOT NULL,
        tax_code TEXT NOT NULL,
        agency_code TEXT NOT NULL CHECK (length(agency_code) = 5),
        address TEXT,
        phone TEXT,
        email TEXT,
        signer TEXT,
        wage_region TEXT NOT NULL CHECK (wage_region IN ('01','02','03','04')),
        ivan_provider TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE employees (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        full_name TEXT NOT NULL,
        insurance_number TEXT,
        birth_date TEXT NOT NULL,
        birth_year INTEGER NOT NULL,
        gender TEXT NOT NULL CHECK (gender IN ('M','F')),
        cccd TEXT,
        cmnd TEXT,
        nationality TEXT NOT NULL DEFAULT 'VN',
        ethnicity TEXT,
        birth_province TEXT,
        birth_district TEXT,
        birth_ward TEXT,
        address TEXT,
        phone TEXT,
        email TEXT,
        job_title TEXT,
        workplace TEXT,
        department TEXT,
        contract_type TEXT,
        contract_number TEXT,
        contract_signed TEXT,
        contract_start TEXT,
        contract_end TEXT,
        salary_kind TEXT NOT NULL DEFAULT 'amount' CHECK (salary_kind IN ('amount','coefficient')),
        salary REAL,
        allowance_position REAL NOT NULL DEFAULT 0,
        allowance_seniority_excess REAL NOT NULL DEFAULT 0,
        allowance_seniority_job REAL NOT NULL DEFAULT 0,
        allowance_salary REAL NOT NULL DEFAULT 0,
        allowance_other REAL NOT NULL DEFAULT 0,
        wage_region TEXT CHECK (wage_region IS NULL OR wage_region IN ('01','02','03','04')),
        hospital_code TEXT,
        status TEXT NOT NULL DEFAULT 'working' CHECK (status IN ('working','sick','maternity','unpaid','left')),
        search TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX employees_unit_insurance ON employees(unit_id, insurance_number) WHERE insurance_number IS NOT NULL;
      CREATE UNIQUE INDEX employees_unit_cccd ON employees(unit_id, cccd) WHERE cccd IS NOT NULL;
      CREATE INDEX employees_unit_search ON employees(unit_id, search);

      CREATE TABLE employee_history (
        id INTEGER PRIMARY KEY,
        employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
        changed_at TEXT NOT NULL,
        effective_date TEXT,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        source TEXT NOT NULL CHECK (source IN ('form','import','cli'))
      ) STRICT;
      CREATE INDEX employee_history_employee ON employee_history(employee_id, changed_at);

      CREATE TABLE import_mappings (
        unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
        mapping TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
