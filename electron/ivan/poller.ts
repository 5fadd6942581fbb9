import type Database from 'better-sqlite3';
import type { NotificationBody } from '../../shared/ivan/profile';
import type { IvanAdapter } from './adapter';
import { getRow, transitionOutbox, type OutboxRow } from './outbox-repo';
import { canTransition } from '../../shared/ivan/outbox-state';
import { applyAcceptedDossier } from '../ledger/write-back';
import { parseInstantVN } from '../../shared/format';

/**
 * Reads the I-VAN's notifications after the stored cursor and applies them: `received` / `accepted` (with the số hồ
 * sơ) / `rejected` (with reasons) move the matching outbox entry; C12-TS statements are kept for the inbox.
 * Stored with UNIQUE(endpoint, remote_id), so re-reading a page never duplicates a notification.
 */
export interface PollResult {
  endpoint: string;
  fetched: number;
  stored: number;
  changed: number;
  error?: { code: string; message: string };
}

export function applyNotification(
  db: Database.Database,
  endpoint: string,
  n: NotificationBody,
  now: Date,
): { stored: boolean; changed: boolean } {
  const entry = db
    .prepare('SELECT * FROM ivan_outbox WHERE transaction_id = ? AND endpoint = ?')
    .get(n.transactionId, endpoint) as OutboxRow | undefined;
  const info = db
    .prepare(
      `INSERT OR IGNORE INTO ivan_notifications (endpoint, remote_id, outbox_id, transaction_id, kind, at, receipt_no, reasons, paper_copy_required, payload, stored_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      endpoint,
      n.id,
      entry?.id ?? null,
      n.transactionId,
      n.kind,
      n.at,
      n.receiptNo,
      JSON.stringify(n.reasons),
      n.paperCopyRequired ? 1 : 0,
      JSON.stringify(n),
      now.toISOString(),
    );
  if (!entry || n.kind === 'c12ts') return { stored: info.changes > 0, changed: false };
  const current = getRow(db, entry.id).state;
  // Sent entries can also be found through a notification when the send's response was lost and the process died.
  if (current === n.kind || !canTransition(current, n.kind)) return { stored: info.changes > 0, changed: false };
  const note =
    n.kind === 'accepted'
      ? `Số hồ sơ ${n.receiptNo ?? '—'}`
      : n.kind === 'rejected'
        ? n.reasons
            .map((r) => r.message)
            .join('; ')
            .slice(0, 1000)
        : 'BHXH đã tiếp nhận';
  const at = parseInstantVN(n.at) ?? now; // a zoneless time from the I-VAN is Vietnam time
  transitionOutbox(db, entry.id, n.kind, at, note, {
    receipt_no: n.receiptNo ?? entry.receipt_no,
    reasons: JSON.stringify(n.reasons),
    paper_copy_required: n.paperCopyRequired ? 1 : entry.paper_copy_required,
  });
  // What BHXH accepted is now what it knows: the rows and the assigned mã số go into the participation ledger.
  if (n.kind === 'accepted' && entry.dossier_id)
    applyAcceptedDossier(db, entry.dossier_id, at, n.insuranceNumbers ?? []);
  return { stored: info.changes > 0, changed: true };
}

export async function pollEndpoint(
  db: Database.Database,
  endpoint: string,
  adapter: IvanAdapter,
  now: () => Date,
  maxPages = 50,
): Promise<PollResult> {
  const res: PollResult = { endpoint, fetched: 0, stored: 0, changed: 0 };
  let after =
    (
      db.prepare('SELECT after_id FROM ivan_poll_cursors WHERE endpoint = ?').get(endpoint) as
        { after_id: number } | undefined
    )?.after_id ?? 0;
  try {
    for (let page = 0; page < maxPages; page++) {
      const p = await adapter.notifications(after);
      db.transaction(() => {
        for (const n of p.items) {
          const r = applyNotification(db, endpoint, n, now());
          res.fetched++;
          if (r.stored) res.stored++;
          if (r.changed) res.changed++;
        }
        db.prepare(
          'INSERT INTO ivan_poll_cursors (endpoint, after_id, polled_at) VALUES (?, ?, ?) ON CONFLICT (endpoint) DO UPDATE SET after_id = excluded.after_id, polled_at = excluded.polled_at',
        ).run(endpoint, p.next, now().toISOString());
      })();
      // Only a cursor that did not move ends the poll: a page can be empty for us yet move on (every item of a kind
      // this version skips, or ids already read), and stopping there would leave the next page for the next poll.
      if (p.next <= after) break;
      after = p.next;
    }
  } catch (e) {
    const err = e as { code?: string; message: string };
    res.error = { code: err.code ?? 'INTERNAL', message: err.message };
  }
  return res;
}

/** Endpoints worth polling: those with entries still waiting for a result. */
export function endpointsToPoll(
  db: Database.Database,
): { endpoint: string; unitCode: string | null; providerCode: string | null }[] {
  return db
    .prepare(
      "SELECT endpoint, MAX(unit_code) AS unitCode, MAX(provider_code) AS providerCode FROM ivan_outbox WHERE state IN ('sent','received') GROUP BY endpoint",
    )
    .all() as { endpoint: string; unitCode: string | null; providerCode: string | null }[];
}
