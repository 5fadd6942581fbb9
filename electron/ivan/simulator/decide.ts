import type Database from 'better-sqlite3';
import { formatReceiptNo } from '../../../shared/ivan/receipt-number';
import { readEnvelope } from '../../../shared/ivan/envelope-read';
import { nextReceiptSequence, type TransactionRow } from './store';
import type { Findings } from './checks';
import { acceptedSalaries, c12Statement } from './c12';
import { assignNumbers } from './assign-numbers';
import { vietnamParts } from '../../../shared/format';

/**
 * Publishes the result of every checked transaction whose moment has come: rejected with the checks' reasons, or
 * accepted with a số hồ sơ `NNNNN/YYYY/CCCCC` (CCCCC = the unit's mã cơ quan BHXH from the envelope) and, for a
 * procedure-600 dossier, a C12-TS statement.
 */
export async function decideDue(db: Database.Database, now: Date): Promise<number> {
  const due = db
    .prepare(
      "SELECT * FROM transactions WHERE status = 'received' AND checks_done = 1 AND decide_after <= ? ORDER BY received_at, rowid",
    )
    .all(now.toISOString()) as TransactionRow[];
  if (!due.length) return 0;
  const at = new Date(Math.min(now.getTime(), Date.now())).toISOString();
  const apply = db.transaction((rows: TransactionRow[]) => {
    for (const r of rows) {
      const f = JSON.parse(r.findings) as Findings;
      if (f.reasons.length > 0) {
        db.prepare(
          "UPDATE transactions SET status = 'rejected', reasons = ?, decided_at = ? WHERE transaction_id = ? AND status = 'received'",
        ).run(JSON.stringify(f.reasons), at, r.transaction_id);
        db.prepare("INSERT INTO notifications (transaction_id, kind, at, payload) VALUES (?, 'rejected', ?, '{}')").run(
          r.transaction_id,
          at,
        );
        continue;
      }
      let receiptNo: string | null = null;
      if (r.kind === 'dossier' && r.agency_code && /^\d{5}$/.test(r.agency_code)) {
        const year = vietnamParts(new Date(r.received_at)).year;
        receiptNo = formatReceiptNo(nextReceiptSequence(db, r.agency_code, year), year, r.agency_code);
      }
      db.prepare(
        "UPDATE transactions SET status = 'accepted', receipt_no = ?, paper_copy_required = ?, decided_at = ? WHERE transaction_id = ?",
      ).run(receiptNo, f.paperCopyRequired ? 1 : 0, at, r.transaction_id);
      const numbers =
        r.kind === 'dossier' && r.agency_code
          ? assignNumbers(db, readEnvelope(r.xml.toString('utf8')), r.agency_code)
          : [];
      db.prepare("INSERT INTO notifications (transaction_id, kind, at, payload) VALUES (?, 'accepted', ?, ?)").run(
        r.transaction_id,
        at,
        JSON.stringify(numbers.length ? { insuranceNumbers: numbers } : {}),
      );
      if (r.kind === 'dossier') {
        const facts = readEnvelope(r.xml.toString('utf8'));
        if (facts.procedure === '600' && facts.period && facts.unitCode && r.agency_code) {
          const statement = c12Statement(facts, r.agency_code, acceptedSalaries(db, facts.unitCode, r.transaction_id));
          db.prepare("INSERT INTO notifications (transaction_id, kind, at, payload) VALUES (?, 'c12ts', ?, ?)").run(
            r.transaction_id,
            at,
            JSON.stringify({ statement }),
          );
        }
      }
    }
  });
  apply(due);
  return due.length;
}
