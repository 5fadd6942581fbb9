import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markSigned, transition } from '../../../electron/declarations/dossier-repo';
import { applyAcceptedDossier } from '../../../electron/ledger/write-back';
import { createTestContext, type TestContext } from '../../support/context';
import { fundShares } from '../../support/contributions';

/**
 * One unit's December 2026, computed BY HAND from the law (not from our code), driven through the real methods:
 * roster + dated events → `dossier.propose` → `declarations.contributions` / `declarations.validate` → (BHXH's
 * acceptance written back, as the poller does) → `ledger.statement`. Clock: 01/12/2026.
 *
 * Rules in force in 12/2026 (../shared/reference/legal-rules.md, bhxh-domain.md addenda 2–3):
 *   Rates (legal-rules §4, from 01/10/2022; Luật BHXH 2024 keeps them): employer HT-TT 14 + ÔĐ-TS 3 + TNLĐ-BNN 0,5 +
 *   BHYT 3 + BHTN 1 = 21,5 %; employee HT-TT 8 + BHYT 1,5 + BHTN 1 = 10,5 %; total 32 %.
 *   Lương cơ sở 2.530.000 from 01/07/2026 (NĐ 161/2026/NĐ-CP; addendum 3) → cap BHXH/BHYT 20 × = 50.600.000
 *   (Luật BHXH 2024 Điều 31 k.1 đ: 20 × mức tham chiếu = lương cơ sở; Luật BHYT Điều 14 k.5).
 *   Vùng I minimum 5.310.000 (NĐ 293/2025) → cap BHTN 20 × = 106.200.000 (Luật Việc làm 2013 Điều 58 k.2).
 *   14-day rule (Luật 58/2014 Điều 85 k.3, Điều 86 k.4; QĐ 595 Điều 42 k.4–6; legal-rules §1.6–1.7): scheduled
 *   working days NOT worked and unpaid in the calendar month ≥ 14 → nothing owed that month.
 * Calendar: 26-day unit (Monday–Saturday). December 2026: Tuesday 1st; Sundays 6, 13, 20, 27 → 27 working days.
 *
 * Staff known to BHXH since 01/2026 (ledger.participatingSince), salaries in đồng:
 *   An 7.000.000, Bình 7.000.000, Chi 10.000.000, Dũng 9.000.000, Giang 6.000.000, Hải 6.000.000, Khánh 40.000.000.
 *   Statement 11/2026 = 85.000.000 × 32 % = 27.200.000 (employer 21,5 % = 18.275.000, employee 10,5 % = 8.925.000).
 *
 * | who   | event                               | days counted (26-day)                      | row, months          | row amount (ER / EE)                    |
 * |-------|-------------------------------------|--------------------------------------------|----------------------|-----------------------------------------|
 * | An    | unpaid 01/12–16/12                  | 1–5, 7–12, 14–16 = 14 ≥ 14 (k.4)           | KL 12/2026–12/2026   | −7.000.000 × 32 % = −1.505.000 / −735.000 |
 * | Bình  | unpaid 01/12–15/12                  | 13 < 14 → still owed                       | none                 | 0                                       |
 * | Chi   | maternity 03/12/2026–02/06/2027     | Dec 3–31 = 25 ≥ 14; Jun 1–2 = 2 < 14 (k.6) | TS 12/2026–05/2027   | −10.000.000 × 32 % = −2.150.000 / −1.050.000 |
 * | Dũng  | sick 07/12–22/12                    | 7–12, 14–19, 21–22 = 14 ≥ 14 (k.5)         | OF 12/2026–12/2026   | −9.000.000 × 32 % = −1.935.000 / −945.000 |
 * | Giang | leaves, first day gone 16/12        | 16–19, 21–26, 28–31 = 14 ≥ 14 (§1.7)       | GH 12/2026           | −6.000.000 × 32 % = −1.290.000 / −630.000 |
 * | Hải   | leaves, first day gone 17/12        | 13 < 14 → December still owed              | GH 01/2027 (not now) | 0                                       |
 * | Khánh | raise 40.000.000 → 60.000.000 from 01/09/2026 | late (truy thu, §6.1)            | DC 09/2026           | see below: +2.373.000 / +1.207.000      |
 * | Lan   | hired 16/12, 8.000.000              | before: 1–5, 7–12, 14–15 = 13 < 14 (§1.6)  | TM 12/2026           | +8.000.000 × 32 % = +1.720.000 / +840.000 |
 * | Minh  | hired 17/12, 8.000.000              | before: 13 + 16/12 = 14 ≥ 14               | TM 01/2027 (not now) | 0                                       |
 * | Nam   | hired 01/12, 70.000.000             | 0 before                                   | TM 12/2026           | capped, see below: +11.073.000 / +5.507.000 |
 * | Oanh  | hired 01/12, hệ số 3,00 + PC CV 0,20 + TN nghề 10 % | 0 before                   | TM 12/2026           | see below: +1.914.704 / +935.088        |
 *
 * KL removes every fund, as the app and addendum 2 item 4 ("no contribution that month") have it; Điều 85 k.3 and QĐ 595
 * Điều 42 k.4 name BHXH only — whether BHYT and BHTN also stop for unpaid leave is an open question (k.5 says so for
 * sick leave, k.6 for maternity).
 * Nam (caps): BHXH/BHYT base 50.600.000, BHTN base 70.000.000 (< 106.200.000).
 *   ER: HT-TT 14 % 7.084.000 + ÔĐ-TS 3 % 1.518.000 + TNLĐ 0,5 % 253.000 + BHYT 3 % 1.518.000 + BHTN 1 % 700.000 = 11.073.000
 *   EE: HT-TT 8 % 4.048.000 + BHYT 1,5 % 759.000 + BHTN 1 % 700.000 = 5.507.000; total 16.580.000.
 * Oanh (NĐ 204/2004: lương cơ sở × (hệ số + PC chức vụ) × (1 + TN nghề %)): (3,00 + 0,20) × 1,10 = 3,52 ×
 *   2.530.000 = 8.905.600. ER: 1.246.784 + 267.168 + 44.528 + 267.168 + 89.056 = 1.914.704 (= 21,5 %);
 *   EE: 712.448 + 133.584 + 89.056 = 935.088 (= 10,5 %); total 2.849.792.
 * Khánh (DC = the difference, addendum 2 item 4; caps apply to both salaries): BHXH/BHYT base 40.000.000 →
 *   50.600.000 (+10.600.000), BHTN base 40.000.000 → 60.000.000 (+20.000.000).
 *   ER: 14 % 1.484.000 + 3 % 318.000 + 0,5 % 53.000 + BHYT 3 % 318.000 + BHTN 1 % 200.000 = 2.373.000;
 *   EE: 8 % 848.000 + 1,5 % 159.000 + 1 % 200.000 = 1.207.000; total 3.580.000.
 * Rows' sum: ER −6.880.000 + 17.080.704 = 10.200.704; EE −3.360.000 + 8.489.088 = 5.129.088; total 15.329.792.
 * Statement 12/2026 after acceptance = Bình 2.240.000 + Hải 1.920.000 + Khánh (60.000.000 capped: ER 7.084.000 +
 *   1.518.000 + 253.000 + 1.518.000 + 600.000 = 10.973.000, EE 4.048.000 + 759.000 + 600.000 = 5.407.000) 16.380.000 +
 *   Lan 2.560.000 + Nam 16.580.000 + Oanh 2.849.792 = 42.529.792 = 27.200.000 + 15.329.792; 6 people owe (An, Chi,
 *   Dũng absent at 0; Giang gone).
 * Statements 09, 10, 11/2026 after acceptance: 27.200.000 + Khánh's 3.580.000 = 30.780.000 each (the truy thu).
 */

