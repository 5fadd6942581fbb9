import { formatDateTimeVN } from '../../../shared/format';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { isUtf8 } from 'node:buffer';
import { hasHosoRoot, readEnvelope } from '../../../shared/ivan/envelope-read';
import { XmlInputError } from '../../../shared/signing/xml-error';
import {
  IDEMPOTENCY_HEADER,
  idempotencyKey,
  PROVIDER_HEADER,
  type NotificationBody,
  type ReceiptBody,
  type StatusBody,
} from '../../../shared/ivan/profile';
import { openServerStore, toStored, type TransactionRow } from './store';
import { seededRandom, type FailureOptions } from './failures';
import { createChecker, sha256Hex, type DossierChecker } from './checks';
import { decideDue } from './decide';
import { megabytes } from '../../host/body-limits';

/**
 * The local I-VAN server (`kekhai ivan serve`): implements resources/openapi/kekhai-ivan.yaml over plain HTTP on
 * 127.0.0.1 for training and tests, with its own SQLite store, real checks and failure injection.
 */
export interface IvanServerOptions extends Partial<FailureOptions> {
  dataDir: string;
  port?: number;
  host?: string;
  resourcesDir: string;
  /** Delay between receipt and result ("a moment later"). */
  resultDelayMs?: number;
  checker?: DossierChecker;
  /** Basic credentials required when set. */
  auth?: { username: string; password: string };
  now?: () => Date;
  maxBodyBytes?: number;
}

