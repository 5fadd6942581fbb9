import type Database from 'better-sqlite3';
import type { HistoryItem, InboxItem } from '../../shared/contract/ivan';
import { dossierLabeler } from './dossier-label';
import { toEntry, transitionsOf, type OutboxRow } from './outbox-repo';
import type { OutboxState } from '../../shared/ivan/outbox-state';

interface NotificationRow {
  id: number;
  outbox_id: number | null;
  transaction_id: string;
  kind: InboxItem['kind'];
  at: string;
  receipt_no: string | null;
  reasons: string;
  paper_copy_required: number;
  payload: string;
  read_at: string | null;
  dossier_id: string | null;
  file_name: string | null;
  unit_code: string | null;
  period: string | null;
}

export function inbox(db: Database.Database, unreadOnly = false): InboxItem[] {
  const rows = db
    .prepare(
      `SELECT n.*, o.dossier_id, o.file_name, o.unit_code, o.period FROM ivan_notifications n LEFT JOIN ivan_outbox o ON o.id = n.outbox_id
       ${unreadOnly ? 'WHERE n.read_at IS NULL' : ''} ORDER BY n.at DESC, n.id DESC LIMIT 1000`,
    )
    .all() as NotificationRow[];
  const label = dossierLabeler(db);
  return rows.map((r) => ({
    ...label({
      outboxId: r.outbox_id,
      dossierId: r.dossier_id,
      unitCode: r.unit_code,
      period: r.period,
      receiptNo: r.receipt_no,
    }),
    id: r.id,
    outboxId: r.outbox_id,
    dossierId: r.dossier_id,
    fileName: r.file_name,
    transactionId: r.transaction_id,
    kind: r.kind,
    at: r.at,
    receiptNo: r.receipt_no,
    reasons: JSON.parse(r.reasons) as InboxItem['reasons'],
    paperCopyRequired: r.paper_copy_required === 1,
    statement: (JSON.parse(r.payload) as { statement?: unknown }).statement ?? null,
    read: r.read_at !== null,
  }));
}

export function markRead(db: Database.Database, ids: number[], at: Date): number {
  const st = db.prepare('UPDATE ivan_notifications SET read_at = ? WHERE id = ? AND read_at IS NULL');
  let n = 0;
  db.transaction(() => {
    for (const id of ids) n += st.run(at.toISOString(), id).changes;
  })();
  return n;
}

/** Folds Vietnamese diacritics so "ho so" finds "hồ sơ" (đ → d as well). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function history(
  db: Database.Database,
  q: { query?: string; period?: string; states?: OutboxState[] },
): HistoryItem[] {
  const rows = db.prepare('SELECT * FROM ivan_outbox ORDER BY created_at DESC, id DESC').all() as OutboxRow[];
  const needle = q.query ? fold(q.query.trim()) : '';
  const receipts = db.prepare(
    'SELECT transaction_id, received_at, acknowledgement FROM ivan_receipts WHERE outbox_id = ? ORDER BY id',
  );
  const notes = db.prepare("SELECT GROUP_CONCAT(reasons, ' ') AS r FROM ivan_notifications WHERE outbox_id = ?");
  const label = dossierLabeler(db);
  const out: HistoryItem[] = [];
  for (const r of rows) {
    const l = label({
      outboxId: r.id,
      dossierId: r.dossier_id,
      unitCode: r.unit_code,
      period: r.period,
      receiptNo: r.receipt_no,
    });
    if (q.period && l.period !== q.period) continue;
    if (q.states && !q.states.includes(r.state)) continue;
    if (needle) {
      const hay = fold(
        [
          r.dossier_id,
          r.file_name,
          r.transaction_id ?? '',
          r.receipt_no ?? '',
          r.unit_code ?? '',
          l.unitName ?? '',
          l.procedure ?? '',
          r.period ?? '',
          r.reasons,
          (notes.get(r.id) as { r: string | null }).r ?? '',
        ].join(' '),
      );
      if (!hay.includes(needle)) continue;
    }
    out.push({
      ...toEntry(r),
      ...l,
      transitions: transitionsOf(db, r.id),
      receipts: (receipts.all(r.id) as { transaction_id: string; received_at: string; acknowledgement: string }[]).map(
        (x) => ({ transactionId: x.transaction_id, receivedAt: x.received_at, acknowledgement: x.acknowledgement }),
      ),
    });
  }
  return out;
}