const NOW = new Date('2026-12-01T09:00:00+07:00');
const UNIT = 'HC2026A';

let ctx: TestContext;

const staff = [
  { fullName: 'Trần Văn An', insuranceNumber: '0101000001', cccd: '001080000001', salary: 7_000_000 },
  { fullName: 'Lê Văn Bình', insuranceNumber: '0101000002', cccd: '001080000002', salary: 7_000_000 },
  { fullName: 'Phạm Thị Chi', insuranceNumber: '0101000003', cccd: '001190000003', salary: 10_000_000, gender: 'F' },
  { fullName: 'Hoàng Văn Dũng', insuranceNumber: '0101000004', cccd: '001080000004', salary: 9_000_000 },
  { fullName: 'Vũ Thị Giang', insuranceNumber: '0101000005', cccd: '001190000005', salary: 6_000_000, gender: 'F' },
  { fullName: 'Đỗ Văn Hải', insuranceNumber: '0101000006', cccd: '001080000006', salary: 6_000_000 },
  { fullName: 'Ngô Văn Khánh', insuranceNumber: '0101000007', cccd: '001080000007', salary: 40_000_000 },
] as const;

const hires = [
  { fullName: 'Bùi Thị Lan', cccd: '001190000011', salary: 8_000_000, contractStart: '16/12/2026', gender: 'F' },
  { fullName: 'Đặng Văn Minh', cccd: '001080000012', salary: 8_000_000, contractStart: '17/12/2026' },
  { fullName: 'Lý Văn Nam', cccd: '001080000013', salary: 70_000_000, contractStart: '01/12/2026' },
  {
    fullName: 'Mai Thị Oanh',
    cccd: '001190000014',
    salaryKind: 'coefficient' as const,
    salary: 3,
    allowancePosition: 0.2,
    allowanceSeniorityJob: 10,
    contractStart: '01/12/2026',
    gender: 'F',
  },
] as const;

