import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CALL_BODY, MAX_DRAFT_BODY } from '../../../electron/host/body-limits';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { startIvanServer } from '../../../electron/ivan/simulator/server';
import { createTestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { LARGE, NOW, UNIT, largeDraft } from './large-month';
import { MONTH_UNIT } from '../../support/units';

/**
 * Size limits a large company meets, on real HTTP servers: the browser-mode host takes a 15,000-row draft (a yearly wage
 * adjustment, one DC for every worker: 4.7 MB of JSON as typed, 10 MB with every field the proposals fill) and names its limit when refusing more; the training I-VAN
 * names its upload limit, and the client passes that on in Vietnamese instead of a bare "HTTP 413".
 */
describe('browser-mode host: a draft of 15,000 rows', () => {
  let host: RunningHost;
  let dir: string;
  beforeAll(async () => {
    dir = makeTempDir('kekhai-scale-host-');
    host = await startHost({ dataDir: dir, port: 0 });
  });
  afterAll(async () => {
    await host.close();
    removeDir(dir);
  });

  const post = async (method: string, body: string) => {
    const r = await fetch(`http://127.0.0.1:${host.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kekhai-Token': host.secret },
      body,
    });
    return { status: r.status, json: (await r.json()) as { ok: boolean; value?: any; error?: any } };
  };

  it('is autosaved whole (4.7 MB a call); a body over the draft limit is refused naming it', async () => {
    expect((await post('unit.add', JSON.stringify(MONTH_UNIT))).json.ok).toBe(true);
    const created = await post(
      'dossier.create',
      JSON.stringify({ draft: largeDraft({ hires: 0, leavers: 0, raises: 15_000 }) }),
    );
    expect(created.status, JSON.stringify(created.json.error)).toBe(200);
    // The editor holds the stored draft (every field with its default) and autosaves all of it after an edit.
    const stored = (await post('dossier.get', JSON.stringify({ id: created.json.value.id }))).json.value;
    expect(stored.draft.rows).toHaveLength(15_000);
    const rows = stored.draft.rows as Record<string, unknown>[];
    rows[14_999] = { ...rows[14_999], salary: 9_000_000 };
    const autosave = JSON.stringify({ id: stored.id, draft: stored.draft, baseSha256: stored.draftSha256 });
    expect(autosave.length).toBeGreaterThan(MAX_CALL_BODY);
    const saved = await post('dossier.saveDraft', autosave);
    expect(saved.status, JSON.stringify(saved.json.error)).toBe(200);
    expect(saved.json.ok).toBe(true);
    const again = (await post('dossier.get', JSON.stringify({ id: stored.id }))).json.value;
    expect(again.draft.rows[14_999].salary).toBe(9_000_000);

    const over = await post('dossier.saveDraft', JSON.stringify({ pad: 'x'.repeat(MAX_DRAFT_BODY) }));
    expect(over.status).toBe(413);
    expect(over.json.error).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('64 MB') });
  }, 120_000);
});

describe('the training I-VAN’s upload limit', () => {
  it('a dossier over it is refused with a Vietnamese message naming the limit', async () => {
    const dir = makeTempDir('kekhai-scale-ivan-');
    const ctx = createTestContext({ now: NOW, dataDir: join(dir, 'app') });
    const server = await startIvanServer({
      dataDir: join(dir, 'srv'),
      resourcesDir: join(process.cwd(), 'resources'),
      maxBodyBytes: 1024 * 1024,
    });
    try {
      await ctx.value('unit.add', { ...MONTH_UNIT, ivanProvider: '00040', signer: 'Lê Văn Ký', address: 'Hà Nội' });
      const made = await ctx.value('signing.makeDossier', {
        draft: largeDraft(LARGE),
        signer: { kind: 'test-cert', password: 'thunghiem' },
      });
      expect(Buffer.from(made.envelope.base64, 'base64').length).toBeGreaterThan(1024 * 1024);
      const r = await ctx.call('ivan.submit', { file: made.envelope, endpoint: server.url, unitCode: UNIT });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('IVAN_REFUSED');
      expect(r.error.message).toContain('HTTP 413');
      expect(r.error.message).toContain('tối đa 1 MB');
      expect(r.error.message).toContain('Chia tờ khai thành nhiều đợt');
    } finally {
      await server.close();
      ctx.close();
      removeDir(dir);
    }
  }, 120_000);
});
