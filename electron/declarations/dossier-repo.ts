import { createHash, randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type Database from 'better-sqlite3';
import type { DossierState } from '../../shared/contract/declarations';
import { isoMonth } from '../../shared/rules/month';
import { validateDraft } from '../../shared/validation/draft';
import { AppError, notFound, validationError } from '../core/app-error';
import { staleError } from '../core/stale';
import { consistencyProblems } from './consistency';

/**
 * The dossier store: exported functions the other domains call (signing: `markSigned`; I-VAN: `transition` for
 * queued/sent/received/accepted/rejected/cancelled). Every state change is written with its audit row in one
 * transaction; the schema (migration 0030) refuses illegal transitions even if this code had a bug.
 */

export interface DossierRecord {
  id: string;
  unitCode: string;
  procedure: string;
  period: string;
  batch: number;
  state: DossierState;
  /** The stored draft JSON (as typed; may be incomplete while the clerk is still typing). */
  draft: Record<string, unknown>;
  draftSha256: string;
  rowCount: number;
  insuranceNumbers: string[];
  paperCopyRequired: boolean;
  signedEnvelope: Buffer | null;
  signedSha256: string | null;
  signer: string | null;
  signerMst: string | null;
  signedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TransitionRecord {
  from: DossierState | null;
  to: DossierState;
  at: string;
  actor: string;
  note: string | null;
}

interface Row {
  id: string;
  unit_code: string;
  procedure: string;
  period: string;
  batch: number;
  state: DossierState;
  draft: string;
  draft_sha256: string;
  row_count: number;
  insurance_numbers: string;
  paper_copy_required: number;
  signed_envelope: Buffer | null;
  signed_sha256: string | null;
  signer: string | null;
  signer_mst: string | null;
  signed_at: string | null;
  created_at: string;
  updated_at: string;
}

const iso = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString());

/** The OS user name, recorded as the actor of each transition. */
export function osActor(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

function toRecord(r: Row): DossierRecord {
  return {
    id: r.id,
    unitCode: r.unit_code,
    procedure: r.procedure,
    period: r.period,
    batch: r.batch,
    state: r.state,
    draft: JSON.parse(r.draft) as Record<string, unknown>,
    draftSha256: r.draft_sha256,
    rowCount: r.row_count,
    insuranceNumbers: JSON.parse(r.insurance_numbers) as string[],
    paperCopyRequired: r.paper_copy_required === 1,
    signedEnvelope: r.signed_envelope,
    signedSha256: r.signed_sha256,
    signer: r.signer,
    signerMst: r.signer_mst,
    signedAt: r.signed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Canonical JSON text of a draft (stable key order as given) and its SHA-256. */
function draftText(draft: Record<string, unknown>): { text: string; sha256: string } {
  const text = JSON.stringify(draft);
  return { text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** Columns derived from the draft; while the clerk types, unreadable parts keep the previous values. */
function derived(draft: Record<string, unknown>, prev?: Pick<DossierRecord, 'unitCode' | 'period' | 'batch'>) {
  const unit = (draft.unit ?? {}) as Record<string, unknown>;
  const unitCode = typeof unit.code === 'string' && unit.code ? unit.code : (prev?.unitCode ?? '');
  const period = typeof draft.period === 'string' && isoMonth(draft.period) ? draft.period : prev?.period;
  const batch =
    typeof draft.batch === 'number' && Number.isInteger(draft.batch) && draft.batch >= 1
      ? draft.batch
      : (prev?.batch ?? 1);
  const rows = Array.isArray(draft.rows) ? (draft.rows as Record<string, unknown>[]) : [];
  const insuranceNumbers = [
    ...new Set(rows.map((r) => (typeof r?.insuranceNo === 'string' ? r.insuranceNo : '')).filter(Boolean)),
  ].sort();
  return { unitCode, period, batch, rowCount: rows.length, insuranceNumbers };
}

export function getDossier(db: Database.Database, id: string): DossierRecord | undefined {
  const r = db.prepare('SELECT * FROM dossiers WHERE id = ?').get(id) as Row | undefined;
  return r ? toRecord(r) : undefined;
}

export function requireDossier(db: Database.Database, id: string): DossierRecord {
  const d = getDossier(db, id);
  if (!d) throw notFound(`hồ sơ ${id}`, `Dossier ${id}`);
  return d;
}

export function listDossiers(
  db: Database.Database,
  f: { unitCode?: string; period?: string; state?: DossierState } = {},
): DossierRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.unitCode) {
    where.push('unit_code = ?');
    args.push(f.unitCode);
  }
  if (f.period) {
    where.push('period = ?');
    args.push(f.period);
  }
  if (f.state) {
    where.push('state = ?');
    args.push(f.state);
  }
  const sql = `SELECT * FROM dossiers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY period_key DESC, unit_code, batch DESC, created_at DESC`;
  return (db.prepare(sql).all(...args) as Row[]).map(toRecord);
}

export function listTransitions(db: Database.Database, id: string): TransitionRecord[] {
  return db
    .prepare(
      'SELECT from_state AS "from", to_state AS "to", at, actor, note FROM dossier_transitions WHERE dossier_id = ? ORDER BY id',
    )
    .all(id) as TransitionRecord[];
}

function log(
  db: Database.Database,
  id: string,
  from: DossierState | null,
  to: DossierState,
  at: string,
  actor: string,
  note: string | null,
): void {
  db.prepare(
    'INSERT INTO dossier_transitions (dossier_id, from_state, to_state, at, actor, note) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, from, to, at, actor, note);
}

/** A new draft dossier. The draft must name its unit and period (the rest may still be incomplete). */
export function createDossier(
  db: Database.Database,
  draft: Record<string, unknown>,
  opts: { at: Date | string; actor?: string },
): DossierRecord {
  const d = derived(draft);
  if (!d.unitCode || !d.period) {
    throw validationError(
      [
        ...(!d.unitCode
          ? [
              {
                field: 'unit.code',
                code: 'REQUIRED',
                message: 'Mã đơn vị: bắt buộc nhập',
                messageEn: 'Unit code: required',
                severity: 'error' as const,
              },
            ]
          : []),
        ...(!d.period
          ? [
              {
                field: 'period',
                code: 'REQUIRED',
                message: 'Kỳ kê khai: bắt buộc nhập dạng mm/yyyy',
                messageEn: 'Period: required as mm/yyyy',
                severity: 'error' as const,
              },
            ]
          : []),
      ],
      'Hồ sơ phải có mã đơn vị và kỳ kê khai',
      'A dossier needs a unit code and a period',
    );
  }
  const id = randomUUID();
  const at = iso(opts.at);
  const period = d.period;
  const { text, sha256 } = draftText(draft);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO dossiers (id, unit_code, procedure, period, period_key, batch, state, draft, draft_sha256, row_count, insurance_numbers, created_at, updated_at)
       VALUES (?, ?, '600', ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      d.unitCode,
      period,
      isoMonth(period)!,
      d.batch,
      text,
      sha256,
      d.rowCount,
      JSON.stringify(d.insuranceNumbers),
      at,
      at,
    );
    log(db, id, null, 'draft', at, opts.actor ?? osActor(), 'Tạo hồ sơ');
  })();
  return requireDossier(db, id);
}

/**
 * Saves the draft as typed. Editing a signed dossier returns it to `draft` and voids the signature (the signed bytes
 * are dropped, the audit log says so); a dossier already queued or beyond cannot be edited.
 */
export function saveDraft(
  db: Database.Database,
  id: string,
  draft: Record<string, unknown>,
  opts: { at: Date | string; actor?: string; baseSha256?: string },
): { record: DossierRecord; signatureVoided: boolean } {
  // IMMEDIATE: the base check and the write hold the write lock together (another process cannot slip between).
  return db.transaction(() => saveDraftLocked(db, id, draft, opts)).immediate();
}

/** STALE for a draft changed since the caller's base; details.current carries its version to reload. */
function staleDraft(cur: DossierRecord): Error {
  return staleError(
    `Tờ khai của hồ sơ ${cur.period} (đợt ${cur.batch})`,
    `The draft of dossier ${cur.period} (batch ${cur.batch})`,
    {
      draftSha256: cur.draftSha256,
      updatedAt: cur.updatedAt,
      state: cur.state,
    },
  );
}

function saveDraftLocked(
  db: Database.Database,
  id: string,
  draft: Record<string, unknown>,
  opts: { at: Date | string; actor?: string; baseSha256?: string },
): { record: DossierRecord; signatureVoided: boolean } {
  const cur = requireDossier(db, id);
  if (cur.state !== 'draft' && cur.state !== 'signed') {
    throw new AppError(
      'CONFLICT',
      `Hồ sơ đang ở trạng thái "${cur.state}", không thể sửa; hãy lập hồ sơ mới (đợt khác)`,
      {
        en: `The dossier is "${cur.state}" and cannot be edited; create a new dossier (another batch)`,
        details: { state: cur.state },
      },
    );
  }
  const { text, sha256 } = draftText(draft);
  if (sha256 === cur.draftSha256) return { record: cur, signatureVoided: false };
  if (opts.baseSha256 !== undefined && opts.baseSha256 !== cur.draftSha256) throw staleDraft(cur);
  const d = derived(draft, cur);
  const at = iso(opts.at);
  const voided = cur.state === 'signed';
  db.transaction(() => {
    db.prepare(
      `UPDATE dossiers SET state = 'draft', draft = ?, draft_sha256 = ?, unit_code = ?, period = ?, period_key = ?, batch = ?,
         row_count = ?, insurance_numbers = ?, paper_copy_required = 0, signed_envelope = NULL, signed_sha256 = NULL,
         signer = NULL, signer_mst = NULL, signed_at = NULL, updated_at = ? WHERE id = ?`,
    ).run(
      text,
      sha256,
      d.unitCode,
      d.period!,
      isoMonth(d.period!)!,
      d.batch,
      d.rowCount,
      JSON.stringify(d.insuranceNumbers),
      at,
      id,
    );
    if (voided) log(db, id, 'signed', 'draft', at, opts.actor ?? osActor(), 'Sửa tờ khai sau khi ký: chữ ký bị hủy');
  })();
  return { record: requireDossier(db, id), signatureVoided: voided };
}

/**
 * Records the signed envelope. Refused while any validation error remains in the draft (a dossier cannot be signed
 * with an error), when the SHA-256 does not match the bytes, or when the dossier is not a draft.
 */
export function markSigned(
  db: Database.Database,
  id: string,
  s: {
    envelope: Buffer | Uint8Array | string;
    sha256: string;
    signer: string;
    mst: string | null;
    paperCopyRequired: boolean;
    at: Date | string;
    actor?: string;
    /** The draft the envelope was built from: refused (STALE) if the stored draft changed while the token signed. */
    draftSha256?: string;
  },
): DossierRecord {
  const cur = requireDossier(db, id);
  if (cur.state === 'draft' && s.draftSha256 !== undefined && s.draftSha256 !== cur.draftSha256) throw staleDraft(cur);
  if (cur.state !== 'draft') {
    throw new AppError('CONFLICT', `Chỉ ký được hồ sơ nháp; hồ sơ đang ở trạng thái "${cur.state}"`, {
      en: `Only a draft can be signed; the dossier is "${cur.state}"`,
      details: { state: cur.state },
    });
  }
  const v = validateDraft(cur.draft);
  const errors = v.problems.filter((p) => p.severity !== 'warning');
  if (v.draft) errors.push(...consistencyProblems(db, v.draft, id).filter((p) => p.severity !== 'warning'));
  if (errors.length)
    throw validationError(
      errors,
      `Không thể ký: tờ khai còn ${errors.length} lỗi`,
      `Cannot sign: the draft has ${errors.length} error(s)`,
    );
  const bytes = typeof s.envelope === 'string' ? Buffer.from(s.envelope, 'utf8') : Buffer.from(s.envelope);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== s.sha256.toLowerCase()) {
    throw new AppError('BAD_REQUEST', 'Mã băm SHA-256 không khớp với tệp hồ sơ đã ký', {
      en: 'The SHA-256 does not match the signed envelope',
      details: { expected: s.sha256, actual },
    });
  }
  const at = iso(s.at);
  db.transaction(() => {
    db.prepare(
      `UPDATE dossiers SET state = 'signed', signed_envelope = ?, signed_sha256 = ?, signer = ?, signer_mst = ?, signed_at = ?,
         paper_copy_required = ?, updated_at = ? WHERE id = ?`,
    ).run(bytes, actual, s.signer, s.mst, at, s.paperCopyRequired ? 1 : 0, at, id);
    log(
      db,
      id,
      'draft',
      'signed',
      at,
      s.actor ?? osActor(),
      s.paperCopyRequired ? 'Ký bằng chứng thư thử nghiệm: phải nộp 01 bộ hồ sơ giấy' : `Ký số bởi ${s.signer}`,
    );
  })();
  return requireDossier(db, id);
}

const EDGES: Record<DossierState, DossierState[]> = {
  draft: ['signed'],
  signed: ['draft', 'queued'],
  queued: ['sent', 'cancelled'],
  sent: ['received'],
  received: ['accepted', 'rejected'],
  accepted: [],
  rejected: [],
  cancelled: [],
};

/**
 * Moves a dossier along its life (used by the I-VAN domain for queued/sent/received/accepted/rejected/cancelled).
 * `signed → draft` voids the signature. Signing itself goes through `markSigned`.
 */
export function transition(
  db: Database.Database,
  id: string,
  to: DossierState,
  opts: { at: Date | string; actor?: string; note?: string | null },
): DossierRecord {
  const cur = requireDossier(db, id);
  if (to === 'signed')
    throw new AppError('BAD_REQUEST', 'Dùng chức năng ký số để ký hồ sơ', { en: 'Use markSigned to sign a dossier' });
  if (!EDGES[cur.state].includes(to)) {
    throw new AppError('CONFLICT', `Không thể chuyển hồ sơ từ "${cur.state}" sang "${to}"`, {
      en: `Cannot move a dossier from "${cur.state}" to "${to}"`,
      details: { from: cur.state, to },
    });
  }
  const at = iso(opts.at);
  db.transaction(() => {
    if (to === 'draft') {
      db.prepare(
        `UPDATE dossiers SET state = 'draft', paper_copy_required = 0, signed_envelope = NULL, signed_sha256 = NULL, signer = NULL,
           signer_mst = NULL, signed_at = NULL, updated_at = ? WHERE id = ?`,
      ).run(at, id);
    } else {
      db.prepare('UPDATE dossiers SET state = ?, updated_at = ? WHERE id = ?').run(to, at, id);
    }
    log(db, id, cur.state, to, at, opts.actor ?? osActor(), opts.note ?? null);
  })();
  return requireDossier(db, id);
}

/** Deletes a draft dossier (the schema refuses any other state). */
export function deleteDossier(db: Database.Database, id: string): void {
  const cur = requireDossier(db, id);
  if (cur.state !== 'draft') {
    throw new AppError('CONFLICT', 'Chỉ xóa được hồ sơ nháp', {
      en: 'Only a draft dossier can be deleted',
      details: { state: cur.state },
    });
  }
  db.prepare('DELETE FROM dossiers WHERE id = ?').run(id);
}
