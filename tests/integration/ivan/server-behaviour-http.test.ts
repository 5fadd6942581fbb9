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
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { signedDossier, testCertSigner } from './fixtures';
import { defaultAdapterFor, defaultSenderDeps, sendOne } from '../../../electron/ivan/sender';
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
      /kiểu nội dung text\/html/,
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
