/**
 * The sender against I-VAN server behaviour our training I-VAN never shows: a real HTTP server on 127.0.0.1 plays a
 * proxy, a captive portal, a vendor with its own JSON quirks, a stalled or resetting server. For each: the outbox
 * state, attempts, stored receipt and the clerk's Vietnamese message, and every POST the server saw carries the same
 * idempotency key (nothing submitted under a second key, at most one receipt stored).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { startHost } from '../../../electron/host/server';
import { closeLog } from '../../../electron/log/logger';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { signedDossier, testCertSigner } from './fixtures';
import { defaultAdapterFor, defaultSenderDeps, sendOne, sendOutbox } from '../../../electron/ivan/sender';
import { getRow } from '../../../electron/ivan/outbox-repo';
import type { Signer } from '../../../electron/signing/signer';

const PASSWORD = 'Mk-bi-mat-9xZq';
let tmp: string;
let signer: Signer;
let server: Server;
let url: string;
const sockets = new Set<Socket>();
let handle: (req: IncomingMessage, res: ServerResponse) => void = (_q, res) => res.end();
/** Idempotency keys of every POST the server received. */
let keysSeen: string[] = [];

beforeAll(async () => {
  tmp = makeTempDir('kekhai-ivan-behaviour-');
  process.env.KEKHAI_KEY_FILE = join(tmp, 'keys', 'ivan-credentials.key');
  signer = await testCertSigner();
  server = createServer((req, res) => {
    if (req.method === 'POST') keysSeen.push(String(req.headers['idempotency-key']));
    req.resume();
    req.on('end', () => handle(req, res));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
  removeDir(tmp);
});

const receiptFor = (key: string, extra: Record<string, unknown> = {}) => ({
  transactionId: 'TX-1',
  dossierId: key,
  status: 'received',
  receivedAt: '2015-10-20T02:00:00.000Z',
  duplicate: false,
  acknowledgement: 'Đã nhận',
  ...extra,
});
const keyOf = (req: IncomingMessage) => String(req.headers['idempotency-key']);
const json =
  (status: number, body: (req: IncomingMessage) => unknown, headers: Record<string, string> = {}) =>
  (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    const b = body(req);
    res.end(typeof b === 'string' ? b : JSON.stringify(b));
  };

let n = 0;
/** Queues one real signed dossier and makes one send attempt against the test server. */
async function attempt(ctx: TestContext, timeoutMs = 1500) {
  const { entry } = await ctx.value('ivan.outboxAdd', {
    file: { name: 'BHXHDienTu.xml', base64: Buffer.from(await signedDossier(signer, 500 + n++)).toString('base64') },
    endpoint: url,
  });
  return { id: entry.id, send: () => sendOne(ctx.db, entry.id, deps(ctx, timeoutMs)) };
}
const deps = (ctx: TestContext, timeoutMs: number) =>
  defaultSenderDeps(ctx.db, {
    adapterFor: defaultAdapterFor(ctx.db, { timeoutMs, credentials: { username: 'donvi', password: PASSWORD } }),
  });
const receipts = (ctx: TestContext, id: number) =>
  ctx.db.prepare('SELECT * FROM ivan_receipts WHERE outbox_id = ?').all(id) as { transaction_id: string }[];
/** Everything the app wrote about the dossier (the clerk's log): must never contain the password. */
function assertNoSecret(ctx: TestContext, id: number) {
  const dump = JSON.stringify([
    getRow(ctx.db, id),
    ctx.db.prepare('SELECT * FROM ivan_outbox_transitions WHERE outbox_id = ?').all(id),
  ]);
  expect(dump).not.toContain(PASSWORD);
  expect(dump).not.toContain(Buffer.from(`donvi:${PASSWORD}`).toString('base64'));
}

let ctx: TestContext;
beforeAll(() => {
  ctx = createTestContext();
});
afterAll(() => ctx.close());

describe('answers in a shape the profile does not expect', () => {
  test.each([
    [
      'an HTML login page with status 200 (captive portal / proxy)',
      (_q: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><form action="/login">Đăng nhập Wi-Fi</form></html>');
      },
      /kiểu nội dung text\/html.*trang đăng nhập của mạng hoặc proxy/,
    ],
    ['an empty 200 body', json(200, () => ''), /không phải JSON/],
    [
      'a 204 No Content',
      (_q: IncomingMessage, res: ServerResponse) => {
        res.writeHead(204);
        res.end();
      },
      /mã HTTP 204/,
    ],
    [
      'a receipt without transaction id',
      json(201, (q) => ({ ...receiptFor(keyOf(q)), transactionId: undefined })),
      /thiếu hoặc sai trường/,
    ],
    [
      'a numeric transaction id',
      json(201, (q) => receiptFor(keyOf(q), { transactionId: 12345 })),
      /thiếu hoặc sai trường/,
    ],
  ])('%s: stays queued for a retry, nothing stored, the clerk is told why', async (_name, fn, why) => {
    handle = fn;
    keysSeen = [];
    const a = await attempt(ctx);
    expect(await a.send()).toBe('retry');
    const row = getRow(ctx.db, a.id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_BAD_RESPONSE' });
    expect(row.last_error).toMatch(/trả lời không đúng giao thức/);
    expect(row.last_error).toMatch(why);
    expect(receipts(ctx, a.id)).toHaveLength(0);
    expect(keysSeen).toEqual([row.idempotency_key]);
    assertNoSecret(ctx, a.id);
  });

  test.each([
    ['extra fields', (q: IncomingMessage) => JSON.stringify(receiptFor(keyOf(q), { vendorTrace: 'abc', fee: 0 }))],
    [
      'a UTF-8 byte order mark (RFC 8259 §8.1)',
      (q: IncomingMessage) => '\uFEFF' + JSON.stringify(receiptFor(keyOf(q))),
    ],
  ])('a receipt with %s is accepted and stored once', async (_name, body) => {
    handle = json(201, body);
    keysSeen = [];
    const a = await attempt(ctx);
    expect(await a.send()).toBe('sent');
    expect(getRow(ctx.db, a.id)).toMatchObject({ state: 'sent', attempts: 1, transaction_id: 'TX-1' });
    expect(receipts(ctx, a.id)).toHaveLength(1);
    expect(keysSeen).toHaveLength(1);
  });

  test('a gzip-encoded receipt (Content-Encoding: gzip, RFC 9110 §8.4) is decoded and stored', async () => {
    handle = (q, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify(receiptFor(keyOf(q)))));
    };
    const a = await attempt(ctx);
    expect(await a.send()).toBe('sent');
    expect(receipts(ctx, a.id)).toHaveLength(1);
  });

  test('a chunked receipt is read whole', async () => {
    handle = (q, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      const s = JSON.stringify(receiptFor(keyOf(q)));
      for (let i = 0; i < s.length; i += 7) res.write(s.slice(i, i + 7));
      res.end();
    };
    const a = await attempt(ctx);
    expect(await a.send()).toBe('sent');
    expect(getRow(ctx.db, a.id).transaction_id).toBe('TX-1');
  });
});

describe('redirects, refusals and "come back later"', () => {
  test.each([
    ['301 to https', 301, 'https://ivan.example.vn/v1/dossiers'],
    ['302 to a login page', 302, '/login?next=/v1/dossiers&token=abc'],
    ['307 to another host', 307, 'http://127.0.0.2:9/v1/dossiers'],
  ])(
    '%s: not followed (the credentials and the dossier would go elsewhere), held for a person',
    async (_n, status, to) => {
      handle = (_q, res) => {
        res.writeHead(status, { location: to, 'content-type': 'text/html' });
        res.end('<a href="/login">moved</a>');
      };
      keysSeen = [];
      const a = await attempt(ctx);
      expect(await a.send()).toBe('held');
      const row = getRow(ctx.db, a.id);
      expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_REDIRECT' });
      expect(row.last_error).toMatch(/chuyển hướng.*kiểm tra địa chỉ I-VAN/);
      expect(row.last_error).not.toContain('token=abc');
      expect(keysSeen).toHaveLength(1);
      expect(receipts(ctx, a.id)).toHaveLength(0);
    },
  );

  test.each([401, 403])(
    '%i: stops retrying, tells the clerk to fix the account, never shows the password even if the server echoes it',
    async (status) => {
      handle = json(status, () => ({ error: { code: 'AUTH', message: `Sai mật khẩu '${PASSWORD}' cho donvi` } }));
      const a = await attempt(ctx);
      expect(await a.send()).toBe('held');
      const row = getRow(ctx.db, a.id);
      expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_AUTH' });
      expect(row.last_error).toMatch(/tên đăng nhập.*mật khẩu/);
      assertNoSecret(ctx, a.id);
      // Held: the sender's next pass does not send it again.
      keysSeen = [];
      await sendOutbox(ctx.db, deps(ctx, 1500));
      expect(keysSeen).not.toContain(row.idempotency_key);
      expect(getRow(ctx.db, a.id)).toMatchObject({ attempts: 1, last_error_code: 'IVAN_AUTH' });
    },
  );

  test.each([
    ['429 Retry-After: 120', 429, () => '120', 120_000],
    // An HTTP-date has whole seconds: 300 s ahead is at least 298 s after the request.
    ['503 Retry-After as an HTTP-date', 503, () => new Date(Date.now() + 300_000).toUTCString(), 298_000],
  ])('%s: the next attempt waits at least as long as asked (RFC 9110 §10.2.3)', async (_n, status, ra, minMs) => {
    handle = (q, res) =>
      json(status, () => ({ error: { code: 'BUSY', message: 'bận' } }), { 'retry-after': ra() })(q, res);
    const a = await attempt(ctx);
    const before = Date.now();
    expect(await a.send()).toBe('retry');
    const row = getRow(ctx.db, a.id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_UNAVAILABLE' });
    expect(row.last_error).toMatch(/tạm thời không phục vụ \(HTTP \d+\).*gửi lại/);
    expect(Date.parse(row.next_attempt_at)).toBeGreaterThanOrEqual(before + minMs);
  });

  test.each([500, 502, 503])('%i without Retry-After: retried with the ordinary backoff', async (status) => {
    handle = (_q, res) => {
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    };
    const a = await attempt(ctx);
    const before = Date.now();
    expect(await a.send()).toBe('retry');
    const row = getRow(ctx.db, a.id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_UNAVAILABLE' });
    // DEFAULT_BACKOFF after one attempt: 1–2 s.
    expect(Date.parse(row.next_attempt_at) - before).toBeLessThan(60_000);
  });
});

describe('a server that stalls, resets, drips or floods', () => {
  test('accepts the connection and never answers: timeout, then the retry carries the same key and stores one receipt', async () => {
    handle = () => undefined;
    keysSeen = [];
    const a = await attempt(ctx, 400);
    expect(await a.send()).toBe('retry');
    let row = getRow(ctx.db, a.id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_TIMEOUT' });
    expect(row.last_error).toMatch(/không trả lời trong thời hạn; hồ sơ sẽ được gửi lại/);
    // The server did get it; the retry (due now) is answered as a duplicate of the same key.
    ctx.db.prepare('UPDATE ivan_outbox SET next_attempt_at = ? WHERE id = ?').run(new Date(0).toISOString(), a.id);
    handle = json(200, (q) => receiptFor(keyOf(q), { duplicate: true }));
    expect(await a.send()).toBe('sent');
    row = getRow(ctx.db, a.id);
    expect(row).toMatchObject({ state: 'sent', attempts: 2, transaction_id: 'TX-1', last_error_code: null });
    expect(keysSeen).toEqual([row.idempotency_key, row.idempotency_key]);
    expect(receipts(ctx, a.id)).toHaveLength(1);
  });

  test('headers then a stall mid-body: timeout, retried', async () => {
    handle = (_q, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.write('{"transactionId":"TX-');
    };
    const a = await attempt(ctx, 400);
    expect(await a.send()).toBe('retry');
    expect(getRow(ctx.db, a.id)).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_TIMEOUT' });
    expect(receipts(ctx, a.id)).toHaveLength(0);
  });

  test('a connection reset: connection lost, retried without filing twice', async () => {
    handle = (req) => req.socket.resetAndDestroy();
    const a = await attempt(ctx);
    expect(await a.send()).toBe('retry');
    const row = getRow(ctx.db, a.id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_CONNECTION_LOST' });
    expect(row.last_error).toMatch(/Mất kết nối.*không bị nộp trùng/);
  });

  test('a slow drip that completes inside the deadline is a receipt', async () => {
    handle = (q, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      const s = JSON.stringify(receiptFor(keyOf(q)));
      let i = 0;
      const t = setInterval(() => {
        res.write(s.slice(i, i + 20));
        i += 20;
        if (i >= s.length) {
          clearInterval(t);
          res.end();
        }
      }, 40);
    };
    const a = await attempt(ctx, 5000);
    expect(await a.send()).toBe('sent');
    expect(receipts(ctx, a.id)).toHaveLength(1);
  });

  test('a 100 MB answer is cut off at the cap, not read into memory', async () => {
    let written = 0;
    handle = (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (written < 100 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (written = Math.min(written, 100 * 1024 * 1024)));
      pump();
    };
    const a = await attempt(ctx, 20_000);
    expect(await a.send()).toBe('retry');
    const row = getRow(ctx.db, a.id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1, last_error_code: 'IVAN_BAD_RESPONSE' });
    expect(row.last_error).toMatch(/câu trả lời quá lớn/);
    // The client hung up long before the server got through 100 MB.
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });
});

describe('secrets through the real host and its log', () => {
  test('a 401 that echoes the password: the clerk gets a Vietnamese message, host.log and the answer carry no secret', async () => {
    const dataDir = join(tmp, 'host-data');
    let authSeen = '';
    handle = (q, res) => {
      authSeen = String(q.headers.authorization ?? '');
      json(401, () => ({ error: { code: 'AUTH', message: `Sai mật khẩu ${PASSWORD}` } }))(q, res);
    };
    const host = await startHost({ dataDir, port: 0, now: new Date('2015-10-20T02:00:00Z') });
    let answer = '';
    try {
      const api = async (method: string, input: unknown) => {
        const r = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Kekhai-Token': host.secret },
          body: JSON.stringify(input),
        });
        return r.text();
      };
      const saved = JSON.parse(
        await api('ivan.settingsSave', {
          unitCode: 'TS12345',
          providerCode: '00040',
          endpoint: url,
          username: 'donvi',
          password: PASSWORD,
        }),
      ) as { ok: boolean };
      expect(saved.ok).toBe(true);
      const file = { name: 'BHXHDienTu.xml', base64: Buffer.from(await signedDossier(signer, 777)).toString('base64') };
      answer = await api('ivan.submit', { file, unitCode: 'TS12345' });
    } finally {
      await host.close();
      await closeLog();
    }
    // The password did travel (Basic, RFC 7617) — so its absence below means something.
    expect(authSeen).toBe('Basic ' + Buffer.from(`donvi:${PASSWORD}`).toString('base64'));
    const result = JSON.parse(answer) as { ok: boolean; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('IVAN_AUTH');
    expect(result.error.message).toMatch(/I-VAN từ chối tài khoản \(HTTP 401\).*Kiểm tra tên đăng nhập và mật khẩu/);
    const logText = readdirSync(join(dataDir, 'logs'))
      .map((f) => readFileSync(join(dataDir, 'logs', f), 'utf8'))
      .join('\n');
    expect(logText).toMatch(/ivan\.submit/);
    for (const text of [answer, logText]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(authSeen.slice('Basic '.length));
    }
  });
});
