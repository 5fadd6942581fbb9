import { auditSentence } from '../../shared/desk/audit-sentence';
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../shared/contract/desk';
import { formatDateTimeVN, parseInstantVN } from '../../shared/format';
import { csvDocument } from '../../shared/csv';

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  search?: string;
}

/**
 * Where the declarations service records a dossier's state changes (migration 0030). Read by column name, so the
 * audit view keeps working if that table gains columns; a database without it simply shows the audit log.
 */
interface TransitionSource {
  table: string;
  at: string;
  actor: string | null;
  dossier: string;
  from: string | null;
  to: string;
  note: string | null;
}

function pick(cols: string[], ...names: string[]): string | null {
  return names.find((n) => cols.includes(n)) ?? null;
}

export function transitionSource(db: Database.Database): TransitionSource | null {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%transition%'").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  for (const table of tables) {
    const cols = (
      db.prepare(`SELECT name FROM pragma_table_info('${table.replace(/'/g, "''")}')`).all() as { name: string }[]
    ).map((c) => c.name);
    const at = pick(cols, 'at', 'changed_at', 'created_at', 'occurred_at');
    const dossier = pick(cols, 'dossier_id', 'dossier', 'dossier_uid');
    const to = pick(cols, 'to_state', 'state', 'to_status', 'new_state');
    if (!at || !dossier || !to) continue;
    return {
      table,
      at,
      dossier,
      to,
      actor: pick(cols, 'actor', 'user', 'os_user', 'by_user', 'changed_by'),
      from: pick(cols, 'from_state', 'from_status', 'old_state'),
      note: pick(cols, 'detail', 'note', 'reason', 'details'),
    };
  }
  return null;
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** One SELECT over both sources with the same columns, so filtering, counting and paging happen in SQLite. */
function unionSql(db: Database.Database): string {
  const parts = [
    `SELECT 'a' || id AS id, id AS seq, at, actor, action, subject_type, subject_id, detail, 'audit' AS source FROM audit_log`,
  ];
  const t = transitionSource(db);
  if (t) {
    const detail = `json_object('from', ${t.from ? q(t.from) : 'NULL'}, 'to', ${q(t.to)}${t.note ? `, 'note', ${q(t.note)}` : ''})`;
    parts.push(
      `SELECT 'd' || rowid AS id, rowid AS seq, ${q(t.at)} AS at, ${t.actor ? `COALESCE(${q(t.actor)}, '')` : "''"} AS actor, 'dossier.' || ${q(t.to)} AS action, 'dossier' AS subject_type, CAST(${q(t.dossier)} AS TEXT) AS subject_id, ${detail} AS detail, 'dossier' AS source FROM ${q(t.table)}`,
    );
  }
  return parts.join(' UNION ALL ');
}

function where(f: AuditFilter): { sql: string; params: Record<string, string> } {
  const conds: string[] = [];
  const params: Record<string, string> = {};
  if (f.subjectType) {
    conds.push('subject_type = @subjectType');
    params.subjectType = f.subjectType;
  }
  if (f.subjectId) {
    conds.push('subject_id = @subjectId');
    params.subjectId = f.subjectId;
  }
  // Stored instants are ISO UTC strings; compare as instants so "+07:00" bounds work (a zoneless bound is Vietnam time).
  if (f.from) {
    conds.push('julianday(at) >= julianday(@from)');
    params.from = parseInstantVN(f.from)!.toISOString();
  }
  if (f.to) {
    conds.push('julianday(at) < julianday(@to)');
    params.to = parseInstantVN(f.to)!.toISOString();
  }
  if (f.search) {
    conds.push(
      "(action LIKE @search ESCAPE '\\' OR actor LIKE @search ESCAPE '\\' OR subject_id LIKE @search ESCAPE '\\' OR detail LIKE @search ESCAPE '\\')",
    );
    params.search = `%${f.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  }
  return { sql: conds.length ? ` WHERE ${conds.join(' AND ')}` : '', params };
}

/** One stored audit_log row (the backup restore reads and merges them too). */
export interface AuditLogRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string | null;
}

/** A row of the audit view: audit_log rows and dossier events under one text id. */
type Row = Omit<AuditLogRow, 'id'> & { id: string; source: 'audit' | 'dossier' };

const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor || '—',
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id === null ? null : String(r.subject_id),
  detail: r.detail,
  source: r.source,
});

/** Newest first. */
export function listAudit(
  db: Database.Database,
  f: AuditFilter & { offset: number; limit: number },
): { total: number; items: AuditEntry[] } {
  const base = unionSql(db);
  const w = where(f);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM (${base})${w.sql}`).get(w.params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT * FROM (${base})${w.sql} ORDER BY julianday(at) DESC, seq DESC LIMIT @limit OFFSET @offset`)
    .all({ ...w.params, limit: f.limit, offset: f.offset }) as Row[];
  return { total, items: rows.map(toEntry) };
}

export function allAudit(db: Database.Database, f: AuditFilter): AuditEntry[] {
  const base = unionSql(db);
  const w = where(f);
  return (db.prepare(`SELECT * FROM (${base})${w.sql} ORDER BY julianday(at) ASC, seq ASC`).all(w.params) as Row[]).map(
    toEntry,
  );
}

/**
 * CSV as Excel on a Vietnamese Windows opens it: UTF-8 with BOM, `;` separators (the list separator where the
 * decimal mark is a comma), times in Vietnam time dd/mm/yyyy HH:MM plus the exact ISO instant.
 */
export function auditCsv(entries: AuditEntry[]): string {
  const header = [
    'Thời gian',
    'Thời điểm (ISO)',
    'Người dùng',
    'Nội dung',
    'Hành động',
    'Đối tượng',
    'Mã đối tượng',
    'Chi tiết',
  ];
  return csvDocument(
    header,
    entries.map((e) => [
      formatDateTimeVN(new Date(e.at)),
      e.at,
      e.actor,
      auditSentence(e),
      e.action,
      e.subjectType,
      e.subjectId ?? '',
      e.detail ?? '',
    ]),
  );
}
