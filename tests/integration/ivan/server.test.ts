import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request } from 'node:http';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { HttpIvanAdapter } from '../../../electron/ivan/http-adapter';
import { listTransactions } from '../../../electron/ivan/simulator/store';
import { makeTempDir, removeDir } from '../../support/tmp';
import {
  AFTER_DEADLINE,
  BEFORE_DEADLINE,
  RESOURCES,
  signedDossier,
  softwareSigner,
  testCertSigner,
  receiptClock,
} from './fixtures';
import { RECEIPT_NO_PATTERN } from '../../../shared/ivan/receipt-number';
import type { Signer } from '../../../electron/signing/signer';

let dir: string;
let server: RunningIvanServer;
let testSigner: Signer;

beforeAll(async () => {
  dir = makeTempDir('kekhai-ivan-server-');
  server = await startIvanServer({
    dataDir: dir,
    resourcesDir: RESOURCES,
    resultDelayMs: 20,
    seed: 1,
    now: receiptClock(),
  });
  testSigner = await testCertSigner();
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

const adapter = () => new HttpIvanAdapter({ endpoint: server.url, providerCode: '00040' });

async function resultOf(tx: string) {
  await server.settle();
  return adapter().status(tx);
}

describe('local I-VAN server', () => {
  test('accepts a valid test-certificate dossier signed before the deadline: số hồ sơ NNNNN/YYYY/CCCCC, paper copy required', async () => {
    const xml = await signedDossier(testSigner, 1, { agencyCode: '07906' });
    const r = await adapter().submit(Buffer.from(xml), 'DOSSIER-1', 'dossier');
    expect(r.status).toBe('received');
    expect(r.duplicate).toBe(false);
    const s = await resultOf(r.transactionId);
    expect(s.status).toBe('accepted');
    expect(s.receiptNo).toMatch(RECEIPT_NO_PATTERN);
    // CCCCC is the unit's mã cơ quan BHXH from the envelope, YYYY the year of receipt.
    expect(s.receiptNo!.endsWith('/07906')).toBe(true);
    expect(s.receiptNo!.split('/')[1]).toBe('2015'); // received on the server's clock (receiptClock)
    expect(s.paperCopyRequired).toBe(true);
  });

  test('the same key and bytes return the same transaction (a retry never files twice)', async () => {
    const xml = Buffer.from(await signedDossier(testSigner, 2));
    const a = await adapter().submit(xml, 'DOSSIER-2', 'dossier');
    const b = await adapter().submit(xml, 'DOSSIER-2', 'dossier');
    expect(b.transactionId).toBe(a.transactionId);
    expect(b.duplicate).toBe(true);
    expect(listTransactions(server.db).filter((t) => t.dossierId === 'DOSSIER-2')).toHaveLength(1);
  });

  test('the same key with other bytes is refused while the first is alive (409)', async () => {
    const x1 = Buffer.from(await signedDossier(testSigner, 3));
    const x2 = Buffer.from(await signedDossier(testSigner, 33));
    await adapter().submit(x1, 'DOSSIER-3', 'dossier');
    await expect(adapter().submit(x2, 'DOSSIER-3', 'dossier')).rejects.toMatchObject({ code: 'IVAN_CONFLICT' });
  });

  test('a tampered dossier is received, then rejected with the reason; corrected and re-signed it is accepted under the same dossier id', async () => {
    const good = await signedDossier(testSigner, 4);
    const tampered = good.replace(
      '<TenDoiTuong>CÔNG TY TNHH MẪU</TenDoiTuong>',
      '<TenDoiTuong>CÔNG TY KHÁC</TenDoiTuong>',
    );
    expect(tampered).not.toBe(good);
    const r = await adapter().submit(Buffer.from(tampered), 'DOSSIER-4', 'dossier');
    const s = await resultOf(r.transactionId);
    expect(s.status).toBe('rejected');
    expect(s.receiptNo).toBeNull();
    expect(s.reasons.map((x) => x.message).join(' ')).toMatch(/đã bị sửa sau khi ký/);
    const again = await adapter().submit(Buffer.from(good), 'DOSSIER-4', 'dossier');
    expect(again.transactionId).not.toBe(r.transactionId);
    expect((await resultOf(again.transactionId)).status).toBe('accepted');
  });

  test('a test-certificate dossier received after 31/10/2015 23:59:59 (Vietnam) is refused, whatever time it signs', async () => {
    // A signed SigningTime after the certificate's end: the certificate is judged at that signed time → refused.
    const signedLate = await signedDossier(testSigner, 5, { signingTime: AFTER_DEADLINE });
    const refused = await resultOf(
      (await adapter().submit(Buffer.from(signedLate), 'DOSSIER-5', 'dossier')).transactionId,
    );
    expect(refused.status).toBe('rejected');
    expect(refused.reasons.some((x) => x.code === 'BAD_SIGNATURE' && /hết hạn vào thời điểm ký/.test(x.message))).toBe(
      true,
    );
    // Signed before the deadline but received after it → refused: the test key is public, so the deadline is judged
    // at the receipt time, never at a time the test certificate signed.
    const lateDir = makeTempDir('kekhai-ivan-late-');
    const late = await startIvanServer({
      dataDir: lateDir,
      resourcesDir: RESOURCES,
      resultDelayMs: 20,
      seed: 2,
      now: receiptClock(AFTER_DEADLINE),
    });
    try {
      const xml = await signedDossier(testSigner, 8);
      const a = new HttpIvanAdapter({ endpoint: late.url, providerCode: '00040' });
      const r = await a.submit(Buffer.from(xml), 'DOSSIER-8', 'dossier');
      await late.settle();
      const s = await a.status(r.transactionId);
      expect(s.status).toBe('rejected');
      expect(s.reasons.some((x) => x.code === 'TEST_CERT_AFTER_DEADLINE')).toBe(true);
    } finally {
      await late.close();
      removeDir(lateDir);
    }
  });

  test('a token-certificate dossier is accepted without the paper-copy mark; XSD errors are reasons', async () => {
    const signer = softwareSigner(BEFORE_DEADLINE); // valid at the server's receipt clock
    const ok = await signedDossier(signer, 6, { signingTime: BEFORE_DEADLINE, agencyCode: '00108' });
    const s = await resultOf((await adapter().submit(Buffer.from(ok), 'DOSSIER-6', 'dossier')).transactionId);
    expect(s.status).toBe('accepted');
    expect(s.paperCopyRequired).toBe(false);
    expect(s.receiptNo).toMatch(/^\d{5}\/\d{4}\/00108$/);
    // A unit code breaking the envelope schema (7 characters, [A-Z0-9]) — signed, so only the XSD can catch it.
    const bad = await signedDossier(signer, 7, { signingTime: BEFORE_DEADLINE, unitCode: 'ts-1234' });
    const b = await resultOf((await adapter().submit(Buffer.from(bad), 'DOSSIER-7', 'dossier')).transactionId);
    expect(b.status).toBe('rejected');
    expect(b.reasons.some((x) => x.code === 'XSD')).toBe(true);
  });

  test('notifications list received, accepted (with số hồ sơ), rejected (with reasons) and C12-TS', async () => {
    await server.settle();
    const page = await adapter().notifications(0);
    const kinds = new Set(page.items.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['accepted', 'c12ts', 'received', 'rejected']);
    const c12 = page.items.find((n) => n.kind === 'c12ts')!;
    expect(c12.statement!.lines.find((l) => l.code === 'B.1.1')!.cong).toBe(1);
    expect(page.items.filter((n) => n.kind === 'rejected').every((n) => n.reasons.length > 0)).toBe(true);
    const next = await adapter().notifications(page.next);
    expect(next.items.every((n) => n.id > page.next)).toBe(true);
  });

  test('not a dossier → 400 and nothing stored; missing idempotency key → 400', async () => {
    const before = listTransactions(server.db).length;
    await expect(adapter().submit(Buffer.from('<html>hi</html>'), 'X-1', 'dossier')).rejects.toMatchObject({
      code: 'IVAN_REFUSED',
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/v1/dossiers`,
        { method: 'POST', headers: { 'content-type': 'application/xml' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('<Hoso></Hoso>');
    });
    expect(status).toBe(400);
    expect(listTransactions(server.db).length).toBe(before);
  });
});

describe('failure injection', () => {
  test('--fail-rate answers 503 before storing; --drop-response-rate stores and destroys the socket', async () => {
    const d = makeTempDir('kekhai-ivan-fail-');
    const failing = await startIvanServer({ dataDir: d, resourcesDir: RESOURCES, failRate: 0.999, seed: 7 });
    const xml = Buffer.from(await signedDossier(testSigner, 8));
    try {
      await expect(new HttpIvanAdapter({ endpoint: failing.url }).submit(xml, 'F-1', 'dossier')).rejects.toMatchObject({
        code: 'IVAN_UNAVAILABLE',
      });
      expect(listTransactions(failing.db)).toHaveLength(0);
    } finally {
      await failing.close();
    }
    const dropping = await startIvanServer({ dataDir: d, resourcesDir: RESOURCES, dropResponseRate: 0.999, seed: 7 });
    try {
      await expect(new HttpIvanAdapter({ endpoint: dropping.url }).submit(xml, 'F-1', 'dossier')).rejects.toMatchObject(
        { code: 'IVAN_CONNECTION_LOST' },
      );
      expect(listTransactions(dropping.db)).toHaveLength(1);
    } finally {
      await dropping.close();
    }
    removeDir(d);
  });
});
