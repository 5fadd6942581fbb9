import Database from 'better-sqlite3';
import { AppError } from '../core/app-error';
import { migrateTo } from '../db/migrate';
import { migrations } from '../db/migrations';

/**
 * The oldest schema a backup may have. Migrations run all at once, in one transaction, so a real KêKhai database
 * is always at the schema of some release; the first release (0.1.0) shipped schema 60. A file at 10–50 is not a
 * database the app ever wrote — e.g. a "hollow" file of settings and audit log only, which passed the old check and
 * left the app broken after the restore (issue #12).
 */
export const OLDEST_RESTORABLE_VERSION = 60;

interface SchemaObject {
  type: string;
  name: string;
  tbl: string;
  sql: string;
}

/** Our own objects (SQLite's internal ones — sqlite_sequence, sqlite_stat1 from PRAGMA optimize, autoindexes — aside). */
function objects(db: Database.Database): Map<string, SchemaObject> {
  const rows = db
    .prepare(
      "SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )
    .all() as {
    type: string;
    name: string;
    tbl: string;
    sql: string | null;
  }[];
  // ALTER TABLE keeps the text as written; spacing never changes meaning, so compare it collapsed.
  return new Map(rows.map((r) => [`${r.type} ${r.name}`, { ...r, sql: (r.sql ?? '').replace(/\s+/g, ' ').trim() }]));
}

const cache = new Map<number, Map<string, SchemaObject>>();

/** The schema a freshly migrated database of `version` has (built once per version in memory). */
function freshSchema(version: number): Map<string, SchemaObject> {
  let s = cache.get(version);
  if (!s) {
    const db = new Database(':memory:');
    try {
      migrateTo(db, version);
      s = objects(db);
    } finally {
      db.close();
    }
    cache.set(version, s);
  }
  return s;
}

export interface SchemaDifference {
  extra: string[];
  missing: string[];
  changed: string[];
}

/** How a candidate's schema differs from a freshly migrated database of its version (empty lists: identical). */
export function schemaDifference(db: Database.Database, version: number): SchemaDifference {
  const want = freshSchema(version);
  const have = objects(db);
  const extra = [...have.keys()].filter((k) => !want.has(k));
  const missing = [...want.keys()].filter((k) => !have.has(k));
  const changed = [...want.keys()].filter((k) => have.has(k) && have.get(k)!.sql !== want.get(k)!.sql);
  return { extra, missing, changed };
}

const typeVi: Record<string, string> = { table: 'bảng', index: 'chỉ mục', trigger: 'trigger', view: 'view' };
const describe = (k: string) => {
  const [type, ...name] = k.split(' ');
  return `${typeVi[type!] ?? type} ${name.join(' ')}`;
};

/**
 * Refuses a backup whose version is not one a release wrote, or whose tables, columns, indexes differ from that
 * version's — and any trigger or view we did not create (a trigger could forward queued dossiers elsewhere).
 */
export function assertKnownSchema(db: Database.Database, version: number): void {
  const known = migrations.some((m) => m.version === version);
  if (!known || version < OLDEST_RESTORABLE_VERSION) {
    throw new AppError(
      'BACKUP_INVALID',
      `Bản sao lưu có lược đồ ${version}, không phải lược đồ của một phiên bản KêKhai đã phát hành (từ ${OLDEST_RESTORABLE_VERSION}); không khôi phục`,
      {
        en: `The backup has schema ${version}, which no released KêKhai wrote (${OLDEST_RESTORABLE_VERSION} or later); not restored`,
        details: { version, oldest: OLDEST_RESTORABLE_VERSION },
      },
    );
  }
  const diff = schemaDifference(db, version);
  const problems = [
    ...diff.extra.map((k) => `thừa ${describe(k)}`),
    ...diff.missing.map((k) => `thiếu ${describe(k)}`),
    ...diff.changed.map((k) => `${describe(k)} khác cấu trúc`),
  ];
  if (problems.length) {
    throw new AppError(
      'BACKUP_SCHEMA',
      `Cấu trúc bản sao lưu không khớp với cơ sở dữ liệu KêKhai lược đồ ${version}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}. Không khôi phục; dữ liệu hiện tại được giữ nguyên.`,
      {
        en: `The backup's structure differs from a KêKhai schema ${version} database (${[...diff.extra.map((k) => `extra ${k}`), ...diff.missing.map((k) => `missing ${k}`), ...diff.changed.map((k) => `changed ${k}`)].slice(0, 5).join('; ')}). Not restored; the current data is unchanged.`,
        details: { version, ...diff },
      },
    );
  }
}
