import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { MONTH_UNIT } from '../../support/units';
import { NOW, UNIT, largeDraft } from './large-month';

/**
 * An accepted dossier's notification carries the mã số BHXH given to each new participant (about 90 bytes each), so a
 * page of 200 results for large dossiers can pass the 4 MB the client reads of an answer. Refusing that page stalled
 * the poller's cursor for good — no later result ever arrived. Here the training I-VAN holds 40 results of 1,800 new
 * people each (7 MB in one page); the poll must read them all.
 */
let dir: string;
let ctx: TestContext;
let server: RunningIvanServer;

beforeAll(async () => {
  dir = makeTempDir('kekhai-scale-pages-');
  ctx = createTestContext({ now: NOW, dataDir: join(dir, 'app') });
  const t0 = Date.now();
  server = await startIvanServer({
    dataDir: join(dir, 'srv'),
    resourcesDir: join(process.cwd(), 'resources'),
    now: () => new Date(NOW.getTime() + Date.now() - t0),
  });
  await ctx.value('unit.add', { ...MONTH_UNIT, ivanProvider: '00040', signer: 'Lê Văn Ký', address: 'Hà Nội' });
  await ctx.value('ivan.settingsSave', { unitCode: UNIT, providerCode: '00040', endpoint: server.url });
}, 60_000);

afterAll(async () => {
  await server?.close();
  ctx?.close();
  removeDir(dir);
});

describe('the poller and pages of large results', () => {
  it('reads 40 results of 1,800 new people each (7 MB a page at 200) without stalling', async () => {
    const d = await ctx.value('dossier.create', { draft: largeDraft({ hires: 3, leavers: 0, raises: 0 }) });
    await ctx.value('signing.signDossier', { dossierId: d.id, signer: { kind: 'test-cert', password: 'thunghiem' } });
    const sent = await ctx.value('ivan.submit', { dossierId: d.id, unitCode: UNIT });
    await server.settle();
    // The same transaction's result, published again 40 times with 1,800 numbers each (what 40 large accepted
    // dossiers would put in one page).
    const numbers = Array.from({ length: 1_800 }, (_, i) => ({
      idNumber: `0791900${String(i).padStart(5, '0')}`,
      fullName: 'Nguyễn Thị Phương Thảo',
      insuranceNo: `79${String(10_000_000 + i)}`,
    }));
    const insert = server.db.prepare(
      "INSERT INTO notifications (transaction_id, kind, at, payload) VALUES (?, 'accepted', ?, ?)",
    );
    for (let i = 0; i < 40; i++)
      insert.run(sent.transactionId, NOW.toISOString(), JSON.stringify({ insuranceNumbers: numbers }));
    const published = (server.db.prepare('SELECT count(*) AS n FROM notifications').get() as { n: number }).n;

    const polls = await ctx.value('ivan.poll', {});
    expect(polls.map((p) => p.error)).toEqual([undefined]);
    const stored = ctx.db.prepare('SELECT count(*) AS n FROM ivan_notifications').get() as { n: number };
    expect(stored.n).toBe(published);
    expect((await ctx.value('dossier.get', { id: d.id })).state).toBe('accepted');
  }, 120_000);
});
