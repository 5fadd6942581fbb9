import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIvanServer, type RunningIvanServer } from '../../../electron/ivan/simulator/server';
import { createTestContext, type TestContext } from '../../support/context';
import { makeTempDir, removeDir } from '../../support/tmp';
import { MONTH_UNIT } from '../../support/units';

/**
 * One clerk's month (10/2015), computed by hand, through the four users of the one contribution engine: the
 * proposals' row amounts (declarations.contributions), the printed D02-TS total, the unit's monthly statement and the
 * training I-VAN's C12-TS. The 2015 test certificate is valid until 31/10/2015, so the clock is 20/10/2015.
 *
 * Rates 2015 (Luật BHXH 2006 / Luật VL 2013 / NĐ 105/2014): employer 22 % (HT-TT 14, ÔĐ-TS 3, TNLĐ-BNN 1, BHYT 3,
 * BHTN 1), employee 10,5 % (HT-TT 8, BHYT 1,5, BHTN 1) = 32,5 %. Every salary is under the caps (23.000.000 BHXH/BHYT,
 * 62.000.000 BHTN in region 01) and above the region 01 minimum 3.100.000. The unit works a 26-day calendar
 * (Monday–Saturday). October 2015: Thursday 1st; Sundays 4, 11, 18, 25.
 *
 * Staff imported "participating since 08/2015": An 5.000.000, Bình 6.000.000, Cường 7.000.000 (18.000.000 × 32,5 % =
 *   5.850.000 a month). The training I-VAN knows only what was filed with it, so Dũng's earlier salary reaches it
 *   through September's dossier:
 * September: Dũng, contract start 01/09/2015 (Tuesday; 0 days before) → TM 09/2015 at 5.000.000 = +1.625.000, filed
 *   and accepted; BHXH assigns his mã số, written back onto the roster.
 *   Statement 09/2015 = 23.000.000 × 32,5 % = 7.475.000 (employer 5.060.000, employee 2.415.000).
 * Same file, hires dated by their contract start (after 08/2015, no participation information):
 *   Em, start 01/10/2015: 0 working days before → TM 10/2015, 4.500.000 × 32,5 % = +1.462.500.
 *   Phúc, start 20/10/2015: 1–3, 5–10, 12–17, 19 = 16 days ≥ 14 → TM 11/2015 (not in October's proposals).
 * Recorded events:
 *   Giang, hire 03/08/2015 (late; 1 day before, Saturday 01/08) → TM 08/2015, truy thu: 4.000.000 × 32,5 % = +1.300.000.
 *   Hùng, hire 16/10/2015: 1–3, 5–10, 12–15 = 13 days < 14 → TM 10/2015: 5.000.000 × 32,5 % = +1.625.000.
 *   Bình, maternity 05/10/2015–04/04/2016: 24 of 27 October days away → TS 10/2015–03/2016 (April: 1, 2, 4 = 3 days):
 *     −6.000.000 × 32,5 % = −1.950.000.
 *   Cường, leave, first day gone 12/10/2015: 12–17, 19–24, 26–31 = 18 days ≥ 14 → GH 10/2015: −7.000.000 × 32,5 % = −2.275.000.
 *   Dũng, raise 5.000.000 → 6.000.000 from 01/10/2015 → DC 10/2015: (6.000.000 − 5.000.000) × 32,5 % = +325.000.
 * Sum of the rows: 1.300.000 + 325.000 + 1.625.000 − 1.950.000 + 1.462.500 − 2.275.000 = +487.500
 *   (employer 22 % of 1.500.000 = 330.000; employee 10,5 % = 157.500).
 * After BHXH accepts: statement 10/2015 = An 5.000.000 + Dũng 6.000.000 + Em 4.500.000 + Giang 4.000.000 + Hùng
 *   5.000.000 = 24.500.000 × 32,5 % = 7.962.500 (Bình on maternity owes 0, Cường has left) = 7.475.000 + 487.500.
 */

