import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { AppError } from '../core/app-error';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../../shared/ivan/backoff';
import type { AdapterOptions, IvanAdapter } from './adapter';
import { HttpIvanAdapter } from './http-adapter';
import { getRow, HELD, signedBytes, toEntry, transitionOutbox, type OutboxEntry, type OutboxRow } from './outbox-repo';
import { credentialsFor } from './settings-repo';

/**
 * Delivers queued dossiers. Safe to kill at any instant and rerun: the attempt counter is written before the
 * request, the result after it, and the I-VAN deduplicates by idempotency key — so a response lost between the two
 * only costs one more request that returns the same transaction.
 */
export interface SenderDeps {
  now(): Date;
  random(): number;
  policy: BackoffPolicy;
  adapterFor(row: OutboxRow): IvanAdapter;
  sleep(ms: number): Promise<void>;
  onAttempt?(entry: OutboxEntry, outcome: 'sent' | 'retry' | 'held'): void;
}

/** Errors a person must fix (the next attempt would fail the same way): the entry is held, not retried. */
const NEEDS_PERSON = new Set([
  'IVAN_REFUSED',
  'IVAN_AUTH',
  'IVAN_REDIRECT',
  'IVAN_CONFLICT',
  'IVAN_ENDPOINT',
  'IVAN_TLS',
  'SECRET_BAD',
  'SECRET_KEY_MISSING',
  'SECRET_SCHEME',
]);

export function defaultAdapterFor(db: Database.Database, extra: Partial<AdapterOptions> = {}) {
  return (row: OutboxRow): IvanAdapter =>
    new HttpIvanAdapter({
      endpoint: row.endpoint,
      providerCode: row.provider_code ?? undefined,
      credentials: credentialsFor(db, row.unit_code),
      ...extra,
    });
}

export function defaultSenderDeps(db: Database.Database, overrides: Partial<SenderDeps> = {}): SenderDeps {
  return {
    now: () => new Date(),
    random: Math.random,
    policy: DEFAULT_BACKOFF,
    adapterFor: defaultAdapterFor(db),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    ...overrides,
  };
}

/**
 * How long a claim holds an entry. Longer than any one request (the adapter's timeouts are far shorter); a sender
 * that died mid-send leaves a lease that expires, and the next attempt carries the same idempotency key.
 * Leases use the real clock, not the test clock, since they coordinate real processes.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;
const OWNER = `${hostname()}:${process.pid}`;

/**
 * Claims an entry for one attempt with a single conditional UPDATE (compare-and-set on the attempt counter, the
 * state and the lease), so of any number of senders exactly one wins it; the others skip it. Returns the attempt
 * number, or null when another sender has it, sent it or attempted it meanwhile.
 */