export interface RunningIvanServer {
  url: string;
  port: number;
  db: Database.Database;
  close(): Promise<void>;
  /** Runs pending checks and publishes due results now (tests, `ivan list`). */
  settle(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  const s = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(s),
    'cache-control': 'no-store',
  });
  res.end(s);
};
const err = (res: ServerResponse, status: number, code: string, message: string) =>
  json(res, status, { error: { code, message } });

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startIvanServer(opts: IvanServerOptions): Promise<RunningIvanServer> {
  const db = openServerStore(opts.dataDir);
  const now = opts.now ?? (() => new Date());
  const random = seededRandom(opts.seed ?? Date.now() & 0xffffffff);
  const failRate = opts.failRate ?? 0;
  const dropRate = opts.dropResponseRate ?? 0;
  const latency = opts.latencyMs ?? 0;
  const resultDelay = opts.resultDelayMs ?? 1500;
  const maxBody = opts.maxBodyBytes ?? 50 * 1024 * 1024;
  const checker = opts.checker ?? createChecker({ resourcesDir: opts.resourcesDir });
  const pendingChecks = new Set<Promise<void>>();

  // Checks (xmllint-wasm starts a worker per validation) run two at a time, so a burst of submissions queues
  // its checks instead of starting hundreds of workers at once.
  let active = 0;
  let closing = false;
  const waiting: (() => void)[] = [];
  const slot = async () => {
    if (active >= 2) await new Promise<void>((r) => waiting.push(r));
    active++;
  };
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  const runChecks = (txId: string, xml: string, receivedAt: Date) => {
    const p = (async () => {
      await slot();
      if (closing) return release(); // redone at the next start (checks_done = 0)
      const facts = readEnvelope(xml);
      let findings;
      try {
        findings = await checker.check(xml, facts, receivedAt);
      } catch (e) {
        findings = {
          reasons: [{ code: 'CHECK_FAILED', message: `Không kiểm tra được hồ sơ: ${(e as Error).message}` }],
          paperCopyRequired: false,
        };
      }
      release();
      if (db.open)
        db.prepare('UPDATE transactions SET checks_done = 1, findings = ? WHERE transaction_id = ?').run(
          JSON.stringify(findings),
          txId,
        );
    })();
    pendingChecks.add(p);
    void p.finally(() => pendingChecks.delete(p));
  };

  // Checks interrupted by a restart are redone.
  for (const r of db
    .prepare('SELECT transaction_id, xml, received_at FROM transactions WHERE checks_done = 0')
    .all() as { transaction_id: string; xml: Buffer; received_at: string }[]) {
    runChecks(r.transaction_id, r.xml.toString('utf8'), new Date(r.received_at));
  }

  const authorized = (req: IncomingMessage) => {
    if (!opts.auth) return true;
    const h = req.headers.authorization ?? '';
    const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(h);
    if (!m) return false;
    const [u, ...rest] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
    return u === opts.auth.username && rest.join(':') === opts.auth.password;
  };

  const submit = async (req: IncomingMessage, res: ServerResponse, kind: 'dossier' | 'registration') => {
    const key = String(req.headers[IDEMPOTENCY_HEADER.toLowerCase()] ?? '');
    const body = await readBody(req, maxBody);
    if (body === 'too-large')
      return err(res, 413, 'TOO_LARGE', `Hồ sơ vượt quá dung lượng cho phép (tối đa ${megabytes(maxBody)})`);
    if (!idempotencyKey.safeParse(key).success)
      return err(res, 400, 'NO_IDEMPOTENCY_KEY', `Thiếu hoặc sai tiêu đề ${IDEMPOTENCY_HEADER}`);
    // Injected outage: answer 503 before anything is stored.
    if (random() < failRate)
      return err(res, 503, 'UNAVAILABLE', 'Hệ thống I-VAN tạm thời quá tải, vui lòng gửi lại sau');
    const xml = body.toString('utf8');
    if (!isUtf8(body)) return err(res, 400, 'XML_ENCODING', 'Hồ sơ không phải UTF-8 hợp lệ — bị từ chối');
    if (!hasHosoRoot(xml)) {
      // The shared strict reader refuses comments, PIs, CDATA, duplicates and foreign content in Signature (issue #12).
      let why = 'Tệp không phải hồ sơ BHXH điện tử (thiếu thẻ gốc Hoso)';
      try {
        readEnvelope(xml);
      } catch (e) {
        if (e instanceof XmlInputError) return err(res, 400, e.code, `Hồ sơ bị từ chối: ${e.message}`);
        why = `${why}: ${(e as Error).message}`;
      }
      return err(res, 400, 'NOT_A_DOSSIER', why);
    }
    const facts = readEnvelope(xml);
    if (kind === 'registration' && facts.kind !== 'registration')
      return err(res, 400, 'NOT_A_REGISTRATION', 'Tệp không phải tờ khai đăng ký I-VAN (04/05/06)');
    const hash = sha256Hex(body);
    const provider =
      typeof req.headers[PROVIDER_HEADER.toLowerCase()] === 'string'
        ? String(req.headers[PROVIDER_HEADER.toLowerCase()])
        : facts.ivanCode;

    const at = now();
    const txId = randomUUID();
    // One transaction: the duplicate check and the insert cannot interleave with a concurrent retry.
    const outcome = db.transaction(() => {
      const same = db
        .prepare('SELECT * FROM transactions WHERE idempotency_key = ? AND content_sha256 = ?')
        .get(key, hash) as TransactionRow | undefined;
      if (same) return { row: same, duplicate: true as const };
      const open = db
        .prepare("SELECT transaction_id FROM transactions WHERE idempotency_key = ? AND status != 'rejected'")
        .get(key) as { transaction_id: string } | undefined;
      if (open) return { conflict: open.transaction_id };
      db.prepare(
        `INSERT INTO transactions (transaction_id, kind, idempotency_key, content_sha256, provider_code, unit_code, agency_code, period, status, received_at, decide_after, xml)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?)`,
      ).run(
        txId,
        kind,
        key,
        hash,
        provider,
        facts.unitCode,
        facts.agencyCode,
        facts.period,
        at.toISOString(),
        new Date(at.getTime() + resultDelay).toISOString(),
        body,
      );
      const row = db.prepare('SELECT * FROM transactions WHERE transaction_id = ?').get(txId) as TransactionRow;
      db.prepare("INSERT INTO notifications (transaction_id, kind, at, payload) VALUES (?, 'received', ?, '{}')").run(
        txId,
        at.toISOString(),
      );
      return { row, duplicate: false as const };
    })();
    if ('conflict' in outcome) {
      return err(
        res,
        409,
        'KEY_IN_USE',
        `Mã hồ sơ ${key} đã được nộp với nội dung khác (giao dịch ${outcome.conflict}) và chưa bị từ chối`,
      );
    }
    if (!outcome.duplicate) runChecks(outcome.row.transaction_id, xml, at);
    if (latency) await new Promise((r) => setTimeout(r, latency));
    // Injected lost response: the dossier is stored, the client never hears about it.
    if (random() < dropRate) {
      req.socket.destroy();
      return;
    }
    const s = toStored(outcome.row);
    const receipt: ReceiptBody = {
      transactionId: s.transactionId,
      dossierId: s.dossierId,
      status: s.status,
      receivedAt: s.receivedAt,
      duplicate: outcome.duplicate,
      acknowledgement:
        `I-VAN ${provider ?? ''} đã nhận hồ sơ ${s.dossierId} lúc ${formatDateTimeVN(new Date(s.receivedAt))}; mã giao dịch ${s.transactionId}.`.replace(
          '  ',
          ' ',
        ),
    };
    json(res, outcome.duplicate ? 200 : 201, receipt);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/v1/health' && req.method === 'GET') return json(res, 200, { ok: true });
    if (!authorized(req)) return err(res, 401, 'UNAUTHORIZED', 'Tài khoản I-VAN không đúng');
    if (url.pathname === '/v1/dossiers' && req.method === 'POST') return submit(req, res, 'dossier');
    if (url.pathname === '/v1/registrations' && req.method === 'POST') return submit(req, res, 'registration');
    await decideDue(db, now());
    const m = /^\/v1\/dossiers\/([A-Za-z0-9-]{1,64})$/.exec(url.pathname);
    if (m && req.method === 'GET') {
      const row = db.prepare('SELECT * FROM transactions WHERE transaction_id = ?').get(m[1]) as
        TransactionRow | undefined;
      if (!row) return err(res, 404, 'NOT_FOUND', `Không có giao dịch ${m[1]}`);
      const s = toStored(row);
      const body: StatusBody = {
        transactionId: s.transactionId,
        dossierId: s.dossierId,
        status: s.status,
        receiptNo: s.receiptNo,
        reasons: s.reasons,
        paperCopyRequired: s.paperCopyRequired,
        receivedAt: s.receivedAt,
        decidedAt: s.decidedAt,
      };
      return json(res, 200, body);
    }
    if (url.pathname === '/v1/notifications' && req.method === 'GET') {
      const after = Math.max(0, Number(url.searchParams.get('after') ?? 0) || 0);
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 200) || 200));
      const rows = db
        .prepare(
          `SELECT t.*, n.id AS nid, n.kind AS nkind, n.at AS nat, n.payload AS npayload
           FROM notifications n JOIN transactions t ON t.transaction_id = n.transaction_id
           WHERE n.id > ? ORDER BY n.id LIMIT ?`,
        )
        .all(after, limit) as (TransactionRow & {
        nid: number;
        nkind: NotificationBody['kind'];
        nat: string;
        npayload: string;
      })[];
      const items: NotificationBody[] = rows.map((r) => {
        const payload = JSON.parse(r.npayload) as {
          statement?: NotificationBody['statement'];
          insuranceNumbers?: NotificationBody['insuranceNumbers'];
        };
        return {
          id: r.nid,
          transactionId: r.transaction_id,
          dossierId: r.idempotency_key,
          kind: r.nkind,
          at: r.nat,
          receiptNo: r.nkind === 'accepted' || r.nkind === 'c12ts' ? r.receipt_no : null,
          reasons: r.nkind === 'rejected' ? (JSON.parse(r.reasons) as NotificationBody['reasons']) : [],
          paperCopyRequired: r.nkind === 'accepted' && r.paper_copy_required === 1,
          statement: payload.statement ?? null,
          ...(payload.insuranceNumbers?.length ? { insuranceNumbers: payload.insuranceNumbers } : {}),
        };
      });
      return json(res, 200, { items, next: items.length ? items[items.length - 1]!.id : after });
    }
    return err(res, 404, 'NOT_FOUND', 'Không có đường dẫn này');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) err(res, 500, 'INTERNAL', `Lỗi máy chủ I-VAN: ${(e as Error).message}`);
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  // Publish due results even when nobody polls, so notifications appear "a moment later".
  const timer = setInterval(
    () => void decideDue(db, now()).catch(() => undefined),
    Math.max(50, Math.min(500, resultDelay / 2)),
  );
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    async settle() {
      await Promise.all([...pendingChecks]);
      // A date whose ISO text still compares as text (year 9999, not +275760).
      await decideDue(db, new Date('9999-12-31T23:59:59.000Z'));
    },
    async close() {
      closing = true;
      clearInterval(timer);
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([...pendingChecks]);
      db.close();
    },
  };
}