const NOW = new Date('2015-10-20T09:00:00+07:00');
const UNIT = MONTH_UNIT.code;
const CSV = [
  'Họ và tên,Mã số BHXH,Ngày sinh,Giới tính,Số CCCD,Chức vụ,Tiền lương,Ngày bắt đầu HĐLĐ,Số hợp đồng,Ngày ký hợp đồng',
  'Trần Văn An,0301000001,01/01/1980,Nam,001080000001,Kỹ sư,5000000,01/03/2013,01/2013/HĐLĐ,01/03/2013',
  'Lê Thị Bình,0301000002,02/02/1988,Nữ,001188000002,Kế toán,6000000,01/06/2014,02/2014/HĐLĐ,01/06/2014',
  'Phạm Văn Cường,0301000003,03/03/1985,Nam,001085000003,Lái xe,7000000,01/01/2014,03/2014/HĐLĐ,01/01/2014',
  'Hoàng Văn Dũng,,04/04/1990,Nam,001090000004,Thủ kho,5000000,01/09/2015,04/2015/HĐLĐ,01/09/2015',
  'Nguyễn Thị Em,,05/05/1995,Nữ,001195000005,Nhân viên,4500000,01/10/2015,05/2015/HĐLĐ,01/10/2015',
  'Đỗ Văn Phúc,,06/06/1992,Nam,001092000006,Bảo vệ,5500000,20/10/2015,06/2015/HĐLĐ,20/10/2015',
].join('\n');

let ctx: TestContext;
let server: RunningIvanServer;
let dir: string;

beforeAll(async () => {
  dir = makeTempDir('kekhai-month-');
  ctx = createTestContext({ dataDir: join(dir, 'app'), now: NOW });
  // The training I-VAN's clock runs from the same October 2015 day (the test certificate expires on 31/10/2015).
  const t0 = Date.now();
  server = await startIvanServer({
    dataDir: join(dir, 'srv'),
    resourcesDir: join(process.cwd(), 'resources'),
    resultDelayMs: 10,
    now: () => new Date(NOW.getTime() + Date.now() - t0),
  });
});
afterAll(async () => {
  await server.close();
  ctx.close();
  removeDir(dir);
});

/** Sign with the 2015 test certificate, submit to the training I-VAN, wait for its result and read it back. */
async function fileAndAccept(id: string): Promise<void> {
  await ctx.value('signing.signDossier', { dossierId: id, signer: { kind: 'test-cert', password: 'thunghiem' } });
  await ctx.value('ivan.submit', { dossierId: id, unitCode: UNIT });
  await server.settle();
  await ctx.value('ivan.poll', {});
  const got = await ctx.value('dossier.get', { id });
  expect(got.state, JSON.stringify(got.transitions)).toBe('accepted');
}

/** "Phải đóng phát sinh" (B.3, cộng) of the training I-VAN's C12-TS for a period, as the inbox received it. */
async function c12Owed(period: string, line = 'B.3'): Promise<number> {
  const inbox = (await ctx.value('ivan.inbox', {})) as unknown as {
    kind: string;
    statement: { period: string; lines: { code: string; cong: number }[] } | null;
  }[];
  const c12 = inbox.find((i) => i.kind === 'c12ts' && i.statement?.period === period);
  return c12!.statement!.lines.find((l) => l.code === line)!.cong;
}