beforeAll(async () => {
  ctx = createTestContext({ now: NOW });
  await ctx.value('unit.add', {
    code: UNIT,
    name: 'Công ty TNHH Tính Tay',
    taxCode: '0100109106',
    agencyCode: '03801',
    wageRegion: '01',
    ivanProvider: '00040',
    signer: 'Lê Văn Ký',
  });
  const common = {
    birthDate: '01/01/1990',
    gender: 'M' as 'M' | 'F',
    jobTitle: 'Nhân viên',
    contractNumber: '01/2026/HĐLĐ',
    contractSigned: '01/01/2026',
    hospitalCode: '01001',
  };
  for (const s of staff) {
    const e = await ctx.value('employee.save', {
      unitCode: UNIT,
      employee: { ...common, ...s, birthDate: `01/01/19${s.cccd.slice(4, 6)}`, contractStart: '01/01/2026' },
    });
    await ctx.value('ledger.participatingSince', { unitCode: UNIT, employeeId: e.id, since: '01/2026' });
  }
  for (const h of hires)
    await ctx.value('employee.save', {
      unitCode: UNIT,
      employee: {
        ...common,
        ...h,
        birthDate: `01/01/19${h.cccd.slice(4, 6)}`,
        contractNumber: `${h.cccd.slice(-2)}/2026/HĐLĐ`,
        contractSigned: h.contractStart,
      },
    });
  const ev = (employee: string, kind: string, effective: string, more: Record<string, unknown> = {}) =>
    ctx.value('employee.event', { unitCode: UNIT, employee, kind: kind as 'leave', effective, ...more });
  await ev('0101000001', 'unpaid', '01/12/2026', { end: '16/12/2026' });
  await ev('0101000002', 'unpaid', '01/12/2026', { end: '15/12/2026' });
  await ev('0101000003', 'maternity', '03/12/2026', { end: '02/06/2027' });
  await ev('0101000004', 'sick', '07/12/2026', { end: '22/12/2026' });
  await ev('0101000005', 'leave', '16/12/2026');
  await ev('0101000006', 'leave', '17/12/2026');
  await ev('0101000007', 'salary', '01/09/2026', { salary: 60_000_000 });
});
afterAll(() => ctx.close());

