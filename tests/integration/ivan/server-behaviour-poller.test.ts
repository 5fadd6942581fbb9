/**
 * The poller against notification lists our training I-VAN never produces, from a real HTTP server on 127.0.0.1:
 * duplicates, out-of-order ids, a kind this version does not know, a transaction that is not ours and a cursor
 * that goes backwards. Each dossier's state, the stored notifications and the cursor must stay right.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { signedDossier, testCertSigner } from './fixtures';
import { getRow } from '../../../electron/ivan/outbox-repo';

let tmp: string;
let server: Server;
let url: string;
let ctx: TestContext;
let page: (after: number) => unknown = () => ({ items: [], next: 0 });
const afterAsked: number[] = [];
let tx = 0;

beforeAll(async () => {
  tmp = makeTempDir('kekhai-ivan-poller-');
  process.env.KEKHAI_KEY_FILE = join(tmp, 'keys', 'ivan-credentials.key');
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const u = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'POST') {
        res.statusCode = 201;
        res.end(
          JSON.stringify({
            transactionId: `TX-${++tx}`,
            dossierId: String(req.headers['idempotency-key']),
            status: 'received',
            receivedAt: '2015-10-20T02:00:00.000Z',
            duplicate: false,
            acknowledgement: 'ok',
          }),
        );
      } else if (u.pathname === '/v1/notifications') {
        const after = Number(u.searchParams.get('after'));
        afterAsked.push(after);
        res.end(JSON.stringify(page(after)));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx = createTestContext();
  const signer = await testCertSigner();
  for (let i = 0; i < 2; i++)
    await ctx.value('ivan.outboxAdd', {
      file: { name: 'BHXHDienTu.xml', base64: Buffer.from(await signedDossier(signer, 900 + i)).toString('base64') },
      endpoint: url,
      dossierId: `POLL-${i + 1}`,
    });
  await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2, poll: false });
});
afterAll(async () => {
  ctx.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  removeDir(tmp);
});

const note = (id: number, transactionId: string, kind: string, extra: Record<string, unknown> = {}) => ({
  id,
  transactionId,
  dossierId: transactionId === 'TX-1' ? 'POLL-1' : transactionId === 'TX-2' ? 'POLL-2' : 'OTHER',
  kind,
  at: '2015-10-21T02:00:00.000Z',
  receiptNo: kind === 'accepted' ? '00012/2015/07906' : null,
  reasons: kind === 'rejected' ? [{ code: 'R1', message: 'Sai mức lương' }] : [],
  paperCopyRequired: false,
  statement: null,
  ...extra,
});
const entry = (dossierId: string) =>
  getRow(
    ctx.db,
    (ctx.db.prepare('SELECT id FROM ivan_outbox WHERE dossier_id = ?').get(dossierId) as { id: number }).id,
  );
const stored = () =>
  ctx.db
    .prepare('SELECT remote_id, transaction_id, kind, outbox_id FROM ivan_notifications ORDER BY remote_id')
    .all() as {
    remote_id: number;
    transaction_id: string;
    kind: string;
    outbox_id: number | null;
  }[];
const cursor = () =>
  (
    ctx.db.prepare('SELECT after_id FROM ivan_poll_cursors WHERE endpoint = ?').get(url) as
      { after_id: number } | undefined
  )?.after_id;

test('duplicates, out-of-order ids, an unknown kind and a foreign transaction: the known ones apply once, the cursor moves on', async () => {
  expect(entry('POLL-1')).toMatchObject({ state: 'sent', transaction_id: 'TX-1' });
  page = (after) =>
    after === 0
      ? {
          items: [
            note(3, 'TX-1', 'accepted'),
            note(1, 'TX-1', 'received'),
            note(1, 'TX-1', 'received'),
            note(2, 'TX-2', 'payment-reminder'),
            note(4, 'TX-999', 'received', { dossierId: 'SOMEONE-ELSE' }),
            note(5, 'TX-2', 'received'),
          ],
          next: 5,
        }
      : { items: [], next: after };
  const [r] = await ctx.value('ivan.poll', {});
  expect(r!.error).toBeUndefined();
  expect(cursor()).toBe(5);
  expect(entry('POLL-1')).toMatchObject({ state: 'accepted', receipt_no: '00012/2015/07906' });
  expect(entry('POLL-2')).toMatchObject({ state: 'received' });
  // The unknown kind is skipped (not stored); the duplicate is stored once; the foreign one is kept unlinked.
  expect(stored().map((s) => [s.remote_id, s.kind])).toEqual([
    [1, 'received'],
    [3, 'accepted'],
    [4, 'received'],
    [5, 'received'],
  ]);
  expect(stored().find((s) => s.remote_id === 4)!.outbox_id).toBeNull();
  const steps = ctx.db
    .prepare('SELECT to_state FROM ivan_outbox_transitions WHERE outbox_id = ? ORDER BY id')
    .all(entry('POLL-1').id) as { to_state: string }[];
  // Out of order: accepted arrived first; the late "received" does not move it back nor record a step twice.
  expect(steps.map((s) => s.to_state)).toEqual(['queued', 'sent', 'received', 'accepted']);
});

test('a cursor that goes backwards is refused and the stored cursor stays; a page repeating seen ids is read past', async () => {
  page = () => ({ items: [], next: 2 });
  const [r1] = await ctx.value('ivan.poll', {});
  expect(r1!.error).toMatchObject({ code: 'IVAN_BAD_RESPONSE' });
  expect(r1!.error!.message).toMatch(/con trỏ thông báo đi lùi/);
  expect(cursor()).toBe(5);
  expect(entry('POLL-2')).toMatchObject({ state: 'received' });

  // Some servers start a page at the cursor itself (after=5 → 5, 6): the seen one is skipped, the new one applies.
  page = (after) => ({
    items: [note(5, 'TX-2', 'received'), note(6, 'TX-2', 'rejected')],
    next: after === 5 ? 6 : after,
  });
  const [r2] = await ctx.value('ivan.poll', {});
  expect(r2!.error).toBeUndefined();
  expect(entry('POLL-2')).toMatchObject({ state: 'rejected', last_error_code: null });
  expect(cursor()).toBe(6);
  expect(stored().filter((s) => s.remote_id === 5)).toHaveLength(1);
});

test('a page made only of unknown kinds does not end the poll: the next page is read in the same poll', async () => {
  // A third dossier, so the endpoint still owes a result.
  const signer = await testCertSigner();
  await ctx.value('ivan.outboxAdd', {
    file: { name: 'BHXHDienTu.xml', base64: Buffer.from(await signedDossier(signer, 903)).toString('base64') },
    endpoint: url,
    dossierId: 'POLL-3',
  });
  await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2, poll: false });
  expect(entry('POLL-3')).toMatchObject({ state: 'sent', transaction_id: 'TX-3' });
  page = (after) =>
    after === 6
      ? { items: [note(7, 'TX-3', 'newsletter'), note(8, 'TX-3', 'survey')], next: 8 }
      : after === 8
        ? { items: [note(9, 'TX-3', 'accepted', { dossierId: 'POLL-3' })], next: 9 }
        : { items: [], next: after };
  const [r] = await ctx.value('ivan.poll', {});
  expect(r!.error).toBeUndefined();
  expect(entry('POLL-3')).toMatchObject({ state: 'accepted', receipt_no: '00012/2015/07906' });
  expect(cursor()).toBe(9);
});
