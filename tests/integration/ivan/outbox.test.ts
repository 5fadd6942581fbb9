import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { listTransactions } from '../../../electron/ivan/simulator/store';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { RESOURCES, signedDossier, testCertSigner, draft, BEFORE_DEADLINE, receiptClock } from './fixtures';
import { createDossier, getDossier, listTransitions, markSigned } from '../../../electron/declarations/dossier-repo';
import { createHash } from 'node:crypto';
import { formatDateTimeVN } from '../../../shared/format';
import type { Signer } from '../../../electron/signing/signer';

let tmp: string;
let signer: Signer;
const blob = (xml: string, name = 'BHXHDienTu.xml') => ({ name, base64: Buffer.from(xml).toString('base64') });

beforeAll(async () => {
  tmp = makeTempDir('kekhai-ivan-outbox-');
  process.env.KEKHAI_KEY_FILE = join(tmp, 'keys', 'ivan-credentials.key');
  signer = await testCertSigner();
});
afterAll(() => removeDir(tmp));

async function withServer<T>(
  opts: Partial<Parameters<typeof startIvanServer>[0]>,
  fn: (s: RunningIvanServer, ctx: TestContext) => Promise<T>,
): Promise<T> {
  const s = await startIvanServer({
    dataDir: makeTempDir('kekhai-ivan-srv-'),
    resourcesDir: RESOURCES,
    resultDelayMs: 10,
    seed: 42,
    now: receiptClock(),
    ...opts,
  });
  const ctx = createTestContext();
  try {
    return await fn(s, ctx);
  } finally {
    ctx.close();
    await s.close();
  }
}

