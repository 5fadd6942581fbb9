/**
 * A double click, as the browser-mode host sees it: the same request twice at once over real HTTP. Each action
 * must have exactly one effect (one employee, one import, one signature, one send), and both answers must tell the
 * truth (no error for the click whose twin succeeded).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { listTransactions } from '../../../electron/ivan/simulator/store';
import { markSigned } from '../../../electron/declarations/dossier-repo';
import { createTestContext } from '../../support/context';
import { countingDoor } from '../../support/counting-door';
import { makeTempDir, removeDir } from '../../support/tmp';
import { SAIGON_UNIT } from '../../support/units';
import { HEADERS, makeEmployees, toRow, writeXlsx } from '../../fixtures/roster/generate';
import { api, value } from '../../support/host-api';

const twice = <T>(f: () => Promise<T>) => Promise.all([f(), f()]);
const TEST_CERT = { kind: 'test-cert', password: 'thunghiem' } as const;
const draftIssue = () => JSON.parse(readFileSync('tests/unit/declarations/fixtures/draft-issue.json', 'utf8'));

let dir: string;
beforeAll(() => {
  dir = makeTempDir('kekhai-double-');
});
afterAll(() => removeDir(dir));

describe('the same request twice at once over the HTTP host', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost({ dataDir: join(dir, 'roster'), port: 0 });
    await value(host, 'unit.add', { ...SAIGON_UNIT });
  });
  afterAll(() => host.close());

  test('"Lưu" of a new employee twice (one form, one requestId): one person, both answers name them', async () => {
    // No CCCD or mã số yet: nothing in the data would tell the two saves apart.
    const input = {
      unitCode: SAIGON_UNIT.code,
      employee: { fullName: 'Phạm Văn Dũng', birthDate: '1990', gender: 'M' },
      requestId: 'form-7f3a',
    };
    const [a, b] = await twice(() => api(host, 'employee.save', input));
    expect(a.ok && b.ok, JSON.stringify([a.error, b.error])).toBe(true);
    expect(a.value.id).toBe(b.value.id);
    const list = await value(host, 'employee.list', { unitCode: SAIGON_UNIT.code, search: 'Phạm Văn Dũng' });
    expect(list.total).toBe(1);
  });

  test('"Nhập" twice on one file: the rows are written once, and each answer says what it did', async () => {
    const file = join(dir, 'nhap.xlsx');
    await writeXlsx(file, HEADERS, makeEmployees(400, 21).map(toRow));
    const input = {
      unitCode: SAIGON_UNIT.code,
      file: { name: 'nhap.xlsx', base64: readFileSync(file).toString('base64') },
    };
    const before = (await value(host, 'unit.get', { code: SAIGON_UNIT.code })).employeeCount;
    const [a, b] = await twice(() => api(host, 'roster.importCommit', input));
    expect(a.ok && b.ok, JSON.stringify([a.error, b.error])).toBe(true);
    // Joined while the first runs, or run after it: either way the rows are written once, and each answer says so.
    const [first, second] = a.value.imported === 400 ? [a.value, b.value] : [b.value, a.value];
    expect(first.imported).toBe(400);
    if (second.imported !== 400) expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 400 });
    expect((await value(host, 'unit.get', { code: SAIGON_UNIT.code })).employeeCount).toBe(before + 400);
    const history = await value(host, 'employee.history', {
      id: (await value(host, 'employee.list', { unitCode: SAIGON_UNIT.code, limit: 1 })).items[0].id,
    });
    expect(history.items.filter((h: { field: string }) => h.field === '*')).toHaveLength(1);
  });
});

describe('"Ký" and "Nộp" twice at once', () => {
  let host: RunningHost;
  let ivan: RunningIvanServer;
  let door: Awaited<ReturnType<typeof countingDoor>>;
  const data = () => join(dir, 'sign');
  beforeAll(async () => {
    // The test certificate is valid in 2015 (the fixture's period 10/2015).
    host = await startHost({ dataDir: data(), port: 0, now: new Date('2015-10-30T03:00:00Z') });
    ivan = await startIvanServer({
      dataDir: join(dir, 'srv'),
      resourcesDir: join(process.cwd(), 'resources'),
      resultDelayMs: 10,
      latencyMs: 200,
    });
    door = await countingDoor(ivan.url);
  });
  afterAll(async () => {
    await host.close();
    await door.close();
    await ivan.close();
  });

  let signedId = '';
  test('"Ký" twice: one signature, both answers say signed', async () => {
    const created = await value(host, 'dossier.create', { draft: draftIssue() });
    signedId = created.id;
    const input = { dossierId: created.id, signer: TEST_CERT };
    const [a, b] = await twice(() => api(host, 'signing.signDossier', input));
    expect(a.ok && b.ok, JSON.stringify([a.error, b.error])).toBe(true);
    expect(b.value.sha256).toBe(a.value.sha256);
    const ctx = createTestContext({ dataDir: data() });
    try {
      const n = ctx.db.prepare('SELECT COUNT(*) AS n FROM signatures WHERE dossier_ref = ?').get(created.id) as {
        n: number;
      };
      expect(n.n).toBe(a.value.files.length + 1);
    } finally {
      ctx.close();
    }
  });

  test('"Nộp" twice: one POST reaches the I-VAN, both answers carry its transaction', async () => {
    expect(signedId).not.toBe('');
    await value(host, 'ivan.settingsSave', {
      unitCode: 'TA0001A',
      providerCode: '00040',
      endpoint: door.url,
      username: 'ketoan01',
      password: 'mat-khau-thu',
    });
    const [a, b] = await twice(() => api(host, 'ivan.submit', { dossierId: signedId, unitCode: 'TA0001A' }));
    expect(a.ok && b.ok, JSON.stringify([a.error, b.error])).toBe(true);
    expect(b.value.transactionId).toBe(a.value.transactionId);
    expect(door.posts()).toBe(1);
    expect(listTransactions(ivan.db)).toHaveLength(1);
  });
});

test('"Huỷ" in one tab while another tab’s "Gửi" waits for the I-VAN: refused, and the dossier ends sent, not cancelled', async () => {
  const ivan = await startIvanServer({
    dataDir: join(dir, 'srv-cancel'),
    resourcesDir: join(process.cwd(), 'resources'),
    resultDelayMs: 10,
    latencyMs: 1500,
  });
  const host = await startHost({ dataDir: join(dir, 'cancel'), port: 0, now: new Date('2015-10-30T03:00:00Z') });
  try {
    const created = await value(host, 'dossier.create', { draft: draftIssue() });
    await value(host, 'signing.signDossier', { dossierId: created.id, signer: TEST_CERT });
    await value(host, 'ivan.settingsSave', {
      unitCode: 'TA0001A',
      providerCode: '00040',
      endpoint: ivan.url,
      username: 'ketoan01',
      password: 'mat-khau-thu',
    });
    const { entry } = await value(host, 'ivan.outboxAdd', { dossierId: created.id });
    const sending = api(host, 'ivan.outboxSend', {});
    // Wait until the sender holds the entry (its POST is on the way).
    for (let i = 0; i < 100 && !(await value(host, 'ivan.outboxList', {}))[0].sending; i++)
      await new Promise((r) => setTimeout(r, 20));
    const cancel = await api(host, 'ivan.outboxCancel', { id: entry.id });
    expect(cancel.ok).toBe(false);
    expect(cancel.error!.code).toBe('IN_PROGRESS');
    expect(cancel.error!.message).toBe(
      `Hồ sơ ${entry.id} đang được gửi tới I-VAN nên chưa huỷ được; chờ kết quả gửi rồi xem lại`,
    );
    expect((await sending).ok).toBe(true);
    const [after] = await value(host, 'ivan.outboxList', {});
    // Sent, and (the poll after the send) already answered: never "cancelled" for a dossier the I-VAN holds.
    expect(after.sending).toBe(false);
    expect(['sent', 'received', 'accepted', 'rejected']).toContain(after.state);
    expect(after.transactionId).toBe(listTransactions(ivan.db)[0]!.transactionId);
  } finally {
    await host.close();
    await ivan.close();
  }
});

test('a signature of a draft another window changed while the token signed is not stored', async () => {
  const ctx = createTestContext({ dataDir: join(dir, 'mid-sign'), now: new Date('2015-10-30T03:00:00Z') });
  try {
    const opened = await ctx.value('dossier.create', { draft: draftIssue() });
    // The token is signing `opened.draft` while another window saves a changed row.
    const rows = opened.draft.rows as Record<string, unknown>[];
    const changed = { ...opened.draft, rows: [{ ...rows[0], note: 'sửa ở cửa sổ khác' }] };
    await ctx.value('dossier.saveDraft', { id: opened.id, draft: changed });
    const envelope = Buffer.from('<Hoso/>');
    expect(() =>
      markSigned(ctx.db, opened.id, {
        envelope,
        sha256: createHash('sha256').update(envelope).digest('hex'),
        signer: 'Test',
        mst: null,
        paperCopyRequired: true,
        at: ctx.now(),
        draftSha256: opened.draftSha256,
      }),
    ).toThrow(/vừa được sửa ở nơi khác/);
    expect(await ctx.value('dossier.get', { id: opened.id })).toMatchObject({ state: 'draft', signedSha256: null });
  } finally {
    ctx.close();
  }
});