describe('December 2026 by hand: rows, amounts, statements', () => {
  let dossierId = '';

  it('the rules in force: lương cơ sở 2.530.000 from 07/2026 (NĐ 161/2026), caps 50.600.000 / 106.200.000', async () => {
    const r = await ctx.value('declarations.rules', { month: '12/2026' });
    expect(r).toMatchObject({ baseSalary: 2_530_000, regionalMinimum: { '01': 5_310_000 } });
    expect(r.caps.find((c) => c.fund === 'social')!.amountByRegion['01']).toBe(50_600_000);
    // 06/2026 is still under NĐ 73/2024 (2.340.000).
    expect((await ctx.value('declarations.rules', { month: '06/2026' })).baseSalary).toBe(2_340_000);
  });

  it('statement 11/2026 before any row: 85.000.000 × 32 %', async () => {
    expect(await ctx.value('ledger.statement', { unitCode: UNIT, period: '11/2026' })).toMatchObject({
      employees: 7,
      employer: 18_275_000,
      employee: 8_925_000,
      total: 27_200_000,
    });
  });

  it('proposes exactly the hand-computed rows of 12/2026', async () => {
    const p = await ctx.value('dossier.propose', { unitCode: UNIT, period: '12/2026' });
    const brief = p.rows.map(
      (r) => `${r.plan} ${r.loai} ${r.fullName} ${r.fromMonth}-${r.toMonth} ${r.salary} ${r.previousSalary} ${r.late}`,
    );
    expect(brief.sort()).toEqual(
      [
        'KL 3 Trần Văn An 12/2026-12/2026 7000000 null false',
        'TS 3 Phạm Thị Chi 12/2026-05/2027 10000000 null false',
        'OF 3 Hoàng Văn Dũng 12/2026-12/2026 9000000 null false',
        'GH 3 Vũ Thị Giang 12/2026- 6000000 null false',
        'DC 2 Ngô Văn Khánh 09/2026- 60000000 40000000 true',
        'TM 1 Bùi Thị Lan 12/2026- 8000000 null false',
        'TM 1 Lý Văn Nam 12/2026- 70000000 null false',
        'TM 1 Mai Thị Oanh 12/2026- 3 null false',
      ].sort(),
    );
    const reason = (n: string) => p.rows.find((r) => r.fullName === n)!.reason;
    expect(reason('Bùi Thị Lan')).toContain('13 ngày làm việc trước đó');
    expect(reason('Vũ Thị Giang')).toContain('14 ngày làm việc còn lại');
    const d = await ctx.value('dossier.create', { draft: p.draft });
    dossierId = d.id;
    expect(d.validation.errors, JSON.stringify(d.validation.problems)).toBe(0);
    // Nam's 70.000.000 is over the BHXH/BHYT cap of 20 × 2.530.000.
    const nam = p.rows.findIndex((r) => r.fullName === 'Lý Văn Nam');
    const over = d.validation.problems.find((x) => x.field === `rows[${nam}].salary`);
    expect(over).toMatchObject({ code: 'SALARY_OVER_CAP', severity: 'warning' });
    expect(over!.message).toContain('50.600.000');
  });

  it('every row’s amount per fund and share, and the totals, to the đồng', async () => {
    const d = await ctx.value('dossier.get', { id: dossierId });
    const names = (d.draft.rows as { fullName: string }[]).map((r) => r.fullName);
    const c = await ctx.value('declarations.contributions', { draft: d.draft });
    expect(c.skipped).toEqual([]);
    const got = Object.fromEntries(
      c.rows.map((r) => [
        `${r.plan} ${names[r.index]}`,
        { month: r.month, insured: r.insuredSalary, bases: r.bases, employer: r.employer, employee: r.employee },
      ]),
    );
    const fund = fundShares;
    const flat = (x: number) => ({ social: x, health: x, unemployment: x });
    expect(got).toEqual({
      // −7.000.000 × (14, 3, 0,5, 3, 1 | 8, 0, 0, 1,5, 1) %
      'KL Trần Văn An': {
        month: '12/2026',
        insured: 7_000_000,
        bases: flat(7_000_000),
        employer: fund(-980_000, -210_000, -35_000, -210_000, -70_000),
        employee: fund(-560_000, 0, 0, -105_000, -70_000),
      },
      'TS Phạm Thị Chi': {
        month: '12/2026',
        insured: 10_000_000,
        bases: flat(10_000_000),
        employer: fund(-1_400_000, -300_000, -50_000, -300_000, -100_000),
        employee: fund(-800_000, 0, 0, -150_000, -100_000),
      },
      'OF Hoàng Văn Dũng': {
        month: '12/2026',
        insured: 9_000_000,
        bases: flat(9_000_000),
        employer: fund(-1_260_000, -270_000, -45_000, -270_000, -90_000),
        employee: fund(-720_000, 0, 0, -135_000, -90_000),
      },
      'GH Vũ Thị Giang': {
        month: '12/2026',
        insured: 6_000_000,
        bases: flat(6_000_000),
        employer: fund(-840_000, -180_000, -30_000, -180_000, -60_000),
        employee: fund(-480_000, 0, 0, -90_000, -60_000),
      },
      'DC Ngô Văn Khánh': {
        month: '09/2026',
        insured: 60_000_000,
        bases: { social: 50_600_000, health: 50_600_000, unemployment: 60_000_000 },
        employer: fund(1_484_000, 318_000, 53_000, 318_000, 200_000),
        employee: fund(848_000, 0, 0, 159_000, 200_000),
      },
      'TM Bùi Thị Lan': {
        month: '12/2026',
        insured: 8_000_000,
        bases: flat(8_000_000),
        employer: fund(1_120_000, 240_000, 40_000, 240_000, 80_000),
        employee: fund(640_000, 0, 0, 120_000, 80_000),
      },
      'TM Lý Văn Nam': {
        month: '12/2026',
        insured: 70_000_000,
        bases: { social: 50_600_000, health: 50_600_000, unemployment: 70_000_000 },
        employer: fund(7_084_000, 1_518_000, 253_000, 1_518_000, 700_000),
        employee: fund(4_048_000, 0, 0, 759_000, 700_000),
      },
      'TM Mai Thị Oanh': {
        month: '12/2026',
        insured: 8_905_600,
        bases: flat(8_905_600),
        employer: fund(1_246_784, 267_168, 44_528, 267_168, 89_056),
        employee: fund(712_448, 0, 0, 133_584, 89_056),
      },
    });
    expect(c.totals).toMatchObject({ employer: 10_200_704, employee: 5_129_088, total: 15_329_792 });
  });

  it('the late DC carries its D01-TS document (one line per back period, legal-rules.md §6.1)', async () => {
    const d = await ctx.value('dossier.get', { id: dossierId });
    const khanh = (d.draft.rows as { fullName: string; documents?: { summary: string }[] }[]).find(
      (r) => r.fullName === 'Ngô Văn Khánh',
    )!;
    expect(khanh.documents!.map((x) => x.summary)).toEqual(['Truy thu điều chỉnh lương từ tháng 09/2026']);
    const built = await ctx.value('declarations.build', { draft: d.draft });
    expect(built.files.map((f) => f.fileName)).toContain('D01-TS-595.xml');
  });

  it('the printed D02-TS shows the coefficient and its allowance as typed (3 / 0,2 / 10 %) and the hand totals', async () => {
    const html = (await ctx.value('dossier.printHtml', { id: dossierId })).html;
    const oanh = /<tr><td class="num">\d+<\/td><td>Mai Thị Oanh<\/td>.*?<\/tr>/.exec(html)![0];
    const cells = [...oanh.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    // STT, name, mã số, job, TienLuong 3, PC CV 0,2, TNVK 0, TN nghề 10, PC lương 0, bổ sung 0, from, to, PA, rate, amount.
    expect(cells.slice(4, 15)).toEqual(['3', '0,2', '0', '10', '0', '0', '12/2026', '', 'TM', '32,0', '2.849.792']);
    expect(html).toMatch(/Tổng số phải đóng:<\/td><td class="num"><b>15\.329\.792 đ<\/b>/);
  });

  it('accepted by BHXH: the statements of 09–12/2026 carry the rows, to the đồng', async () => {
    // The dossier's life up to BHXH's acceptance through the repository, then its rows written into the participation
    // ledger as the I-VAN poller does (electron/ivan/poller.ts). The envelope is a stand-in: signing and the I-VAN
    // round trip are proven by tests/integration/ledger/month.test.ts; these tests prove the amounts.
    const envelope = Buffer.from('<Hoso/>');
    const at = new Date('2026-12-05T03:00:00Z');
    markSigned(ctx.db, dossierId, {
      envelope,
      sha256: createHash('sha256').update(envelope).digest('hex'),
      signer: 'Lê Văn Ký',
      mst: '0100109106',
      paperCopyRequired: false,
      at,
    });
    for (const to of ['queued', 'sent', 'received', 'accepted'] as const) transition(ctx.db, dossierId, to, { at });
    applyAcceptedDossier(ctx.db, dossierId, at);
    for (const m of ['09/2026', '10/2026', '11/2026'])
      expect(await ctx.value('ledger.statement', { unitCode: UNIT, period: m }), m).toMatchObject({
        employees: 7,
        total: 30_780_000,
      });
    expect(await ctx.value('ledger.statement', { unitCode: UNIT, period: '08/2026' })).toMatchObject({
      total: 27_200_000,
    });
    const dec = await ctx.value('ledger.statement', { unitCode: UNIT, period: '12/2026' });
    expect(dec).toMatchObject({ employees: 6, employer: 18_275_000 + 10_200_704, employee: 8_925_000 + 5_129_088 });
    expect(dec.total).toBe(42_529_792);
    const row = (n: string) => dec.rows.find((r) => r.fullName === n);
    expect(row('Ngô Văn Khánh')).toMatchObject({ salary: 60_000_000, employer: 10_973_000, employee: 5_407_000 });
    expect(row('Trần Văn An')).toMatchObject({ total: 0 });
    expect(row('Lê Văn Bình')).toMatchObject({ total: 2_240_000 });
    expect(row('Phạm Thị Chi')).toMatchObject({ total: 0 });
    expect(row('Hoàng Văn Dũng')).toMatchObject({ total: 0 });
    expect(row('Vũ Thị Giang')).toBeUndefined();
    expect(row('Mai Thị Oanh')).toMatchObject({ salary: 8_905_600, total: 2_849_792 });
  });

  it('January 2027: Minh (hired 17/12) and Hải (gone 17/12) come in their own month', async () => {
    const p = await ctx.value('dossier.propose', { unitCode: UNIT, period: '01/2027' });
    const brief = p.rows.map((r) => `${r.plan} ${r.fullName} ${r.fromMonth}`);
    expect(brief).toContain('TM Đặng Văn Minh 01/2027');
    expect(brief).toContain('GH Đỗ Văn Hải 01/2027');
    expect(p.rows.find((r) => r.fullName === 'Đặng Văn Minh')!.reason).toContain('14 ngày làm việc trước đó');
    expect(p.rows.find((r) => r.fullName === 'Đỗ Văn Hải')!.reason).toContain('13 ngày làm việc còn lại');
    // Chi is still on maternity leave: no row for her until June 2027.
    expect(brief.filter((b) => b.includes('Phạm Thị Chi'))).toEqual([]);
  });

  it('June 2027: Chi back from maternity leave (June 1–2 away = 2 days < 14) → ON 06/2027 at 10.000.000', async () => {
    const p = await ctx.value('dossier.propose', { unitCode: UNIT, period: '06/2027' });
    const chi = p.rows.filter((r) => r.fullName === 'Phạm Thị Chi');
    expect(chi.map((r) => `${r.plan} ${r.fromMonth}-${r.toMonth} ${r.salary}`)).toEqual(['ON 06/2027- 10000000']);
  });
});