describe('the clerk’s month: ledger, proposals and one engine for four users', () => {
  let dossierId = '';

  it('imports staff as participating, records dated events, and proposes exactly the month’s rows', async () => {
    await ctx.value('unit.add', {
      ...MONTH_UNIT,
      ivanProvider: '00040',
      signer: 'Lê Văn Ký',
      address: 'Hà Nội',
    });
    const imp = await ctx.value('roster.importCommit', {
      unitCode: UNIT,
      file: { name: 'nhan-su.csv', base64: Buffer.from(CSV, 'utf8').toString('base64') },
      participatingSince: '08/2015',
    });
    expect(imp).toMatchObject({ imported: 6, rejected: [] });
    expect(await ctx.value('ledger.statement', { unitCode: UNIT, period: '08/2015' })).toMatchObject({
      employees: 3,
      total: 5_850_000,
    });
    await ctx.value('ivan.settingsSave', { unitCode: UNIT, providerCode: '00040', endpoint: server.url });

    // September: only Dũng's hire (the staff imported as participating get no TM).
    const sep = await ctx.value('dossier.propose', { unitCode: UNIT, period: '09/2015' });
    expect(sep.rows.map((r) => `${r.plan} ${r.fullName} ${r.fromMonth}`)).toEqual(['TM Hoàng Văn Dũng 09/2015']);
    const sepDossier = await ctx.value('dossier.create', { draft: sep.draft });
    await fileAndAccept(sepDossier.id);
    const dung = (await ctx.value('employee.list', { unitCode: UNIT, search: 'Hoàng Văn Dũng' })).items[0]!;
    expect(dung.insuranceNumber).toMatch(/^03\d{8}$/);
    const before = await ctx.value('ledger.statement', { unitCode: UNIT, period: '09/2015' });
    expect(before).toMatchObject({
      period: '09/2015',
      employees: 4,
      employer: 5_060_000,
      employee: 2_415_000,
      total: 7_475_000,
    });
    // September's C12-TS: 7.475.000 − 5.850.000 = 1.625.000, Dũng's TM.
    expect(await c12Owed('09/2015')).toBe(1_625_000);

    const base = {
      birthDate: '07/07/1990',
      gender: 'F' as const,
      jobTitle: 'Nhân viên',
      contractNumber: '07/2015/HĐLĐ',
      contractSigned: '01/08/2015',
    };
    await ctx.value('employee.save', {
      unitCode: UNIT,
      employee: { ...base, fullName: 'Vũ Thị Giang', cccd: '001190000007', salary: 4_000_000 },
    });
    await ctx.value('employee.save', {
      unitCode: UNIT,
      employee: {
        ...base,
        fullName: 'Bùi Văn Hùng',
        gender: 'M',
        birthDate: '08/08/1985',
        cccd: '001085000008',
        salary: 5_000_000,
      },
    });
    await ctx.value('employee.event', {
      unitCode: UNIT,
      employee: '001190000007',
      kind: 'hire',
      effective: '03/08/2015',
    });
    await ctx.value('employee.event', {
      unitCode: UNIT,
      employee: '001085000008',
      kind: 'hire',
      effective: '16/10/2015',
    });
    await ctx.value('employee.event', {
      unitCode: UNIT,
      employee: '0301000002',
      kind: 'maternity',
      effective: '05/10/2015',
      end: '04/04/2016',
    });
    await ctx.value('employee.event', {
      unitCode: UNIT,
      employee: '0301000003',
      kind: 'leave',
      effective: '12/10/2015',
    });
    const raise = await ctx.value('employee.event', {
      unitCode: UNIT,
      employee: dung.insuranceNumber,
      kind: 'salary',
      effective: '01/10/2015',
      salary: 6_000_000,
    });
    expect(raise.event).toMatchObject({
      kind: 'salary',
      effective: '01/10/2015',
      salary: 6_000_000,
      previousSalary: 5_000_000,
    });
    const bad = await ctx.call('employee.event', {
      unitCode: UNIT,
      employee: '999',
      kind: 'leave',
      effective: '01/10/2015',
    });
    expect(bad.ok).toBe(false);

    const p = await ctx.value('dossier.propose', { unitCode: UNIT, period: '10/2015' });
    const brief = p.rows
      .map((r) => `${r.plan} ${r.loai} ${r.fullName} ${r.fromMonth}-${r.toMonth} ${r.salary} ${r.previousSalary}`)
      .sort();
    expect(brief).toEqual(
      [
        'TM 1 Vũ Thị Giang 08/2015- 4000000 null',
        'TM 1 Nguyễn Thị Em 10/2015- 4500000 null',
        'TM 1 Bùi Văn Hùng 10/2015- 5000000 null',
        'TS 3 Lê Thị Bình 10/2015-03/2016 6000000 null',
        'GH 3 Phạm Văn Cường 10/2015- 7000000 null',
        'DC 2 Hoàng Văn Dũng 10/2015- 6000000 5000000',
      ].sort(),
    );
    const reason = (name: string) => p.rows.find((r) => r.fullName === name)!.reason;
    expect(reason('Nguyễn Thị Em')).toContain('vào làm ngày 01/10/2015 (ngày bắt đầu HĐLĐ)');
    expect(reason('Bùi Văn Hùng')).toContain('13 ngày làm việc trước đó');
    expect(reason('Vũ Thị Giang')).toContain('truy thu từ tháng 08/2015');
    expect(reason('Phạm Văn Cường')).toContain('nghỉ việc từ ngày 12/10/2015');
    expect(reason('Lê Thị Bình')).toMatch(/Nghỉ thai sản từ ngày 05\/10\/2015 đến ngày 04\/04\/2016/);
    expect(reason('Hoàng Văn Dũng')).toContain('hiệu lực ngày 01/10/2015');
    // The late TM carries its D01-TS document; every roster field is copied into the row.
    const giang = p.rows.find((r) => r.fullName === 'Vũ Thị Giang')!;
    expect(giang.late).toBe(true);
    expect((giang.row.documents as unknown[]).length).toBe(1);
    expect(giang.row).toMatchObject({
      idNumber: '001190000007',
      position: 'Nhân viên',
      contract: { number: '07/2015/HĐLĐ', signedOn: '01/08/2015' },
    });
    expect(p.draft).toMatchObject({
      format: 'kekhai-draft/1',
      period: '10/2015',
      unit: { code: UNIT, agencyCode: '03801' },
      ivan: '00040',
      createdOn: '20/10/2015',
    });

    const d = await ctx.value('dossier.create', { draft: p.draft });
    dossierId = d.id;
    expect(d.validation.errors, JSON.stringify(d.validation.problems)).toBe(0);
  });

  it('row amounts, the printed total and the statement agree to the đồng', async () => {
    const d = await ctx.value('dossier.get', { id: dossierId });
    const c = await ctx.value('declarations.contributions', { draft: d.draft });
    const byPlan = Object.fromEntries(
      c.rows.map((r) => [`${r.plan}:${(d.draft.rows as { fullName: string }[])[r.index]!.fullName}`, r.total]),
    );
    expect(byPlan).toEqual({
      'TM:Vũ Thị Giang': 1_300_000,
      'TM:Nguyễn Thị Em': 1_462_500,
      'TM:Bùi Văn Hùng': 1_625_000,
      'TS:Lê Thị Bình': -1_950_000,
      'GH:Phạm Văn Cường': -2_275_000,
      'DC:Hoàng Văn Dũng': 325_000,
    });
    expect(c.totals).toMatchObject({ employer: 330_000, employee: 157_500, total: 487_500 });
    const html = (await ctx.value('dossier.printHtml', { id: dossierId })).html;
    expect(html).toMatch(/Tổng số phải đóng:<\/td><td class="num"><b>487\.500 đ<\/b>/);
  });

  it('signed with the test certificate and accepted by the training I-VAN: C12-TS = the statement’s change; new mã số written back', async () => {
    await fileAndAccept(dossierId);
    const owed = await c12Owed('10/2015');
    const before = await ctx.value('ledger.statement', { unitCode: UNIT, period: '09/2015' });
    const after = await ctx.value('ledger.statement', { unitCode: UNIT, period: '10/2015' });
    expect(after).toMatchObject({ employees: 5, total: 7_962_500 });
    expect(owed).toBe(487_500);
    // Giang's truy thu: her TM from 08/2015 now counts in August's and September's statements too (+1.300.000 each).
    // C12-TS charges the row at its first month in B.3 and the later months 09–10/2015 in B.4: 2 × 1.300.000, the same
    // as those two back months' statement changes.
    expect(before.total).toBe(7_475_000 + 1_300_000);
    const august = await ctx.value('ledger.statement', { unitCode: UNIT, period: '08/2015' });
    expect(august.total).toBe(5_850_000 + 1_300_000);
    expect(await c12Owed('10/2015', 'B.4')).toBe(august.total - 5_850_000 + (before.total - 7_475_000));
    expect(after.rows.find((r) => r.fullName === 'Lê Thị Bình')).toMatchObject({ total: 0 });
    expect(after.rows.find((r) => r.fullName === 'Phạm Văn Cường')).toBeUndefined();

    const list = await ctx.value('employee.list', { unitCode: UNIT, search: 'Nguyễn Thị Em' });
    expect(list.items[0]!.insuranceNumber).toMatch(/^03\d{8}$/);
    const ledger = await ctx.value('ledger.get', { id: list.items[0]!.id });
    expect(ledger.participation.map((x) => `${x.fund} ${x.fromMonth}`)).toContain('pension 10/2015');

    // Nothing already filed is proposed again; next month brings Phúc (start on the 20th).
    expect((await ctx.value('dossier.propose', { unitCode: UNIT, period: '10/2015' })).rows).toEqual([]);
    const nov = await ctx.value('dossier.propose', { unitCode: UNIT, period: '11/2015' });
    expect(nov.rows.map((r) => `${r.plan} ${r.fullName} ${r.fromMonth}`)).toEqual(['TM Đỗ Văn Phúc 11/2015']);
    expect(nov.rows[0]!.reason).toContain('16 ngày làm việc trước đó');
  });
});
