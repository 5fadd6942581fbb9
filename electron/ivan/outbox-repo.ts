import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AppError } from '../core/app-error';
import { pathTo, type OutboxState } from '../../shared/ivan/outbox-state';
import type { RemoteReason } from '../../shared/ivan/profile';
import { readEnvelope, type EnvelopeFacts } from '../../shared/ivan/envelope-read';
import { checkUtf8, asAppError } from '../signing/xml-input';
import { checkEndpoint } from './endpoint-policy';
import { mirrorToDossier } from './dossier-mirror';
import { rememberFileFacts } from './file-facts';
import { refuseBrokenSignature } from './intact-check';

/** The durable outbox (migration 0050 `ivan_outbox`). Every state change is recorded with its time. */
export interface OutboxRow {
  id: number;
  dossier_id: string;
  kind: 'dossier' | 'registration';
  idempotency_key: string;
  content_sha256: string;
  unit_code: string | null;
  provider_code: string | null;
  endpoint: string;
  file_name: string;
  period: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error_code: string | null;
  last_error: string | null;
  transaction_id: string | null;
  receipt_no: string | null;
  reasons: string;
  paper_copy_required: number;
  created_at: string;
  updated_at: string;
  /** Lease of the sender delivering it now (real clock, migration 0090); null when nobody is sending it. */
  claimed_until: string | null;
  claimed_by: string | null;
}

export interface OutboxEntry {
  id: number;
  dossierId: string;
  idempotencyKey: string;
  unitCode: string | null;
  providerCode: string | null;
  endpoint: string;
  fileName: string;
  period: string | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  transactionId: string | null;
  receiptNo: string | null;
  reasons: RemoteReason[];
  paperCopyRequired: boolean;
  createdAt: string;
  updatedAt: string;
  /** A sender holds it now (its claim has not expired; leases run on the real clock, see sender.ts). */
  sending: boolean;
}

/** Entries that need a person (refused, bad credentials, key conflict) wait here instead of being retried. */
export const HELD = '9999-12-31T00:00:00.000Z';

export function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    idempotencyKey: r.idempotency_key,
    unitCode: r.unit_code,
    providerCode: r.provider_code,
    endpoint: r.endpoint,
    fileName: r.file_name,
    period: r.period,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'queued' && r.next_attempt_at !== HELD ? r.next_attempt_at : null,
    lastErrorCode: r.last_error_code,
    lastError: r.last_error,
    transactionId: r.transaction_id,
    receiptNo: r.receipt_no,
    reasons: JSON.parse(r.reasons) as RemoteReason[],
    paperCopyRequired: r.paper_copy_required === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sending: r.state === 'queued' && r.claimed_until !== null && r.claimed_until > new Date().toISOString(),
  };
}

export const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A loose file's idempotency key: its content hash, so the same bytes always map to the same transaction. */
export const fileKey = (xml: Uint8Array) => `sha256-${sha256Hex(xml)}`;

/** Hook to mirror outbox transitions into the dossier's own state machine (declarations, migration 0030). */
export type DossierMirror = (
  db: Database.Database,
  dossierId: string,
  to: OutboxState,
  at: Date,
  note?: string,
) => void;
const mirror: DossierMirror | null = mirrorToDossier;