export function claimForSending(
  db: Database.Database,
  row: OutboxRow,
  at: Date,
  realNow: number = Date.now(),
): number | null {
  const claimed = db
    .prepare(
      `UPDATE ivan_outbox SET attempts = attempts + 1, claimed_until = ?, claimed_by = ?, updated_at = ?
       WHERE id = ? AND state = 'queued' AND attempts = ? AND (claimed_until IS NULL OR claimed_until <= ?)`,
    )
    .run(
      new Date(realNow + CLAIM_LEASE_MS).toISOString(),
      OWNER,
      at.toISOString(),
      row.id,
      row.attempts,
      new Date(realNow).toISOString(),
    );
  return claimed.changes === 1 ? row.attempts + 1 : null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Frees the leases of senders on this machine that no longer run (killed mid-send), so a rerun does not wait for
 * the lease to expire. A lease of a live process, or of another machine sharing the folder, is left alone.
 */
export function releaseDeadClaims(db: Database.Database): number {
  const owners = db.prepare('SELECT DISTINCT claimed_by FROM ivan_outbox WHERE claimed_by IS NOT NULL').all() as {
    claimed_by: string;
  }[];
  let freed = 0;
  for (const { claimed_by: owner } of owners) {
    const m = /^(.*):(\d+)$/.exec(owner);
    if (!m || m[1] !== hostname() || Number(m[2]) === process.pid || processAlive(Number(m[2]))) continue;
    freed += db
      .prepare('UPDATE ivan_outbox SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = ?')
      .run(owner).changes;
  }
  return freed;
}

export async function sendOne(
  db: Database.Database,
  id: number,
  deps: SenderDeps,
): Promise<'sent' | 'retry' | 'held' | 'skipped'> {
  const row = getRow(db, id);
  if (row.state !== 'queued') return 'skipped';
  // A claim left by a sender killed mid-send on this machine (the window closed during "Nộp") is freed here too, not
  // only by `outbox send`: otherwise pressing "Nộp" again answers "being sent" until the lease runs out.
  if (row.claimed_by) releaseDeadClaims(db);
  const attempt = claimForSending(db, row, deps.now());
  if (attempt === null) return 'skipped';
  try {
    const adapter = deps.adapterFor(row);
    const receipt = await adapter.submit(signedBytes(db, id), row.idempotency_key, row.kind);
    const at = deps.now();
    db.transaction(() => {
      db.prepare('UPDATE ivan_outbox SET claimed_until = NULL, claimed_by = NULL WHERE id = ?').run(id);
      // The entry may have been moved by a concurrent poll meanwhile; only a queued one becomes sent.
      if (getRow(db, id).state !== 'queued') return;
      db.prepare(
        'INSERT OR IGNORE INTO ivan_receipts (outbox_id, transaction_id, received_at, acknowledgement, stored_at) VALUES (?, ?, ?, ?, ?)',
      ).run(id, receipt.transactionId, receipt.receivedAt, receipt.acknowledgement, at.toISOString());
      transitionOutbox(
        db,
        id,
        'sent',
        at,
        receipt.duplicate ? 'I-VAN xác nhận đã nhận trước đó (gửi lại sau khi mất trả lời)' : 'I-VAN đã nhận',
        {
          transaction_id: receipt.transactionId,
          last_error_code: null,
          last_error: null,
        },
      );
    })();
    deps.onAttempt?.(toEntry(getRow(db, id)), 'sent');
    return 'sent';
  } catch (e) {
    const err =
      e instanceof AppError
        ? e
        : new AppError('IVAN_UNREACHABLE', `Lỗi khi gửi: ${(e as Error).message}`, {
            en: `Send failed: ${(e as Error).message}`,
          });
    const held = NEEDS_PERSON.has(err.code);
    // A server's Retry-After (429/503, RFC 9110 §10.2.3) is a floor on the wait: retrying sooner only meets the
    // same refusal and adds to a month-end overload.
    const asked = (err.details as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 0;
    const next = held
      ? HELD
      : new Date(
          deps.now().getTime() + Math.max(asked, backoffDelay(attempt, deps.policy, deps.random())),
        ).toISOString();
    db.prepare(
      'UPDATE ivan_outbox SET last_error_code = ?, last_error = ?, next_attempt_at = ?, updated_at = ?, claimed_until = NULL, claimed_by = NULL WHERE id = ?',
    ).run(err.code, err.message, next, deps.now().toISOString(), id);
    deps.onAttempt?.(toEntry(getRow(db, id)), held ? 'held' : 'retry');
    return held ? 'held' : 'retry';
  }
}

export interface SendReport {
  attempted: number;
  sent: number;
  retrying: number;
  held: number;
  queued: number;
}

/** Due entries nobody else is sending right now (a live lease belongs to another sender). */
function dueIds(db: Database.Database, now: Date, limit: number): number[] {
  const rows = db
    .prepare(
      "SELECT id FROM ivan_outbox WHERE state = 'queued' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_attempt_at, id LIMIT ?",
    )
    .all(now.toISOString(), new Date().toISOString(), limit) as { id: number }[];
  return rows.map((r) => r.id);
}

function counts(db: Database.Database): {
  queued: number;
  waiting: number;
  nextAt: string | null;
  heldByOthers: number;
} {
  const r = db
    .prepare(
      "SELECT COUNT(*) AS queued, SUM(next_attempt_at != ?) AS waiting, MIN(CASE WHEN next_attempt_at != ? THEN next_attempt_at END) AS nextAt, SUM(claimed_until > ?) AS heldByOthers FROM ivan_outbox WHERE state = 'queued'",
    )
    .get(HELD, HELD, new Date().toISOString()) as {
    queued: number;
    waiting: number | null;
    nextAt: string | null;
    heldByOthers: number | null;
  };
  return { queued: r.queued, waiting: r.waiting ?? 0, nextAt: r.nextAt, heldByOthers: r.heldByOthers ?? 0 };
}

/**
 * One pass (`untilEmpty` false): every entry due now, `concurrency` at a time. With `untilEmpty`, keeps going —
 * sleeping until the next retry is due — until no entry is waiting for delivery (held ones need a person).
 */
export async function sendOutbox(
  db: Database.Database,
  deps: SenderDeps,
  opts: { untilEmpty?: boolean; concurrency?: number; signal?: AbortSignal } = {},
): Promise<SendReport> {
  const report: SendReport = { attempted: 0, sent: 0, retrying: 0, held: 0, queued: 0 };
  const concurrency = Math.max(1, Math.min(16, opts.concurrency ?? 4));
  for (;;) {
    if (opts.signal?.aborted) break;
    releaseDeadClaims(db);
    const ids = dueIds(db, deps.now(), 500);
    for (let i = 0; i < ids.length; i += concurrency) {
      const results = await Promise.all(ids.slice(i, i + concurrency).map((id) => sendOne(db, id, deps)));
      for (const r of results) {
        if (r === 'skipped') continue;
        report.attempted++;
        if (r === 'sent') report.sent++;
        else if (r === 'retry') report.retrying++;
        else report.held++;
      }
    }
    const c = counts(db);
    report.queued = c.queued;
    if (!opts.untilEmpty || c.waiting === 0) break;
    if (!ids.length && c.nextAt) {
      const due = Date.parse(c.nextAt) - deps.now().getTime();
      // Nothing of ours is due yet: wait for the next one; a due entry another sender holds: look again in a moment.
      const wait = due > 0 ? due : c.heldByOthers > 0 ? 250 : 0;
      await deps.sleep(Math.min(wait, 5_000));
    }
  }
  // Retries are counted per attempt; report what is left waiting now.
  const c = counts(db);
  report.queued = c.queued;
  report.retrying = c.waiting;
  report.held = c.queued - c.waiting;
  return report;
}
