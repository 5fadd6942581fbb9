import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../../../electron/system/settings';
import { createTestContext, type TestContext } from '../../support/context';

let ctx: TestContext | null = null;
afterEach(() => {
  ctx?.close();
  ctx = null;
});

function seed(c: TestContext) {
  audit(c.db, {
    at: new Date('2015-10-01T02:00:00Z'),
    action: 'unit.created',
    subjectType: 'unit',
    subjectId: 'TH00001',
    actor: 'ketoan01',
    detail: { name: 'Công ty TNHH Mẫu' },
  });
  audit(c.db, {
    at: new Date('2015-10-02T02:00:00Z'),
    action: 'dossier.signed',
    subjectType: 'dossier',
    subjectId: 'D-1',
    actor: 'ketoan01',
    detail: { serial: '0102' },
  });
  audit(c.db, {
    at: new Date('2015-10-03T02:00:00Z'),
    action: 'dossier.sent',
    subjectType: 'dossier',
    subjectId: 'D-1',
    actor: '=HYPERLINK("http://evil","NV.HANH")',
  });
}

describe('audit log', () => {
  it('lists newest first with who, when and what, filtered and paged', async () => {
    ctx = createTestContext();
    seed(ctx);
    const all = await ctx.value('audit.list', {});
    expect(all.total).toBe(3);
    expect(all.items.map((e) => e.action)).toEqual(['dossier.sent', 'dossier.signed', 'unit.created']);
    expect(all.items[2]).toMatchObject({
      actor: 'ketoan01',
      subjectType: 'unit',
      subjectId: 'TH00001',
      at: '2015-10-01T02:00:00.000Z',
      source: 'audit',
    });
    expect(JSON.parse(all.items[2]!.detail!)).toEqual({ name: 'Công ty TNHH Mẫu' });
    const dossier = await ctx.value('audit.list', { subjectType: 'dossier', subjectId: 'D-1' });
    expect(dossier.total).toBe(2);
    // Bounds in Vietnam time: 2 Oct 00:00 (+07) to 3 Oct 00:00 (+07) holds only the signing.
    const day = await ctx.value('audit.list', { from: '2015-10-02T00:00:00+07:00', to: '2015-10-03T00:00:00+07:00' });
    expect(day.items.map((e) => e.action)).toEqual(['dossier.signed']);
    const page = await ctx.value('audit.list', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ action: 'dossier.signed' }] });
    expect((await ctx.value('audit.list', { search: 'hanh' })).total).toBe(1);
    // LIKE wildcards in the search are literal.
    expect((await ctx.value('audit.list', { search: '%' })).total).toBe(0);
  });

  it('records the OS user name by default', async () => {
    ctx = createTestContext();
    await ctx.value('settings.set', { patch: { 'ui.confirmSubmit': false } });
    const [entry] = (await ctx.value('audit.list', {})).items;
    const expected = process.env.USERNAME || process.env.USER || (await import('node:os')).userInfo().username;
    expect(entry!.actor).toBe(expected);
  });

  it('exports CSV that Excel opens in Vietnamese, with formula cells defused', async () => {
    ctx = createTestContext({ now: new Date('2015-10-30T03:00:00Z') });
    seed(ctx);
    const r = await ctx.value('audit.export', { format: 'csv' });
    expect(r.count).toBe(3);
    expect(r.file.name).toBe('nhat-ky-20151030-100000.csv');
    const bytes = Buffer.from(r.file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    // "Nội dung" is the sentence the screen shows; the recorded code and detail follow for support.
    expect(lines[0]).toBe('Thời gian;Thời điểm (ISO);Người dùng;Nội dung;Hành động;Đối tượng;Mã đối tượng;Chi tiết');
    expect(lines[1]).toBe(
      '01/10/2015 09:00;2015-10-01T02:00:00.000Z;ketoan01;unit.created: name: Công ty TNHH Mẫu;unit.created;unit;TH00001;"{""name"":""Công ty TNHH Mẫu""}"',
    );
    // A cell that looks like a formula is written as text (leading apostrophe), quoted because it holds quotes.
    expect(lines[3]!.split(';')[2]).toBe(`"'=HYPERLINK(""http://evil"",""NV.HANH"")"`);
    const json = await ctx.value('audit.export', { format: 'json', subjectType: 'dossier' });
    expect(
      JSON.parse(Buffer.from(json.file.base64, 'base64').toString('utf8')).map((e: { action: string }) => e.action),
    ).toEqual(['dossier.signed', 'dossier.sent']);
  });
});

describe('audit log with dossier transitions (migration 0030)', () => {
  it('shows each state change of a dossier next to the audit log, with its actor', async () => {
    ctx = createTestContext({ now: new Date('2015-10-30T03:00:00Z') });
    const unit = await ctx.call('unit.add', {
      code: 'TA00001',
      name: 'Công ty TNHH Tân An',
      taxCode: '0101234565',
      agencyCode: '38101',
      wageRegion: '01',
    });
    expect(unit.ok).toBe(true);
    const created = await ctx.call('dossier.create', { unitCode: 'TA00001', period: '10/2015' });
    expect(created.ok, JSON.stringify(!created.ok && created.error)).toBe(true);
    const id = created.ok ? (created.value as { id: string }).id : '';
    const log = await ctx.value('audit.list', { subjectType: 'dossier', subjectId: id });
    const fromTransitions = log.items.filter((e) => e.source === 'dossier');
    expect(fromTransitions.length).toBeGreaterThanOrEqual(1);
    expect(fromTransitions.at(-1)).toMatchObject({ action: 'dossier.draft', subjectType: 'dossier', subjectId: id });
    expect(JSON.parse(fromTransitions.at(-1)!.detail!)).toMatchObject({ to: 'draft' });
    expect(fromTransitions.at(-1)!.actor).not.toBe('');
    // The export carries them too.
    const csv = Buffer.from(
      (await ctx.value('audit.export', { format: 'csv', subjectId: id })).file.base64,
      'base64',
    ).toString('utf8');
    expect(csv).toContain('dossier.draft');
  });
});