export function getRow(db: Database.Database, id: number): OutboxRow {
  const r = db.prepare('SELECT * FROM ivan_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `Không có hồ sơ số ${id} trong hàng đợi`, { en: `No outbox entry ${id}` });
  return r;
}

/** Moves an entry to `to`, recording every intermediate step (queued → accepted records sent, received, accepted). */
export function transitionOutbox(
  db: Database.Database,
  id: number,
  to: OutboxState,
  at: Date,
  note?: string,
  extra: Record<string, unknown> = {},
): void {
  const r = getRow(db, id);
  if (r.state === to) return;
  const steps = pathTo(r.state, to);
  if (!steps.length)
    throw new AppError('CONFLICT', `Không thể chuyển hồ sơ từ "${r.state}" sang "${to}"`, {
      en: `Cannot move the entry from ${r.state} to ${to}`,
    });
  const iso = at.toISOString();
  let from: OutboxState = r.state;
  const ins = db.prepare(
    'INSERT INTO ivan_outbox_transitions (outbox_id, from_state, to_state, at, note) VALUES (?, ?, ?, ?, ?)',
  );
  for (const s of steps) {
    ins.run(id, from, s, iso, s === to ? (note ?? null) : null);
    mirror?.(db, r.dossier_id, s, at, s === to ? note : undefined);
    from = s;
  }
  const sets = ['state = @state', 'updated_at = @at', ...Object.keys(extra).map((k) => `${k} = @${k}`)];
  db.prepare(`UPDATE ivan_outbox SET ${sets.join(', ')} WHERE id = @id`).run({ ...extra, state: to, at: iso, id });
}

/** The envelope facts through the shared strict reader; refusals become AppErrors (exit 1, Vietnamese message). */
export function readDossierFacts(xml: Uint8Array): EnvelopeFacts {
  checkUtf8(xml, 'Hồ sơ');
  try {
    return readEnvelope(Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('latin1'), { latin1: true });
  } catch (e) {
    throw asAppError(e);
  }
}

export interface AddInput {
  xml: Uint8Array;
  fileName: string;
  endpoint: string;
  dossierId?: string;
  providerCode?: string | null;
  unitCode?: string | null;
  kind?: 'dossier' | 'registration';
  now: Date;
}

/**
 * Queues a signed dossier. Adding the same bytes again returns the existing entry (so `outbox add` is safe to repeat);
 * the same dossier with different bytes is refused while its earlier submission is still alive — a corrected,
 * re-signed dossier may be queued once the earlier one was rejected or cancelled.
 */
export function addToOutbox(db: Database.Database, input: AddInput): { entry: OutboxEntry; created: boolean } {
  checkEndpoint(input.endpoint);
  // The one strict reader (issue #12): a dossier that hides data in comments, PIs, CDATA, duplicate elements or an
  // unsigned Object is refused here, before anything is stored — never filed under a unit code nobody signed.
  const facts = readDossierFacts(input.xml);
  if (!facts.signed) {
    throw new AppError('NOT_SIGNED', 'Hồ sơ chưa được ký số tại Hoso/CKy_Dvi; hãy ký trước khi gửi', {
      en: 'The dossier is not signed at Hoso/CKy_Dvi; sign it before sending',
    });
  }
  refuseBrokenSignature(input.xml, input.kind ?? facts.kind, input.now);
  const hash = sha256Hex(input.xml);
  // What the file says (unit name, procedure, batch) labels it in history when no dossier row exists (issue #13).
  rememberFileFacts(hash, facts);
  const key = input.dossierId ?? fileKey(input.xml);
  return db.transaction(() => {
    const same = db
      .prepare('SELECT * FROM ivan_outbox WHERE idempotency_key = ? AND content_sha256 = ?')
      .get(key, hash) as OutboxRow | undefined;
    if (same) return { entry: toEntry(same), created: false };
    const live = db
      .prepare("SELECT id, state FROM ivan_outbox WHERE idempotency_key = ? AND state NOT IN ('rejected','cancelled')")
      .get(key) as { id: number; state: string } | undefined;
    if (live) {
      throw new AppError(
        'CONFLICT',
        `Hồ sơ ${key} đã có trong hàng đợi (số ${live.id}, trạng thái ${live.state}) với nội dung khác; hãy huỷ bản cũ trước`,
        {
          en: `Dossier ${key} is already in the outbox (entry ${live.id}, ${live.state}) with other content; cancel it first`,
        },
      );
    }
    const iso = input.now.toISOString();
    const info = db
      .prepare(
        `INSERT INTO ivan_outbox (kind, dossier_id, idempotency_key, content_sha256, unit_code, provider_code, endpoint, file_name, period, signed_xml, state, attempts, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
      )
      .run(
        input.kind ?? facts.kind,
        input.dossierId ?? key,
        key,
        hash,
        input.unitCode ?? facts.unitCode,
        input.providerCode ?? facts.ivanCode,
        input.endpoint,
        input.fileName,
        facts.period,
        Buffer.from(input.xml),
        iso,
        iso,
        iso,
      );
    const id = Number(info.lastInsertRowid);
    db.prepare(
      "INSERT INTO ivan_outbox_transitions (outbox_id, from_state, to_state, at, note) VALUES (?, NULL, 'queued', ?, NULL)",
    ).run(id, iso);
    mirror?.(db, input.dossierId ?? key, 'queued', input.now);
    return { entry: toEntry(getRow(db, id)), created: true };
  })();
}

export function listOutbox(db: Database.Database, filter: { states?: OutboxState[] } = {}): OutboxEntry[] {
  const rows = db.prepare('SELECT * FROM ivan_outbox ORDER BY id').all() as OutboxRow[];
  return rows.filter((r) => !filter.states || filter.states.includes(r.state)).map(toEntry);
}

export function cancelOutbox(db: Database.Database, id: number, at: Date): OutboxEntry {
  // IMMEDIATE: no sender can claim the entry between the check and the cancel.
  return db
    .transaction(() => {
      const r = getRow(db, id);
      if (r.state !== 'queued') {
        throw new AppError('CONFLICT', `Chỉ huỷ được hồ sơ đang chờ gửi; hồ sơ ${id} đang ở trạng thái "${r.state}"`, {
          en: `Only queued entries can be cancelled; entry ${id} is ${r.state}`,
        });
      }
      // A sender holds it (another window, `kekhai outbox send`, this page before a reload): the I-VAN may be
      // receiving it right now. Cancelled here, it would show "Đã huỷ" for a dossier BHXH received.
      if (toEntry(r).sending) {
        throw new AppError(
          'IN_PROGRESS',
          `Hồ sơ ${id} đang được gửi tới I-VAN nên chưa huỷ được; chờ kết quả gửi rồi xem lại`,
          { en: `Entry ${id} is being sent to the I-VAN and cannot be cancelled now; wait for the send's result` },
        );
      }
      transitionOutbox(db, id, 'cancelled', at, 'Người dùng huỷ');
      return toEntry(getRow(db, id));
    })
    .immediate();
}

export function transitionsOf(
  db: Database.Database,
  id: number,
): { from: string | null; to: string; at: string; note: string | null }[] {
  return (
    db
      .prepare('SELECT from_state, to_state, at, note FROM ivan_outbox_transitions WHERE outbox_id = ? ORDER BY id')
      .all(id) as { from_state: string | null; to_state: string; at: string; note: string | null }[]
  ).map((t) => ({
    from: t.from_state,
    to: t.to_state,
    at: t.at,
    note: t.note,
  }));
}

export function signedBytes(db: Database.Database, id: number): Buffer {
  return (db.prepare('SELECT signed_xml FROM ivan_outbox WHERE id = ?').get(id) as { signed_xml: Buffer }).signed_xml;
}