describe('outbox', () => {
  test('with 30 % 503s and 20 % dropped responses, 40 dossiers end stored exactly once each, then accepted with every step recorded', async () => {
    await withServer({ failRate: 0.3, dropResponseRate: 0.2 }, async (server, ctx) => {
      for (let i = 0; i < 40; i++)
        await ctx.value('ivan.outboxAdd', {
          file: blob(await signedDossier(signer, i)),
          endpoint: server.url,
          dossierId: `DOS-${i}`,
        });
      const sent = await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2, poll: false });
      expect(sent.report.queued).toBe(0);
      const stored = listTransactions(server.db);
      expect(stored).toHaveLength(40);
      expect(new Set(stored.map((t) => t.dossierId)).size).toBe(40);
      const entries = await ctx.value('ivan.outboxList', {});
      // Some answers were lost: those entries learnt their transaction from a later duplicate answer.
      expect(entries.some((e) => e.attempts > 1)).toBe(true);
      for (const e of entries)
        expect(stored.find((t) => t.dossierId === e.dossierId)!.transactionId).toBe(e.transactionId);

      await server.settle();
      await ctx.value('ivan.poll', {});
      const after = await ctx.value('ivan.outboxList', {});
      expect(after.every((e) => e.state === 'accepted' && /^\d{5}\/\d{4}\/07906$/.test(e.receiptNo ?? ''))).toBe(true);
      const h = await ctx.value('ivan.history', { query: after[0]!.receiptNo! });
      expect(h).toHaveLength(1);
      expect(h[0]!.transitions.map((t) => t.to)).toEqual(['queued', 'sent', 'received', 'accepted']);
      expect(h[0]!.transitions.every((t) => !Number.isNaN(Date.parse(t.at)))).toBe(true);
      const inbox = await ctx.value('ivan.inbox', {});
      expect(inbox.filter((n) => n.kind === 'accepted')).toHaveLength(40);
      expect(inbox.filter((n) => n.kind === 'c12ts')).toHaveLength(40);
      // Polling again stores nothing twice.
      await ctx.value('ivan.poll', {});
      expect(await ctx.value('ivan.inbox', {})).toHaveLength(inbox.length);
    });
  });

  test('an unreachable endpoint leaves the dossier queued with a clear status and a next attempt', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const dead = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    await new Promise((r) => s.close(r));
    const ctx = createTestContext();
    try {
      const { entry } = await ctx.value('ivan.outboxAdd', {
        file: blob(await signedDossier(signer, 100)),
        endpoint: dead,
      });
      const r = await ctx.value('ivan.outboxSend', {});
      expect(r.report).toMatchObject({ sent: 0, queued: 1, retrying: 1 });
      const [e] = await ctx.value('ivan.outboxList', {});
      expect(e).toMatchObject({ id: entry.id, state: 'queued', attempts: 1, lastErrorCode: 'IVAN_UNREACHABLE' });
      expect(e!.lastError).toMatch(/Không kết nối được máy chủ I-VAN.*vẫn trong hàng đợi/);
      expect(Date.parse(e!.nextAttemptAt!)).toBeGreaterThan(Date.parse(e!.updatedAt) - 1);
      // The immediate submit reports the same, and the entry still waits.
      const sub = await ctx.call('ivan.submit', { file: blob(await signedDossier(signer, 101)), endpoint: dead });
      expect(sub.ok).toBe(false);
      if (!sub.ok) expect(sub.error.code).toBe('IVAN_UNREACHABLE');
      expect((await ctx.value('ivan.outboxList', { states: ['queued'] })).length).toBe(2);
    } finally {
      ctx.close();
    }
  });

  test('a queued dossier can be cancelled; a sent one cannot; an unsigned file is not queued', async () => {
    await withServer({}, async (server, ctx) => {
      const a = await ctx.value('ivan.outboxAdd', {
        file: blob(await signedDossier(signer, 200)),
        endpoint: server.url,
      });
      const c = await ctx.value('ivan.outboxCancel', { id: a.entry.id });
      expect(c.state).toBe('cancelled');
      await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2 });
      expect(listTransactions(server.db)).toHaveLength(0);
      const b = await ctx.value('ivan.outboxAdd', {
        file: blob(await signedDossier(signer, 201)),
        endpoint: server.url,
      });
      await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2 });
      const r = await ctx.call('ivan.outboxCancel', { id: b.entry.id });
      expect(r.ok).toBe(false);
      const unsigned = await ctx.call('ivan.outboxAdd', {
        file: blob('<?xml version="1.0"?><Hoso><NoiDung/><CKy_Dvi></CKy_Dvi></Hoso>'),
        endpoint: server.url,
      });
      expect(!unsigned.ok && unsigned.error.code).toBe('NOT_SIGNED');
    });
  });

  test('a file changed after signing is refused at the door, naming the file and the reason; nothing is queued', async () => {
    await withServer({}, async (server, ctx) => {
      const good = await signedDossier(signer, 301);
      const tampered = good.replace('<NguoiKy>Nguyễn Văn An</NguoiKy>', '<NguoiKy>Người Khác</NguoiKy>');
      expect(tampered).not.toBe(good);
      const r = await ctx.call('ivan.outboxAdd', { file: blob(tampered), endpoint: server.url, dossierId: 'DOS-301' });
      expect(!r.ok && r.error.code).toBe('BAD_SIGNATURE');
      expect(!r.ok && r.error.message).toMatch(
        /^Chữ ký số trong hồ sơ không hợp lệ \(BHXHDienTu\.xml: .+\)\. .*hãy ký lại\.$/,
      );
      expect(await ctx.value('ivan.outboxList', {})).toEqual([]);
      // A form inside changed (its base64 re-encoded) is refused too, by that form's name.
      const inner = /<NoiDungFile>([^<]+)<\/NoiDungFile>/.exec(good)![1]!;
      const changed = Buffer.from(inner, 'base64').toString('utf8').replace('3801000', '3901000'); // the row's salary (3,500,000 + 301 × 1,000)
      expect(changed).not.toBe(Buffer.from(inner, 'base64').toString('utf8'));
      const innerTampered = good.replace(inner, Buffer.from(changed).toString('base64'));
      const r2 = await ctx.call('ivan.outboxAdd', { file: blob(innerTampered), endpoint: server.url });
      expect(!r2.ok && r2.error.code).toBe('BAD_SIGNATURE');
      expect(await ctx.value('ivan.outboxList', {})).toEqual([]);
      expect(listTransactions(server.db)).toEqual([]);
    });
  });

  test('a rejected dossier shows its reasons and, corrected and re-signed, is sent again under the same dossier id', async () => {
    await withServer({}, async (server, ctx) => {
      const good = await signedDossier(signer, 300);
      // Intact signatures over a mã cơ quan BHXH of 3 digits, which BHXH's schema refuses (5 digits).
      const wrong = await signedDossier(signer, 300, { agencyCode: '903' });
      await ctx.value('ivan.outboxAdd', { file: blob(wrong), endpoint: server.url, dossierId: 'DOS-300' });
      await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2 });
      await server.settle();
      await ctx.value('ivan.poll', {});
      const [rej] = await ctx.value('ivan.outboxList', {});
      expect(rej!.state).toBe('rejected');
      expect(rej!.reasons.length).toBeGreaterThan(0);
      const note = (await ctx.value('ivan.inbox', {})).find((n) => n.kind === 'rejected')!;
      expect(note.reasons[0]!.message).toMatch(/BHXHDienTu\.xml/);
      await ctx.value('ivan.outboxAdd', { file: blob(good), endpoint: server.url, dossierId: 'DOS-300' });
      await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2 });
      await server.settle();
      await ctx.value('ivan.poll', {});
      const all = await ctx.value('ivan.outboxList', {});
      expect(all.map((e) => e.state)).toEqual(['rejected', 'accepted']);
      expect(listTransactions(server.db).map((t) => t.status)).toEqual(['rejected', 'accepted']);
    });
  });

  test('credentials are stored encrypted, sent as Basic auth, and a wrong password holds the dossier', async () => {
    await withServer({ auth: { username: 'dv-ts12345', password: 'Mật-khẩu-bí-mật-42' } }, async (server, ctx) => {
      await ctx.value('ivan.settingsSave', {
        unitCode: 'TS12345',
        providerCode: '00040',
        endpoint: server.url,
        username: 'dv-ts12345',
        password: 'sai',
      });
      await ctx.value('ivan.outboxAdd', { file: blob(await signedDossier(signer, 400)), unitCode: 'TS12345' });
      await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2 });
      let [e] = await ctx.value('ivan.outboxList', {});
      expect(e).toMatchObject({ state: 'queued', lastErrorCode: 'IVAN_AUTH', nextAttemptAt: null });
      const saved = await ctx.value('ivan.settingsSave', {
        unitCode: 'TS12345',
        providerCode: '00040',
        endpoint: server.url,
        username: 'dv-ts12345',
        password: 'Mật-khẩu-bí-mật-42',
      });
      expect(saved).not.toHaveProperty('password');
      expect(saved.hasPassword).toBe(true);
      const raw = ctx.db.prepare('SELECT secret_ciphertext, secret_scheme FROM ivan_provider_settings').get() as {
        secret_ciphertext: Buffer;
        secret_scheme: string;
      };
      expect(raw.secret_scheme).toBe('aes-256-gcm-keyfile-v1');
      expect(raw.secret_ciphertext.includes(Buffer.from('Mật-khẩu-bí-mật-42'))).toBe(false);
      await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2, poll: false });
      [e] = await ctx.value('ivan.outboxList', {});
      expect(e!.state).toBe('sent');
      // Switching provider without 05/SĐ-IVAN is refused.
      const sw = await ctx.call('ivan.settingsSave', {
        unitCode: 'TS12345',
        providerCode: '00020',
        endpoint: server.url,
      });
      expect(!sw.ok && sw.error.code).toBe('IVAN_SWITCH_NEEDS_05');
    });
  });

  test('a period exports as one zip named by unit, procedure, period, đợt and số hồ sơ, with the signed bytes exactly as sent', async () => {
    await withServer({}, async (server, ctx) => {
      const d = createDossier(ctx.db, draft(500) as unknown as Record<string, unknown>, { at: BEFORE_DEADLINE });
      const xml = await signedDossier(signer, 500);
      markSigned(ctx.db, d.id, {
        envelope: xml,
        sha256: createHash('sha256').update(xml).digest('hex'),
        signer: 'test',
        mst: null,
        paperCopyRequired: true,
        at: BEFORE_DEADLINE,
      });
      await ctx.value('ivan.outboxAdd', { dossierId: d.id, endpoint: server.url });
      await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2, poll: false });
      await server.settle();
      await ctx.value('ivan.poll', {});
      const [h] = await ctx.value('ivan.history', { period: '10/2015' });
      expect(h!.state).toBe('accepted');
      const z = await ctx.value('ivan.exportPeriod', { period: '10/2015' });
      expect(z.count).toBe(1);
      const files = unzipSync(Buffer.from(z.file.base64, 'base64'));
      const names = Object.keys(files);
      const folder = `${h!.unitCode}_600_10-2015_dot${h!.batch}_${h!.receiptNo!.replace(/\//g, '-')}`;
      expect(folder).toMatch(/^TS12345_600_10-2015_dot1_\d{5}-2015-07906$/);
      const signed = names.find((n) => n.endsWith('BHXHDienTu.xml'))!;
      expect(signed).toBe(`${folder}/BHXHDienTu.xml`);
      expect(Buffer.from(files[signed]!).equals(Buffer.from(xml))).toBe(true);
      expect(JSON.parse(strFromU8(files['danh-sach.json']!)).exported).toBe(1);
      // The clerk's index: UTF-8 with BOM, Vietnamese headers, the send time as dd/mm/yyyy HH:mm in Vietnam time.
      const csvBytes = Buffer.from(files['danh-sach.csv']!);
      expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, row] = csvBytes.subarray(3).toString('utf8').split('\r\n');
      expect(header).toBe('Mã đơn vị;Tên đơn vị;Thủ tục;Kỳ;Đợt;Số hồ sơ;Trạng thái;Thời điểm gửi;Thư mục');
      const sentAt = h!.transitions.find((t) => t.to === 'sent')!.at;
      expect(row).toBe(
        [
          'TS12345',
          h!.unitName,
          '600',
          '10/2015',
          '1',
          h!.receiptNo,
          'Được chấp nhận',
          formatDateTimeVN(new Date(sentAt)),
          folder,
        ].join(';'),
      );
      expect((await ctx.value('ivan.exportPeriod', { period: '11/2015' })).count).toBe(0);
    });
  });

  test('a signed dossier queued by its id moves through queued → sent → received → accepted in the declarations record too', async () => {
    await withServer({}, async (server, ctx) => {
      const d = createDossier(ctx.db, draft(900) as unknown as Record<string, unknown>, { at: BEFORE_DEADLINE });
      const xml = await signedDossier(signer, 900);
      markSigned(ctx.db, d.id, {
        envelope: xml,
        sha256: createHash('sha256').update(xml).digest('hex'),
        signer: 'test',
        mst: null,
        paperCopyRequired: true,
        at: BEFORE_DEADLINE,
      });
      const { entry } = await ctx.value('ivan.outboxAdd', { dossierId: d.id, endpoint: server.url });
      expect(entry.idempotencyKey).toBe(d.id);
      expect(getDossier(ctx.db, d.id)!.state).toBe('queued');
      await ctx.value('ivan.outboxSend', { untilEmpty: true, baseDelayMs: 2, poll: false });
      await server.settle();
      await ctx.value('ivan.poll', {});
      expect(getDossier(ctx.db, d.id)!.state).toBe('accepted');
      expect(listTransitions(ctx.db, d.id).map((t) => t.to)).toEqual([
        'draft',
        'signed',
        'queued',
        'sent',
        'received',
        'accepted',
      ]);
    });
  });
});
