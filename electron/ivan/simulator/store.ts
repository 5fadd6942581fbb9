import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteReason, RemoteStatus } from '../../../shared/ivan/profile';

/**
 * The local I-VAN server's own store (`<data>/ivan-server.db`), separate from any client database.
 * One row per transaction; `UNIQUE (idempotency_key, content_sha256)` is what makes a retried submission
 * land on the same row even when two retries race.
 */
export const SERVER_DB_FILE = 'ivan-server.db';

export interface TransactionRow {
  transaction_id: string;
  kind: 'dossier' | 'registration';
  idempotency_key: string;
  content_sha256: string;
  provider_code: string | null;
  unit_code: string | null;
  agency_code: string | null;
  period: string | null;
  status: RemoteStatus;
  receipt_no: string | null;
  reasons: string;
  paper_copy_required: number;
  checks_done: number;
  findings: string;
  received_at: string;
  decide_after: string;
  decided_at: string | null;
  xml: Buffer;
}

export interface StoredTransaction {
  transactionId: string;
  dossierId: string;
  kind: 'dossier' | 'registration';
  status: RemoteStatus;
  receiptNo: string | null;
  reasons: RemoteReason[];
  paperCopyRequired: boolean;
  receivedAt: string;
  decidedAt: string | null;
  unitCode: string | null;
  agencyCode: string | null;
  period: string | null;
}

export function toStored(r: TransactionRow): StoredTransaction {
  return {
    transactionId: r.transaction_id,
    dossierId: r.idempotency_key,
    kind: r.kind,
    status: r.status,
    receiptNo: r.receipt_no,
    reasons: JSON.parse(r.reasons) as RemoteReason[],
    paperCopyRequired: r.paper_copy_required === 1,
    receivedAt: r.received_at,
    decidedAt: r.decided_at,
    unitCode: r.unit_code,
    agencyCode: r.agency_code,
    period: r.period,
  };
}

export function openServerStore(dataDir: string, opts: { readonly?: boolean } = {}): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SERVER_DB_FILE), {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
  });
  if (opts.readonly) return db;
  db.pragma('journal_mode = WAL');
  // FULL: a transaction the server acknowledged (or stored before dropping the socket) must survive a crash.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS transactions (
      transaction_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('dossier','registration')),
      idempotency_key TEXT NOT NULL,
      content_sha256 TEXT NOT NULL,
      provider_code TEXT,
      unit_code TEXT,
      agency_code TEXT,
      period TEXT,
      status TEXT NOT NULL CHECK (status IN ('received','accepted','rejected')),
      receipt_no TEXT UNIQUE,
      reasons TEXT NOT NULL DEFAULT '[]',
      paper_copy_required INTEGER NOT NULL DEFAULT 0,
      checks_done INTEGER NOT NULL DEFAULT 0,
      findings TEXT NOT NULL DEFAULT '{}',
      received_at TEXT NOT NULL,
      decide_after TEXT NOT NULL,
      decided_at TEXT,
      xml BLOB NOT NULL,
      UNIQUE (idempotency_key, content_sha256)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS transactions_key ON transactions (idempotency_key);
    CREATE TABLE IF NOT EXISTS notifications (
      id INTEGER PRIMARY KEY,
      transaction_id TEXT NOT NULL REFERENCES transactions(transaction_id),
      kind TEXT NOT NULL,
      at TEXT NOT NULL,
      payload TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS receipt_counters (
      agency_code TEXT NOT NULL,
      year INTEGER NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (agency_code, year)
    ) STRICT;
  `);
  return db;
}

/** Everything the server stored, oldest first (what `kekhai ivan list` prints). */
export function listTransactions(db: Database.Database): StoredTransaction[] {
  return (db.prepare('SELECT * FROM transactions ORDER BY received_at, rowid').all() as TransactionRow[]).map(toStored);
}

/** Next số hồ sơ sequence for (agency, year), atomically. */
export function nextReceiptSequence(db: Database.Database, agencyCode: string, year: number): number {
  const row = db
    .prepare(
      `INSERT INTO receipt_counters (agency_code, year, last) VALUES (?, ?, 1)
       ON CONFLICT (agency_code, year) DO UPDATE SET last = last + 1 RETURNING last`,
    )
    .get(agencyCode, year) as { last: number };
  return row.last;
}
